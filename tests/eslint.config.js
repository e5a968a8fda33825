// ESLint's flat config, kept under tests/ so the project's top level stays the fixed layout
// (`npm run lint` passes --config). Syntax-level rules only (no type-aware ones): tsc
// already checks the types, and the whole project lints in seconds on a small machine.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'bench/.cache/**', 'test-results/**', 'playwright-report/**'] },
  { files: ['**/*.{ts,tsx}'], extends: [js.configs.recommended, ...tseslint.configs.recommended] },
  {
    // Preact's hooks follow React's rules (preact/hooks): called unconditionally, with every dependency listed.
    files: ['src/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // `_name` marks a value deliberately left out (a destructured field, a callback's unused parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Code that runs in web pages: the page must never learn IOM Lens is there (the guide's standards).
    files: ['src/page/**', 'src/card/**', 'src/hover/**', 'src/content-context/**', 'entrypoints/content/**', 'entrypoints/page-pipeline/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='postMessage']", message: 'No postMessage in content code: the page can read it.' },
        { selector: "CallExpression[callee.object.name='performance'][callee.property.name=/^(mark|measure)$/]", message: 'No User Timing in content code: the page can read it.' },
      ],
    },
  },
  {
    // Functions passed to page.evaluate read the page's own, untyped globals; Playwright
    // fixtures that need no other fixture take an empty pattern (`async ({}, use) => …`).
    files: ['e2e/**', 'e2e-firefox/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
    },
  },
);
