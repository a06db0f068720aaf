import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@msc/kernel';
import { ApiProblem } from './api-problem.js';
import { unavailableDependency } from './dependency-errors.js';
import { STATUS_OF_DOMAIN_CODE } from './domain-error-map.js';
import { PROBLEM_CONTENT_TYPE, problemType, titleOf, type Problem } from './problem.js';

interface Rendered {
  problem: Problem;
  headers: Record<string, string>;
}

/** Every error leaves the API as application/problem+json; unknown ones as a logged 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = this.render(exception, request);
    problem.instance ??= request.url;
    if (reply.sent) return;
    reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
  }

  private render(exception: unknown, request: FastifyRequest): Rendered {
    if (exception instanceof ApiProblem) {
      return { problem: { ...exception.problem }, headers: exception.headers };
    }
    if (exception instanceof DomainError) return this.fromDomain(exception);
    if (exception instanceof HttpException) return this.fromHttp(exception);
    const status = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Fastify's own refusals: body too large, bad JSON, unsupported content type.
      const message = (exception as Error).message ?? titleOf(status);
      return { problem: this.problem(status, 'request', message), headers: {} };
    }
    const unavailable = unavailableDependency(exception);
    if (unavailable) {
      // Down or saturated is not a bug: the client is told when to come back.
      this.logger.warn(
        { err: exception, dependency: unavailable.dependency, url: request.url },
        'dependency unavailable',
      );
      const what = unavailable.dependency === 'redis' ? 'The queue store' : 'The database';
      return {
        problem: {
          ...this.problem(
            503,
            'unavailable',
            `${what} is unavailable or busy; try again in ${unavailable.retryAfterSeconds} s`,
          ),
          dependency: unavailable.dependency,
        },
        headers: { 'Retry-After': String(unavailable.retryAfterSeconds) },
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      { err: exception, errorId, method: request.method, url: request.url },
      'unhandled error',
    );
    return {
      problem: {
        ...this.problem(500, 'internal', `Something went wrong on our side (error id ${errorId})`),
        errorId,
      },
      headers: {},
    };
  }

  private fromDomain(error: DomainError): Rendered {
    const status = STATUS_OF_DOMAIN_CODE[error.code];
    if (status === undefined) {
      const errorId = randomUUID();
      this.logger.error(
        { err: error, errorId, code: error.code },
        'domain error without an HTTP mapping',
      );
      return {
        problem: {
          ...this.problem(500, 'internal', `Unexpected error (error id ${errorId})`),
          errorId,
        },
        headers: {},
      };
    }
    const { retryAfterSeconds, ...details } = error.details ?? {};
    const headers: Record<string, string> = {};
    if (typeof retryAfterSeconds === 'number') headers['Retry-After'] = String(retryAfterSeconds);
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
    return {
      // Details extend the problem; they never replace its standard members.
      problem: {
        ...details,
        ...this.problem(status, error.code.replace(/\./g, '/'), error.message),
        code: error.code,
      },
      headers,
    };
  }

  private fromHttp(exception: HttpException): Rendered {
    const status = exception.getStatus();
    const body = exception.getResponse();
    let detail = exception.message;
    if (typeof body === 'object' && body !== null && 'message' in body) {
      const message = (body as { message: unknown }).message;
      detail = Array.isArray(message) ? message.join('; ') : String(message);
    }
    return {
      problem: this.problem(status, status === 404 ? 'not-found' : 'http', detail),
      headers: {},
    };
  }

  private problem(status: number, slug: string, detail: string): Problem {
    return { type: problemType(slug), title: titleOf(status), status, detail };
  }
}
