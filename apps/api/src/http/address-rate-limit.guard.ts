import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@msc/config';
import { RateLimiter } from '@msc/queue';
import { ApiProblem } from './api-problem.js';

/** Limits sign-in traffic per client address, counted in Redis across all API processes. */
@Injectable()
export class AddressRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const decision = await this.limiter.hit(
      `auth-address:${request.ip}`,
      this.config.AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE,
      60,
    );
    if (!decision.allowed) {
      throw new ApiProblem(
        429,
        'rate-limited',
        'Too many sign-in requests from this address; slow down',
        {
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        },
      );
    }
    return true;
  }
}
