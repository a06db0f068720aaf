import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/** Header names a preflight may ask for: tokens only, so nothing odd is echoed back. */
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;

/**
 * `Access-Control-Allow-Origin: *` on a public verification answer, so that a verifier's page on
 * another site can read it from a browser. Set before the handler runs, so that its problem
 * answers (an unknown credential's 404) are readable too. Never with credentials: these routes
 * take no cookie and no token.
 */
@Injectable()
export class PublicCorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<FastifyReply>().header('Access-Control-Allow-Origin', '*');
    return next.handle();
  }
}

/** Marks a public verification route readable from any origin. */
export const PublicCors = () => UseInterceptors(PublicCorsInterceptor);

/** Answers the CORS preflight of a public verification route: GET (and HEAD) from anywhere. */
export function answerPreflight(request: FastifyRequest, reply: FastifyReply): void {
  const asked = request.headers['access-control-request-headers'];
  reply
    .status(204)
    .header('Access-Control-Allow-Origin', '*')
    .header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    .header('Access-Control-Max-Age', '86400');
  if (typeof asked === 'string' && HEADER_LIST.test(asked.trim())) {
    reply.header('Access-Control-Allow-Headers', asked.trim());
  }
  reply.send();
}
