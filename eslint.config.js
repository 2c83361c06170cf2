// The linter and formatter: ESLint's and typescript-eslint's recommended rules over the server,
// client, tests, benches and scripts, and @stylistic's layout rules (`npm run format` applies them).
// A few rules are relaxed where this code base has a reason (see each comment).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names are mistakes, except an intentionally ignored one written with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and a few adapters read untyped JSON (API bodies, SQLite rows); `any` is allowed there but not silently elsewhere.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  // Layout: two-space indents, single quotes, semicolons, trailing commas on multi-line lists.
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: true, jsx: false, braceStyle: '1tbs', commaDangle: 'always-multiline', arrowParens: true, quoteProps: 'as-needed' }),
  {
    rules: {
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      // Long conditions break after their operator; a type union and a ternary break before it.
      '@stylistic/operator-linebreak': ['error', 'after', { overrides: { '?': 'before', ':': 'before', '|': 'before', '&': 'before' } }],
      // Short answers are written as one-line ternaries and `if (…) return …; …` lines: they read as a table.
      '@stylistic/multiline-ternary': 'off',
      '@stylistic/max-statements-per-line': 'off',
      // Mixing && and || is caught by precedence habits and review; parentheses around every `a > b !== c` add noise.
      '@stylistic/no-mixed-operators': 'off',
      // A long sum or condition continues one indent deeper than where it starts, as written today.
      '@stylistic/indent-binary-ops': 'off',
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
