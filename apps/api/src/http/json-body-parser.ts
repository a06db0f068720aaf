import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What the JSON parser refuses before any work: a 400 problem (see the problem filter). */
export class JsonBodyRefusal extends Error {
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = 'JsonBodyRefusal';
  }
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const LETTER_U = 0x75; // u

/**
 * One pass over the raw text, before JSON.parse: the nesting depth and NUL characters (escaped as
 * \u0000; a raw one is a syntax error already). Linear and allocation-free, so that a megabyte of
 * brackets is refused in about a millisecond instead of recursing through the parser and the
 * validators for seconds.
 */
export function checkJsonText(text: string, maxDepth: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) === LETTER_U && text.startsWith('0000', i + 2)) {
          return 'Text must not contain the NUL character (\\u0000)';
        }
        i += 1;
      } else if (c === QUOTE) {
        inString = false;
      } else if (c === 0) {
        return 'Text must not contain the NUL character (\\u0000)';
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > maxDepth) return `The JSON body is nested deeper than ${maxDepth} levels`;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return null;
}

/** JSON media types: application/json and the structured-syntax ones (application/x+json). */
export const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;.*)?$/i;

/**
 * Replaces Fastify's JSON parser with one that checks depth and NUL first, then hands the text to
 * Fastify's own parser (which keeps its prototype-poisoning protection and empty-body refusal).
 */
export function registerJsonBodyParser(fastify: FastifyInstance, maxDepth: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    JSON_CONTENT_TYPE,
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const refusal = checkJsonText(text, maxDepth);
      if (refusal) {
        done(new JsonBodyRefusal(refusal), undefined);
        return;
      }
      void parse(request, text, done);
    },
  );
}
