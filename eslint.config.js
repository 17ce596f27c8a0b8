import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Imports that would pull framework, I/O or persistence into the pure domain. */
const notInDomain = [
  {
    group: ['@nestjs/*', '@eventstore/*', 'class-validator', 'class-transformer', 'rxjs', 'rxjs/*'],
    message: 'libs/domain is pure: no framework, persistence or validation-library imports.',
  },
  {
    group: ['better-sqlite3', 'graphql', 'graphql-*', '@apollo/*', 'pino', 'fast-xml-parser'],
    message: 'libs/domain is pure: no I/O libraries.',
  },
  {
    group: [
      'fs',
      'node:fs',
      'fs/*',
      'node:fs/*',
      'net',
      'node:net',
      'http',
      'node:http',
      'child_process',
      'node:child_process',
      'worker_threads',
      'node:worker_threads',
      'process',
      'node:process',
    ],
    message: 'libs/domain does no I/O.',
  },
  {
    // A leading `#` starts a comment in these gitignore-style patterns: `\\#` matches the subpath imports.
    group: [
      '\\#application/*',
      '\\#infrastructure/*',
      '\\#testing/*',
      '**/application/**',
      '**/infrastructure/**',
      '**/apps/**',
    ],
    message: 'libs/domain depends on nothing but itself (DESIGN.md).',
  },
];

const applicationNotOnApps = {
  group: ['**/apps/**'],
  message: 'application never depends on apps (DESIGN.md).',
};

const clockAndChance = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'No clock in libs/domain: take the instant as an argument.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'No clock in libs/domain: take the instant as an argument.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'No randomness in libs/domain: take a seeded generator as an argument.',
  },
  {
    selector: "MemberExpression[object.name='performance'][property.name='now']",
    message: 'No clock in libs/domain.',
  },
  { selector: "MemberExpression[object.name='process']", message: 'No process access in libs/domain.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'test/bench/out/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
    },
  },
  {
    // Nest resolves constructor parameters from emitted decorator metadata: those imports must stay values.
    files: ['apps/api/**/*.ts', 'libs/application/**/*.ts', 'libs/infrastructure/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: notInDomain }],
      'no-restricted-syntax': ['error', ...clockAndChance],
    },
  },
  {
    // Specs included: no infrastructure file needs application code.
    files: ['libs/infrastructure/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['\\#application/*', '**/application/**', '**/apps/**'],
              message:
                "infrastructure -> domain only (DESIGN.md); an adapter of an application port imports the port's types (`import type` from #application/ports/*).",
            },
            {
              // The usual hexagonal direction: infrastructure implements the ports the application declares, so it
              // may import their TYPES (erased at compile time), never application code.
              regex: '^#application/ports/',
              allowTypeImports: true,
              message: 'infrastructure imports only the types of an application port: `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/application/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [applicationNotOnApps] }],
    },
  },
  {
    // Specs may build their fixtures on infrastructure (the memory event store); the code itself may not.
    files: ['libs/application/**/*.ts'],
    ignores: ['libs/application/**/*.spec.ts', 'libs/application/**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            applicationNotOnApps,
            {
              group: ['\\#infrastructure/*', '**/infrastructure/**'],
              message:
                'application reaches the store and the read models through its ports (libs/application/ports), which infrastructure implements and apps wire (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
);
