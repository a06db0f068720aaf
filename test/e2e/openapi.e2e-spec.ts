import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from '@msc/testing';

interface MediaType {
  schema?: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  operationId?: string;
  responses?: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Operations whose success answer has no body although it is not a 204: each one a decision, like
 * the 202 of a password-reset request, which says nothing about whether the e-mail is known.
 */
const EMPTY_SUCCESS = new Set(['POST /api/v1/auth/password-reset']);

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);
const isJson = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType);

/** What is wrong with one operation: the reasons the web app's client could not be typed from it. */
function operationDefects(operation: Operation, emptySuccess = false): string[] {
  const defects: string[] = [];
  if (!operation.summary?.trim()) defects.push('no summary');
  if (!operation.tags?.length) defects.push('no tags');
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) =>
    /^2\d\d$/.test(status),
  );
  if (!successes.length) defects.push('no 2xx response');
  for (const [status, response] of successes) {
    if (status === '204' || emptySuccess) {
      if (response.content) defects.push(`${status} declares a body`);
      continue;
    }
    const content = Object.entries(response.content ?? {});
    if (!content.length) defects.push(`${status} declares no content`);
    for (const [mediaType, media] of content) {
      if (isJson(mediaType) && !media.schema) defects.push(`${status} ${mediaType} has no schema`);
    }
  }
  return defects;
}

function operations(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation,
      ]),
  );
}

describe('OpenAPI document (e2e)', () => {
  let app: TestApp;
  let served: Document;

  beforeAll(async () => {
    app = await createTestApp();
    const response = await request(app.server).get('/docs-json').expect(200);
    served = response.body as Document;
  }, 60_000);
  afterAll(() => app?.close());

  it('the committed apps/web/src/api/openapi.json is what the running app serves', async () => {
    const committed = JSON.parse(
      await readFile(resolve(process.cwd(), 'apps/web/src/api/openapi.json'), 'utf8'),
    ) as Document;
    // Key order aside, the same document: otherwise run `npm run openapi` and commit the files.
    expect(committed).toEqual(served);
  });

  it('every operation has a summary, tags and a described 2xx body', () => {
    const all = operations(served);
    expect(all.length).toBeGreaterThan(70);
    const defective = all
      .map(
        ([name, operation]) =>
          [name, operationDefects(operation, EMPTY_SUCCESS.has(name))] as const,
      )
      .filter(([, defects]) => defects.length)
      .map(([name, defects]) => `${name}: ${defects.join(', ')}`);
    expect(defective).toEqual([]);
  });

  it('every schema an operation refers to is defined', () => {
    const text = JSON.stringify(served);
    const referenced = new Set(
      [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]),
    );
    const defined = new Set(Object.keys(served.components?.schemas ?? {}));
    expect([...referenced].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('error answers are described: problem+json ones by ProblemDto', () => {
    const problem = served.components?.schemas?.ProblemDto as
      { properties?: Record<string, unknown> } | undefined;
    expect(Object.keys(problem?.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors', 'unmet']),
    );
    const wrong = operations(served).flatMap(([name, operation]) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([, response]) => {
          const content = Object.entries(response.content ?? {});
          if (!content.length) return true;
          return content.some(([mediaType, media]) => {
            const schema = media.schema as { $ref?: string } | undefined;
            if (mediaType === 'application/problem+json')
              return schema?.$ref !== '#/components/schemas/ProblemDto';
            return !schema;
          });
        })
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('the check above refuses an operation without a summary or a body schema', () => {
    expect(operationDefects({ tags: ['x'], responses: { '200': { description: 'ok' } } })).toEqual([
      'no summary',
      '200 declares no content',
    ]);
    expect(
      operationDefects({
        summary: 'Get a thing',
        tags: ['x'],
        responses: { '200': { content: { 'application/json': {} } } },
      }),
    ).toEqual(['200 application/json has no schema']);
    expect(
      operationDefects({
        summary: 'Accept',
        tags: ['x'],
        responses: { '202': { description: '' } },
      }),
    ).toEqual(['202 declares no content']);
    expect(
      operationDefects({
        summary: 'Download a thing',
        tags: ['x'],
        responses: { '200': { content: { 'application/pdf': {} } } },
      }),
    ).toEqual([]);
    expect(operationDefects({ summary: 'Nothing', tags: ['x'], responses: {} })).toEqual([
      'no 2xx response',
    ]);
  });
});
