/** Which dependency did not answer. */
export type Dependency = 'postgres' | 'redis';

/**
 * A dependency that is down or saturated: rendered as 503 with Retry-After by the problem filter.
 * Thrown by apps/api where a call could otherwise wait for a dependency without bound.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: Dependency,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
    this.name = 'DependencyUnavailableError';
  }
}

/** The promise's value, or DependencyUnavailableError once `ms` passed without an answer. */
export async function withinDeadline<T>(
  promise: Promise<T>,
  ms: number,
  dependency: Dependency,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new DependencyUnavailableError(dependency, { cause: `no answer in ${ms} ms` })),
          ms,
        );
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
