import { problemType, titleOf, type Problem } from './problem.js';

/** An HTTP-level refusal raised inside apps/api, rendered as problem+json by the filter. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    slug: string,
    detail: string,
    extra: {
      errors?: Problem['errors'];
      headers?: Record<string, string>;
      [key: string]: unknown;
    } = {},
  ) {
    super(detail);
    const { headers, ...extensions } = extra;
    this.headers = headers ?? {};
    this.problem = {
      type: problemType(slug),
      title: titleOf(status),
      status,
      detail,
      ...extensions,
    };
  }
}
