import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];
// Anything that performs I/O: workflow code must stay deterministic and replayable.
const ioPackages = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((name) => `node:${name}`),
  '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing',
  'mongoose', 'mongodb', 'nats', 'fastify', 'axios',
];

/** Nx tags: `type:*` says what a project may import, `scope:*` keeps one domain out of another. */
function moduleBoundaries(testOnlyTypes) {
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', ...testOnlyTypes] },
      { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', ...testOnlyTypes], bannedExternalImports: ioPackages },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: ioPackages },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', ...testOnlyTypes] },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:tooling', 'type:testing'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:tooling'] },
      { sourceTag: 'scope:stakeholders', onlyDependOnLibsWithTags: ['scope:stakeholders', 'scope:shared'] },
      { sourceTag: 'scope:agreements', onlyDependOnLibsWithTags: ['scope:agreements', 'scope:shared'] },
      { sourceTag: 'scope:funding', onlyDependOnLibsWithTags: ['scope:funding', 'scope:shared'] },
      { sourceTag: 'scope:monitoring', onlyDependOnLibsWithTags: ['scope:monitoring', 'scope:shared'] },
      { sourceTag: 'scope:workflows', onlyDependOnLibsWithTags: ['scope:workflows', 'scope:shared'] },
      { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules', '**/dist', '.data', '.tools', '.nx', '**/vite.config.ts'],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Import other projects through their @mitra/* alias.' }] }],
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries([])],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ioPackages, patterns: [{ group: ['../../*'], message: 'Import other projects through their @mitra/* alias.' }] }],
    },
  },
  {
    // CommonJS glue that jest loads directly.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may start the real servers through libs/testing and libs/stack, and load workflow code.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/e2e/**/*.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['type:testing', 'type:tooling', 'type:workflow'])] },
  },
);
