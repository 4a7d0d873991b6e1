// Lint: typescript-eslint's recommended rules plus Nx's module-boundary rule, which keeps the core
// libs (contracts, playbook, engine) free of adapters (Prisma, BullMQ, HTTP) and of apps.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'apps/web/dist/**', 'test-output/**', '.nx/**', 'libs/persistence/src/generated/**', '.sim-state/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'], bannedExternalImports: ['@prisma/*', 'bullmq', 'ioredis', '@nestjs/*', 'express', 'pg', '@azure/*'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:adapter'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:testing', 'type:app'] },
          ],
        },
      ],
    },
  },
  {
    // Tests of any project may use the testing lib (Postgres/Redis/process helpers).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/e2e/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        // The simulator is an app, but tests start it in-process.
        { allow: ['@soar/defender-sim'], depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] },
      ],
    },
  },
  {
    // The console's browser tests run the same stack as the API's end-to-end tests and build the
    // console with the same helper as npm start.
    files: ['apps/web/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: ['@soar/defender-sim', '../../api/e2e/*', '../../../tools/build-console'], depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] },
      ],
    },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
