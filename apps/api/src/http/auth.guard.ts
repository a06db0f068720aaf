import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IdentityService } from '@msc/domain/identity';
import type { Role } from '@msc/kernel';
import { ApiProblem } from './api-problem.js';
import { IS_PUBLIC, ROLES } from './public.decorator.js';

/**
 * The global guard: every route needs a valid access token unless marked @Public(), and a route
 * without @Roles/@SignedIn is refused outright, so that forgetting a decorator fails closed.
 * Roles are read from the database on each request: a role change takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles === undefined) {
      throw new ApiProblem(403, 'route-not-guarded', 'This route declares no access rule');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw new ApiProblem(
        401,
        'unauthenticated',
        'Sign in and send the access token as "Authorization: Bearer <token>"',
        {
          headers: { 'WWW-Authenticate': 'Bearer' },
        },
      );
    }
    request.user = await this.identity.authenticate(match[1]!);
    if (roles.length > 0 && !roles.some((role) => request.user!.roles.includes(role))) {
      throw new ApiProblem(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
