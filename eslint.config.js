// @ts-check
import js from '@eslint/js';
import eslintPluginAstro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.netlify/',
      '.node22/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strict,
  eslintPluginAstro.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'URL',
          'Request',
          'Response',
          'fetch',
          'TextDecoder',
          'performance',
          'setTimeout',
          'Buffer',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only', message: 'Remove .only before committing.' },
        { object: 'describe', property: 'only', message: 'Remove .only before committing.' },
      ],
    },
  },
  {
    // zod's namespace as a value (`import { z }`, or `z` put in an object) keeps all of zod in a bundle, its
    // 40-odd locales too; esbuild and Rollup tree-shake `import * as z` used as `z.string()`, name by name.
    files: ['**/*.{ts,astro}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportDefaultSpecifier, ImportSpecifier[imported.name='z'][importKind!='type'])",
          message: "Write `import * as z from 'zod'`, which bundlers tree-shake (see scripts/bench/bundle.ts).",
        },
      ],
    },
  },
  {
    // Astro components declare `interface Props` first, empty when they take none; Astro reads it.
    files: ['**/*.astro'],
    rules: {
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'always' }],
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^Props$' }],
      // TypeScript (astro check) knows the DOM and Web types; eslint's globals list does not.
      'no-undef': 'off',
    },
  },
  {
    // The domain core is pure: no clock, no ambient randomness, no environment.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'fetch', 'Request', 'Response', 'process'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded Random (src/domain/random.ts).' },
        { object: 'Date', property: 'now', message: 'Domain code takes time as an argument.' },
      ],
    },
  },
);
