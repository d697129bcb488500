import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const mailLibs = ['imapflow', 'nodemailer', 'nodemailer/*', 'mailparser', 'smtp-server'];

// Layer rules (CONVENTIONS): domain is pure; mail libraries only in adapters; tRPC server only in server/api.
export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', '.build/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    ignores: ['server/adapters/**', 'server/api/**', 'app/api/trpc/**', 'scripts/mail-world/**', 'bench/**', 'e2e/**', 'test/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: mailLibs.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'Mail libraries are used only inside server/adapters.' })),
        patterns: [{ group: ['@trpc/server', '@trpc/server/*'], message: '@trpc/server is used only in server/api.' }],
      }],
    },
  },
  {
    files: ['server/api/**/*.ts', 'app/api/trpc/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: mailLibs.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'Mail libraries are used only inside server/adapters.' })) }],
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@/server/*', '!@/server/domain', '!@/server/domain/*', '@/db/*', '@/app/*', '@/components/*', '@/lib/*', '../../*', '../../../*'], message: 'server/domain imports nothing outside itself.' },
          { group: ['node:*', 'fs', 'net', 'dns', 'tls', 'http', 'https', 'crypto', 'child_process', 'os', ...mailLibs, 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'pg-boss', '@trpc/*', 'next', 'next/*', 'react'], message: 'server/domain is pure: no I/O, no libraries with side effects.' },
        ],
      }],
    },
  },
);
