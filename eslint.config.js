// ESLint (flat config): TypeScript and Svelte rules, the layers of src/ and the engine's determinism.
//
// Layers (README): ui → worker → sandbox → api → engine → kernels, with common below all.
//  - Forbidden edges, type imports included, are import-x/no-restricted-paths zones: it resolves each import to a
//    file, so the rule does not depend on how a relative path is spelled.
//  - Edges allowed for types only (the main thread naming the worker side's types; engine/core naming the
//    subsystems') are @typescript-eslint/no-restricted-imports patterns with allowTypeImports. That rule sees the
//    specifier as written, so the patterns are generated per folder depth ('../' × depth reaches src/).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const ROOT = import.meta.dirname;
/** The deepest folder below src/ the generated patterns cover (src/a/b/c/d/e/f/g/h/file.ts). */
const MAX_DEPTH = 8;

/** Threads: the worker side runs the simulation; the main thread only talks to it through worker/bridge.ts. */
const MAIN_THREAD = ['ui', 'cli', 'tutorial', 'share', 'persist'];
/** The worker side's layers, which main-thread code may name as types but never import as values. */
const WORKER_SIDE = ['engine', 'api', 'kernels', 'sandbox'];

const dir = (name) => `./src/${name}`;
const WORKER_FILES = './src/worker/**/!(bridge).ts';
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

/** import-x/no-restricted-paths zones: no import at all, not even `import type`. */
const LAYER_ZONES = [
  zone(
    dir('common'),
    ['kernels', 'engine', 'api', 'sandbox', 'worker', ...MAIN_THREAD].map(dir),
    'src/common is below every layer: it imports no other src folder.',
  ),
  zone(
    dir('kernels'),
    ['engine', 'api', 'sandbox', 'worker', ...MAIN_THREAD].map(dir),
    'src/kernels imports only src/kernels and src/common.',
  ),
  // The kernels share the Wasm ABI constants with the AssemblyScript side (plain integers, valid in both
  // languages); nothing else of assembly/ is TypeScript that runs here.
  zone(dir('kernels'), './assembly', 'src/kernels may import only the ABI layouts of assembly/.', [
    './layout.ts',
    './constraints-layout.ts',
  ]),
  zone(
    dir('engine'),
    ['api', 'sandbox', 'worker', ...MAIN_THREAD].map(dir),
    'The engine is below api, sandbox, the worker and the main thread: it may not import them, not even types.',
  ),
  zone(dir('api'), ['sandbox', 'worker', ...MAIN_THREAD].map(dir), 'src/api is below sandbox, the worker and the main thread.'),
  zone(dir('sandbox'), ['worker', ...MAIN_THREAD].map(dir), 'src/sandbox is below the worker and the main thread.'),
  // The worker side: src/worker but the bridge, which runs on the main thread.
  zone(WORKER_FILES, MAIN_THREAD.map(dir), 'The worker side may not import main-thread code (ui, cli, tutorial, share, persist).'),
  zone(WORKER_FILES, './src/worker/bridge.ts', 'worker/bridge.ts runs on the main thread: the worker side may not import it.'),
];

const up = (depth) => '\\.\\./'.repeat(depth);
const restricted = (patterns) => ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true })) }];

/** Main-thread files `depth` folders below src/: the worker side's layers (and the worker's own files but the bridge) as types only. */
function mainThreadPatterns(depth, { inWorkerFolder = false } = {}) {
  const message =
    'Main-thread code may import engine, api, kernels and sandbox only as types (`import type`): their values run in the worker, through worker/bridge.ts.';
  const workerMessage =
    'Main-thread code reaches the worker through worker/bridge.ts; the worker-side files may be imported only as types.';
  return [
    { regex: `^${up(depth)}(${WORKER_SIDE.join('|')})(/|$)`, message },
    { regex: inWorkerFolder ? '^\\./(?!bridge\\.ts$)' : `^${up(depth)}worker/(?!bridge\\.ts$)`, message: workerMessage },
  ];
}

/** Files in src/engine/core, `depth` folders below it: other subsystems as types only, except their model.ts. */
function corePatterns(depth) {
  const toEngine = up(depth + 1);
  return [
    {
      regex: `^${toEngine}(?!core/|\\.\\./)[^/]+/(?!model\\.ts$)`,
      message: 'engine/core may import other engine subsystems only as types, except their model.ts (plain data that core composes).',
    },
    {
      regex: `^${toEngine}[^/]+\\.ts$`,
      message: 'engine/core is below the files that compose the subsystems (src/engine/*.ts): types only.',
    },
  ];
}

const depths = Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);
const filesAt = (folder, depth) => [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,svelte}`];

const typeOnlyLayerConfigs = [
  ...MAIN_THREAD.flatMap((name) =>
    depths.map((depth) => ({
      name: `layers/main-thread/${name}/depth-${depth}`,
      files: filesAt(`src/${name}`, depth),
      rules: { '@typescript-eslint/no-restricted-imports': restricted(mainThreadPatterns(depth)) },
    })),
  ),
  {
    name: 'layers/main-thread/worker-bridge',
    files: ['src/worker/bridge.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restricted(mainThreadPatterns(1, { inWorkerFolder: true })) },
  },
  ...depths.slice(0, MAX_DEPTH - 2).map((depth) => ({
    name: `layers/engine-core/depth-${depth}`,
    files: filesAt('src/engine/core', depth),
    rules: { '@typescript-eslint/no-restricted-imports': restricted(corePatterns(depth - 1)) },
  })),
];

/** Code whose results must replay bit for bit from the scenario's seed: no clock, no unseeded randomness. */
const DETERMINISTIC = ['src/common/**', 'src/kernels/**', 'src/engine/**', 'src/api/**', 'src/sandbox/**'];
const determinism =
  'is not deterministic: the simulation takes time from its own clock and randomness from its seeded RNG (engine/core/rng.ts).';

export default defineConfig(
  {
    name: 'ignores',
    ignores: [
      'dist/**',
      'dev-dist/**',
      'build/**',
      'coverage/**',
      'assembly/**',
      'public/**',
      'node_modules/**',
      'test/fixtures/**',
      'test/ui/fixtures/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    name: 'languages',
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.es2021 },
    },
  },
  {
    name: 'svelte-typescript',
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    name: 'environments/main-thread',
    files: [...MAIN_THREAD.map((name) => `src/${name}/**`), 'src/worker/bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'environments/worker',
    files: ['src/common/**', 'src/kernels/**', 'src/engine/**', 'src/api/**', 'src/sandbox/**', 'src/worker/**'],
    ignores: ['src/worker/bridge.ts'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    name: 'environments/node',
    files: ['test/**', '*.config.{js,ts,mjs}', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'environments/browser-tests',
    files: ['test/browser/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
  {
    // The e2e scripts run in Node and pass callbacks to page.evaluate, which run in the page.
    name: 'environments/e2e',
    files: ['test/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    name: 'typescript',
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.svelte', '.js', '.mjs', '.json'] })] },
    rules: {
      // Types as `import type {…}` or inline `import { a, type B }`; verbatimModuleSyntax keeps a value import.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      // `import { type A }` with verbatimModuleSyntax still loads the module (`import {} from …`): use `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // The type-only patterns below replace the core rule; typescript-eslint's version knows `import type`.
      'no-restricted-imports': 'off',
      // Off: the code's regular expressions name control characters on purpose (JSON strings, Mesos role names).
      'no-control-regex': 'off',
      // Off: the one alias (engine/simulation.ts) lets an object literal's getter read a private field.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    name: 'svelte',
    files: ['**/*.svelte', '**/*.svelte.ts'],
    rules: {
      // Off: the UI keeps sets and maps immutable in $state.raw and replaces them whole (a new Set per change);
      // SvelteSet/SvelteMap would add fine-grained reactivity that nothing reads.
      'svelte/prefer-svelte-reactivity': 'off',
      // A mustache keeps escapes such as '\n' in an attribute's string.
      'svelte/no-useless-mustaches': ['error', { ignoreStringEscape: true }],
    },
  },
  {
    name: 'layers/forbidden-edges',
    files: ['src/**/*.{ts,svelte}'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: LAYER_ZONES }] },
  },
  ...typeOnlyLayerConfigs,
  {
    name: 'determinism',
    files: DETERMINISTIC,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `Math.random ${determinism}` },
        { object: 'Date', property: 'now', message: `Date.now ${determinism}` },
        { object: 'performance', property: 'now', message: `performance.now ${determinism}` },
        { object: 'crypto', property: 'getRandomValues', message: `crypto.getRandomValues ${determinism}` },
        { object: 'crypto', property: 'randomUUID', message: `crypto.randomUUID ${determinism}` },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() without an argument ${determinism}` },
        { selector: "CallExpression[callee.name='Date']", message: `Date() ${determinism}` },
      ],
    },
  },
);
