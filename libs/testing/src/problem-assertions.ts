import type { Response } from 'supertest';

/** Asserts an RFC 9457 error answer: the status, the content type and the four members. */
export function expectProblem(res: Response, status: number): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.stringMatching(/^https?:\/\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(JSON.stringify(res.body)).not.toMatch(/"stack"|\n\s+at /);
}
