/** An RFC 9457 problem as the API answers it (`errors` for validation, `unmet` for pathway rules). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  unmet?: { key?: string; title?: string; have?: number; need?: number; detail?: string }[];
  [member: string]: unknown;
}

/** Thrown by `unwrap` for a 4xx/5xx answer, carrying the problem body. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for one field, from `errors[]`. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'status' in error) return error as Problem;
  return { status: response.status, title: response.statusText };
}

/**
 * Turns an openapi-fetch answer into its data, or throws ApiProblem: query and mutation
 * functions use it so that TanStack Query sees failures as errors.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiProblem(asProblem(result.error, result.response));
}
