import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from './api-problem.js';

type PartsOptions = NonNullable<Parameters<FastifyRequest['parts']>[0]>;
type Part = Awaited<ReturnType<ReturnType<FastifyRequest['parts']>['next']>>['value'];

/**
 * The parts of a multipart request, where a body the parser cannot read (no boundary, cut off
 * before its closing delimiter) is a 400 rather than the parser's bare Error, which is a 500.
 * The plugin's own refusals (limits, prototype field names) keep their 4xx status.
 */
export async function* multipartParts(
  request: FastifyRequest,
  options?: PartsOptions,
): AsyncGenerator<Part, void, undefined> {
  const iterator = request.parts(options)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Part>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw unreadable(error);
      }
      if (next.done) return;
      refuseNul(next.value);
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * What to throw when reading a file part failed: the parser's failure of the part itself (a body
 * cut off mid-file) is the same 400 as above; anything else (the store's refusals) passes through.
 */
export function partFailure(file: Readable, error: unknown): unknown {
  return file.errored !== null && file.errored === error ? unreadable(error) : error;
}

function unreadable(error: unknown): unknown {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  return new ApiProblem(
    400,
    'malformed-multipart',
    `The multipart/form-data body could not be read: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** A NUL in a text field or a file name is a 400, as it is in JSON bodies. */
function refuseNul(part: Part): void {
  const texts = [part.fieldname, part.type === 'field' ? part.value : undefined];
  if (part.type === 'file') texts.push(part.filename);
  if (texts.some((text) => typeof text === 'string' && text.includes('\u0000'))) {
    throw new ApiProblem(
      400,
      'request',
      `The field ${part.fieldname.replaceAll('\u0000', '')} must not contain the NUL character`,
    );
  }
}
