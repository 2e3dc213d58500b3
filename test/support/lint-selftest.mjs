// Checks that eslint.config.js still enforces the layers and the determinism rules: lints small made-up
// modules (never written to disk) placed in each layer, importing real files of the others, and compares
// what ESLint reports with what the rules promise. A config edit that silently stops a rule fails here.
//   node test/support/lint-selftest.mjs        (part of `npm run check`)
import { readdirSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = resolve(import.meta.dirname, '../..');

/** Some existing .ts file of `folder` (relative to the root), preferring ones not named `avoid`. */
function fileIn(folder, avoid = /^$/) {
  const dir = join(ROOT, folder);
  const names = readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts') && statSync(join(dir, n)).isFile());
  const name = names.find((n) => !avoid.test(n)) ?? names[0];
  if (!name) throw new Error(`lint self-test: no .ts file in ${folder}`);
  return `${folder}/${name}`;
}

/** An engine subsystem folder with a model.ts and another file. */
function subsystemWithModel() {
  const engine = join(ROOT, 'src/engine');
  for (const name of readdirSync(engine)) {
    if (name === 'core' || !statSync(join(engine, name)).isDirectory()) continue;
    const files = readdirSync(join(engine, name));
    if (files.includes('model.ts') && files.some((f) => f.endsWith('.ts') && f !== 'model.ts')) return `src/engine/${name}`;
  }
  throw new Error('lint self-test: no engine subsystem has a model.ts');
}

const spec = (from, to) => {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
};
const valueImport = (from, to) => `import * as m from '${spec(from, to)}';\nexport const n = Object.keys(m).length;\n`;
const typeImport = (from, to) => `import type * as m from '${spec(from, to)}';\nexport type T = typeof m;\n`;

const target = {
  common: fileIn('src/common'),
  kernels: fileIn('src/kernels'),
  engine: fileIn('src/engine'),
  api: fileIn('src/api'),
  sandbox: fileIn('src/sandbox'),
  worker: fileIn('src/worker', /^bridge\.ts$/),
  bridge: 'src/worker/bridge.ts',
  ui: fileIn('src/ui'),
  persist: fileIn('src/persist'),
  abi: 'assembly/layout.ts',
  assembly: fileIn('assembly', /layout\.ts$/),
};
const subsystem = subsystemWithModel();
const subsystemFile = fileIn(subsystem, /^model\.ts$/);

// [file, source, the rule expected to report it, or null for none]
const LAYERS = '@typescript-eslint/no-restricted-imports';
const PATHS = 'import-x/no-restricted-paths';
const cases = [
  ['src/common/x.ts', valueImport('src/common/x.ts', target.common), null],
  ['src/common/x.ts', typeImport('src/common/x.ts', target.kernels), PATHS],
  ['src/kernels/k/x.ts', valueImport('src/kernels/k/x.ts', target.common), null],
  ['src/kernels/k/x.ts', valueImport('src/kernels/k/x.ts', target.abi), null],
  ['src/kernels/k/x.ts', valueImport('src/kernels/k/x.ts', target.assembly), PATHS],
  ['src/kernels/k/x.ts', typeImport('src/kernels/k/x.ts', target.engine), PATHS],
  ['src/engine/s/x.ts', valueImport('src/engine/s/x.ts', target.kernels), null],
  ['src/engine/s/x.ts', typeImport('src/engine/s/x.ts', target.api), PATHS],
  ['src/engine/s/x.ts', typeImport('src/engine/s/x.ts', target.sandbox), PATHS],
  ['src/engine/s/x.ts', valueImport('src/engine/s/x.ts', target.ui), PATHS],
  ['src/engine/core/x.ts', valueImport('src/engine/core/x.ts', `${subsystem}/model.ts`), null],
  ['src/engine/core/x.ts', typeImport('src/engine/core/x.ts', subsystemFile), null],
  ['src/engine/core/x.ts', valueImport('src/engine/core/x.ts', subsystemFile), LAYERS],
  ['src/engine/core/x.ts', valueImport('src/engine/core/x.ts', target.common), null],
  ['src/api/a/x.ts', valueImport('src/api/a/x.ts', target.engine), null],
  ['src/api/a/x.ts', typeImport('src/api/a/x.ts', target.sandbox), PATHS],
  ['src/sandbox/x.ts', valueImport('src/sandbox/x.ts', target.api), null],
  ['src/sandbox/x.ts', typeImport('src/sandbox/x.ts', target.worker), PATHS],
  ['src/worker/x.ts', valueImport('src/worker/x.ts', target.sandbox), null],
  ['src/worker/x.ts', typeImport('src/worker/x.ts', target.persist), PATHS],
  ['src/worker/x.ts', valueImport('src/worker/x.ts', target.bridge), PATHS],
  ['src/ui/a/b/x.ts', valueImport('src/ui/a/b/x.ts', target.common), null],
  ['src/ui/a/b/x.ts', valueImport('src/ui/a/b/x.ts', target.bridge), null],
  ['src/ui/a/b/x.ts', typeImport('src/ui/a/b/x.ts', target.engine), null],
  ['src/ui/a/b/x.ts', valueImport('src/ui/a/b/x.ts', target.engine), LAYERS],
  ['src/ui/a/b/x.ts', valueImport('src/ui/a/b/x.ts', target.worker), LAYERS],
  ['src/cli/x.ts', valueImport('src/cli/x.ts', target.api), LAYERS],
  ['src/tutorial/x.ts', valueImport('src/tutorial/x.ts', target.sandbox), LAYERS],
  ['src/share/x.ts', valueImport('src/share/x.ts', target.kernels), LAYERS],
  ['src/persist/x.ts', valueImport('src/persist/x.ts', target.engine), LAYERS],
  ['src/worker/bridge.ts', valueImport('src/worker/bridge.ts', target.worker), LAYERS],
  ['src/worker/bridge.ts', typeImport('src/worker/bridge.ts', target.worker), null],
  [
    'src/ui/pages/X.svelte',
    `<script lang="ts">\n  import * as m from '${spec('src/ui/pages/X.svelte', target.api)}';\n  const n = Object.keys(m).length;\n</script>\n\n<p>{n}</p>\n`,
    LAYERS,
  ],
  ['src/engine/s/x.ts', 'export const r = Math.random();\n', 'no-restricted-properties'],
  ['src/api/x.ts', 'export const t = Date.now();\n', 'no-restricted-properties'],
  ['src/sandbox/x.ts', 'export const t = performance.now();\n', 'no-restricted-properties'],
  ['src/common/x.ts', 'export const d = new Date();\n', 'no-restricted-syntax'],
  ['src/kernels/x.ts', 'export const d = new Date(0);\n', null],
  ['src/ui/x.ts', 'export const t = Date.now();\n', null],
];

const eslint = new ESLint({ cwd: ROOT });
const failures = [];
for (const [file, code, expected] of cases) {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  const rules = result.messages.map((m) => m.ruleId ?? `parse error: ${m.message}`);
  const ok = expected === null ? rules.length === 0 : rules.length === 1 && rules[0] === expected;
  if (!ok)
    failures.push(`${file}: expected ${expected ?? 'no problem'}, got ${rules.join(', ') || 'none'}\n    ${code.trim().split('\n')[0]}`);
}
if (failures.length > 0) {
  console.log(`lint self-test: ${failures.length} of ${cases.length} cases differ from eslint.config.js's promises:`);
  for (const f of failures) console.log(`  ${f}`);
  process.exit(1);
}
console.log(`lint self-test: ${cases.length} cases, each reported as eslint.config.js promises`);
