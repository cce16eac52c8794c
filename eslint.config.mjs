// ESLint (flat config): ESLint's and typescript-eslint's recommended rules and React's rules of hooks,
// run by `npm test` (`npm run lint`), where any warning fails the check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'resources/**',
      'docs/**',
      'playwright-report/**',
      'bench/.build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // A leading underscore says "unused on purpose" (a handler's unused argument, a field left out of a rest).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Plain JavaScript (scripts, the bench's require hook) runs in Node; TypeScript itself
  // checks undefined names in .ts files, as typescript-eslint advises.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  { files: ['**/*.{ts,tsx}'], rules: { 'no-undef': 'off' } },
  // Playwright's fixtures receive a function called `use`: not React's hook.
  { files: ['test/e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
  // CommonJS files (a require hook for the bench) use require by nature.
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
