import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ApiProblem } from './api-problem.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** Whether the request carries a body at all (an empty POST is left to validation). */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/**
 * A route that reads a JSON body (`@Body()`) answers 415 to any other body: Fastify would hand
 * it a text/plain string (or nothing, for multipart), which validation would report as a list of
 * missing fields. Routes without `@Body()` (multipart uploads, bodiless actions) are untouched.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly readsBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && this.takesJsonBody(context)) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (hasBody(request) && !JSON_MEDIA_TYPE.test(mediaType)) {
        throw new ApiProblem(
          415,
          'json-required',
          `Send the body as application/json${mediaType ? `, not ${mediaType}` : ''}`,
        );
      }
    }
    return next.handle();
  }

  private takesJsonBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.readsBody.get(handler);
    if (known === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as Record<string, unknown>;
      known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.readsBody.set(handler, known);
    }
    return known;
  }
}
