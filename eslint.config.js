// ESLint flat config: typescript-eslint's type-aware `strict` preset over src/, test/, bench/ and the
// config files; formatting is Prettier's (`prettier --check .` in the lint script), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build outputs, generated API docs, coverage and scratch (node_modules is ignored by default).
  globalIgnores(['dist/', 'docs/api/', 'coverage/', '.tmp/']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Error messages interpolate numbers (`received ${n}`) everywhere; number → string is well defined.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Public functions check their arguments at run time (`typeof x !== 'object'`, `=== undefined`) for
      // JavaScript callers that the types do not bind; this rule calls exactly those checks unnecessary.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Objectives and operators are plain objects of closures ("functions, not classes"): no method
      // reads `this`, so taking `objective.hvp` off its object is safe.
      '@typescript-eslint/unbound-method': 'off',
      // `checkFunction<F>(name, value): F` and `runPeer<T>(…): T` name the type a checked or parsed
      // unknown value is returned as; the type parameter appearing once is the point.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // `expect(() => check(…)).toThrow(…)` and `(x) => void out.set(x)` return void on purpose.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A leading underscore marks a deliberately unused binding (`_t`, `{ hvp: _h, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests assert on values they just found (`regex.exec(out)!`, `list.find(…)!`): a wrong guess
      // throws, which fails the test as it should. The library itself has none.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests exercise the deprecated aliases on purpose (one test per alias); the library does not.
      '@typescript-eslint/no-deprecated': 'off',
    },
  },
  {
    files: ['bench/**'],
    rules: {
      // Every benchmark exports `run(): Promise<void>` (what bench/run.ts awaits), most with
      // synchronous bodies.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (scripts/, this file) is outside tsconfig.json: no type information, Node globals.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
