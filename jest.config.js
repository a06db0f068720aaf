/** Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules), TypeScript through ts-jest. */
const moduleNameMapper = {
  '^@msc/domain/(.*)$': '<rootDir>/libs/domain/$1/src/index.ts',
  '^@msc/migrations$': '<rootDir>/migrations/index.ts',
  '^@msc/api$': '<rootDir>/apps/api/src/index.ts',
  '^@msc/worker$': '<rootDir>/apps/worker/src/index.ts',
  '^@msc/server$': '<rootDir>/apps/server/src/index.ts',
  '^@msc/cli$': '<rootDir>/apps/cli/src/index.ts',
  '^@msc/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  moduleNameMapper,
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      // The web app in a real Chromium against the real built server (one of each per run).
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
      globalSetup: '<rootDir>/test/web/global-setup.ts',
      globalTeardown: '<rootDir>/test/web/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // A global option: jest ignores it inside a project. It bounds the hooks too: booting a test app
  // in beforeAll passed 30 s on a 2-core machine loaded by a parallel build.
  testTimeout: 60_000,
};
