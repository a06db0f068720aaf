// Flat config: typescript-eslint recommended plus the few rules that hold the architecture
// (no floating promises, exhaustive switches, no import cycles, project and layer boundaries).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Projects talk to each other through their `@msc/*` alias, never by a relative path out of
// their own folder: climbing to the repository root, or into another project's src/.
const crossProjectPatterns = [
  {
    regex: String.raw`^(\.\./)+((apps|libs|migrations|test|bench)(/|$)|([^./][^/]*/)+src(/|$))`,
    message: 'Import another project through its @msc/* alias, not a relative path.',
  },
];

// Everything @nestjs/common exports that is an HTTP exception.
const httpExceptions = [
  'BadGatewayException',
  'BadRequestException',
  'ConflictException',
  'ForbiddenException',
  'GatewayTimeoutException',
  'GoneException',
  'HttpException',
  'HttpVersionNotSupportedException',
  'ImATeapotException',
  'InternalServerErrorException',
  'IntrinsicException',
  'MethodNotAllowedException',
  'MisdirectedException',
  'NotAcceptableException',
  'NotFoundException',
  'NotImplementedException',
  'PayloadTooLargeException',
  'PreconditionFailedException',
  'RequestTimeoutException',
  'ServiceUnavailableException',
  'UnauthorizedException',
  'UnprocessableEntityException',
  'UnsupportedMediaTypeException',
];

// Domain contexts in dependency order: a context may import an earlier one, never a later one.
// The kernel they share (Actor, DomainError, roles) is a platform library beside libs/db.
const domainOrder = [
  'identity',
  'pathway',
  'courses',
  'ce-credits',
  'applications',
  'practicum',
  'credentials',
  // Housekeeping on top: it asks registries the contexts fill (UndoneWork, BlobReferences) and
  // may import any of them; none of them may depend on it.
  'maintenance',
];
const laterContexts = (i) => domainOrder.slice(i + 1).map((c) => `./libs/domain/${c}`);
const domainZones = [
  ...domainOrder.slice(0, -1).map((context, i) => ({
    target: `./libs/domain/${context}`,
    from: laterContexts(i),
    message: `${context} sits below these contexts in the dependency order (see DESIGN.md).`,
  })),
  // audit and notifications are leaves every context may use, so they import none above identity.
  ...['audit', 'notifications'].map((leaf) => ({
    target: `./libs/domain/${leaf}`,
    from: laterContexts(domainOrder.indexOf('identity')),
    message: `${leaf} is a leaf that every context may use; it must not depend on them.`,
  })),
];

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'data/**',
      'docker/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: 'tsconfig.json',
          alwaysTryTypes: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        {
          considerDefaultExhaustiveForUnions: false,
          requireDefaultForNonUnion: false,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              // libs/testing is exempt: its test app builder mounts the API module.
              target: [
                './libs/config',
                './libs/db',
                './libs/queue',
                './libs/storage',
                './libs/kernel',
                './libs/domain',
              ],
              from: './apps',
              message: 'Libraries must not depend on applications.',
            },
            {
              target: [
                './libs/config',
                './libs/db',
                './libs/queue',
                './libs/storage',
                './libs/kernel',
              ],
              from: './libs/domain',
              message: 'Platform libraries sit below the domain: they must not depend on it.',
            },
            {
              // apps/server composes the two; neither knows the other nor the composition root.
              target: './apps/api',
              from: ['./apps/worker', './apps/server'],
              message: 'The API must not depend on the worker nor on apps/server.',
            },
            {
              target: './apps/worker',
              from: ['./apps/api', './apps/server'],
              message: 'The worker must not depend on the API nor on apps/server.',
            },
            ...domainZones,
          ],
        },
      ],
      'no-restricted-imports': ['error', { patterns: crossProjectPatterns }],
    },
  },
  {
    // The web app: browser code with JSX, type-checked by its own tsconfig (apps/web/tsconfig.json).
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        ecmaFeatures: { jsx: true },
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: 'apps/web/tsconfig.json', alwaysTryTypes: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(\.\./)+(apps|libs)(/|$)|^@msc/`,
              message: 'The web app talks to the API only through src/api (the generated client).',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code throws domain errors; only apps/api maps them to HTTP.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: httpExceptions,
              message:
                'Libraries throw domain errors with a code; apps/api maps them to HTTP responses.',
            },
          ],
          patterns: crossProjectPatterns,
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
