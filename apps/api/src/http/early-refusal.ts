import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, titleOf } from './problem.js';

/** A NUL anywhere in the path or query (percent-encoded or raw): 400 before routing. */
export async function refuseNulInUrl(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const url = request.raw.url ?? '';
  if (!/%00/i.test(url) && !url.includes('\u0000')) return;
  await reply
    .code(400)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType('request'),
      title: titleOf(400),
      status: 400,
      detail: 'The address must not contain the NUL character (%00)',
      instance: url.split('?')[0],
    });
}

/**
 * The largest rest of a refused body that is read and discarded so the connection can be reused;
 * past it the connection is closed once the answer is out.
 */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * After an early refusal (413, 415, 401 on an upload) the request body may still be on its way.
 * Closing the socket while unread bytes sit in it makes the kernel reset the connection, and the
 * client's next request on it fails with ECONNRESET. So the answer says `Connection: close` and the
 * rest of the body is read and discarded (up to a bound) before the socket is ended gracefully.
 */
export function registerEarlyRefusalHandling(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 && hasUnreadBody(request)) {
      reply.header('connection', 'close');
      drainThenClose(request);
    }
    return payload;
  });
}

function hasUnreadBody(request: FastifyRequest): boolean {
  const raw = request.raw;
  if (raw.complete || raw.readableEnded) return false;
  const length = raw.headers['content-length'];
  return raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function drainThenClose(request: FastifyRequest): void {
  const raw = request.raw;
  let read = 0;
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_LIMIT_BYTES) {
      raw.off('data', onData);
      // Enough: stop reading; the socket is ended below once the answer is written.
      raw.pause();
    }
  };
  raw.on('data', onData);
  raw.resume();
}
