import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UserView } from '@msc/domain/identity';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserView;
  }
}

/** The signed-in user the guard put on the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): UserView => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (!request.user) throw new Error('CurrentUser used on a route without authentication');
    return request.user;
  },
);
