import { AppConfig, ConfigValidationError, loadConfig } from './app-config.js';

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe(loadConfig.name, () => {
  it('should apply the defaults to an empty environment', () => {
    const sut = loadConfig({});

    expect(sut).toBeInstanceOf(AppConfig);
    expect(sut).toMatchObject({
      NODE_ENV: 'development',
      PROCESS_ROLE: 'all',
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/msc',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'msc',
      LOGIN_FAILURES_PER_ACCOUNT: 5,
      LOGIN_FAILURE_WINDOW_SECONDS: 900,
      AUTH_REQUESTS_PER_ADDRESS_PER_MINUTE: 30,
      BODY_LIMIT_BYTES: 1_048_576,
      ACCESS_TOKEN_TTL_SECONDS: 900,
      LOG_PRETTY: false,
      STORAGE_DRIVER: 'local',
    });
    expect(sut.ADMIN_EMAIL).toBeUndefined();
    expect(sut.JWT_SECRET).toBeUndefined();
    expect(sut.runsApi && sut.runsWorker).toBe(true);
  });

  it('should turn numeric and boolean strings into values', () => {
    const sut = loadConfig({ PORT: '8080', LOG_PRETTY: 'true', WORKER_CONCURRENCY: ' 7 ' });

    expect(sut.PORT).toBe(8080);
    expect(sut.LOG_PRETTY).toBe(true);
    expect(sut.WORKER_CONCURRENCY).toBe(7);
  });

  it('should default PUBLIC_BASE_URL to the configured port on localhost, without a trailing slash', () => {
    expect(loadConfig({}).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://msc.example.org/' }).PUBLIC_BASE_URL).toBe(
      'https://msc.example.org',
    );
    expect(problemsOf({ PUBLIC_BASE_URL: 'not a url' })[0]?.variable).toBe('PUBLIC_BASE_URL');
  });

  it('should treat an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }).PORT).toBe(3000);
  });

  it('should ignore variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/msc' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['PROCESS_ROLE', { PROCESS_ROLE: 'x' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['LOG_PRETTY', { LOG_PRETTY: 'maybe' }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'admin@example.org' }],
    ['ADMIN_EMAIL', { ADMIN_PASSWORD: 'a-long-password' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not-an-address', ADMIN_PASSWORD: 'a-long-password' }],
    ['S3_BUCKET', { STORAGE_DRIVER: 's3' }],
  ])('should name %s when it is not valid', (variable, env) => {
    const problems = problemsOf(env);

    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(problems[0]!.message).not.toBe('');
  });

  it('should name every bad variable at once, in the error message too', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PROCESS_ROLE: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/PROCESS_ROLE/);
  });

  it('should not ask a worker for the first admin', () => {
    expect(() =>
      loadConfig({ PROCESS_ROLE: 'worker', ADMIN_EMAIL: 'admin@example.org' }),
    ).not.toThrow();
  });
});
