// Type-aware linting; zero warnings are allowed (`--max-warnings 0`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', '.vscode-host/', '.tsbuild/', 'client/out/', 'server/out/', 'out/', 'test/fixtures/', 'examples/', 'bench/inputs/', 'bench/.scratch/', '**/*.d.ts'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The server talks through the LSP connection; console output would corrupt the stdio transport.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // The analysis core is pure: no vscode, no LSP. Only server/src/lsp and server.ts talk to the connection.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp/**', 'server/src/server.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient*'], message: 'The analysis core must not depend on vscode or LSP.' }] }],
    },
  },
  {
    // The client knows no rules: it imports only the shared protocol module from the server.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./server/src/(?!protocol$)', message: 'The client may import only server/src/protocol.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
