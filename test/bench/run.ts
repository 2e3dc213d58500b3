/**
 * `npm run bench` (= asbuild, then this): every bench section, side by side Wasm and TypeScript,
 * printed as a table with the goals; `npm run bench -- --json` prints one JSON object per row.
 * Add a section by appending it to SECTIONS. `--only <id>` runs the section with that id.
 */
import { allocatorSection } from './allocator-section.ts';
import { browserSection } from './browser-section.ts';
import { constraintSection } from './constraints-section.ts';
import { marathonSection } from './marathon-section.ts';
import { mesosSection } from './mesos-section.ts';
import { networkSection } from './network-section.ts';
import { reservationsSection } from './reservations-section.ts';
import { metronomeSection } from './metronome-section.ts';
import { simSection } from './sim-section.ts';
import { metricsSection } from './metrics-section.ts';
import { sdkSection } from './sdk-section.ts';
import { operateSection } from './operate-section.ts';
import { forksSection } from './forks-section.ts';
import { forksBrowserSection } from './forks-browser-section.ts';
import type { BenchRow, BenchSection } from './harness.ts';

/** `dimension`: what a section's BenchRow.roles counts (printed under that name), 'roles' when absent. */
const SECTIONS: (BenchSection & { dimension?: string })[] = [
  allocatorSection,
  reservationsSection,
  constraintSection,
  marathonSection,
  mesosSection,
  simSection,
  networkSection,
  metronomeSection,
  sdkSection,
  metricsSection,
  operateSection,
  forksSection,
  forksBrowserSection,
  browserSection,
];
const json = process.argv.includes('--json');
/** `--only <id>`: one section (by its id, e.g. `metronome`). */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const log = (line: string) => process.stderr.write(`${line}\n`);

function table(rows: BenchRow[], dimension: string): string[] {
  const head = ['agents', dimension, 'wasm ms', 'ts ms', 'ts / wasm'];
  const cells = rows.map((r) => [String(r.agents), String(r.roles), r.wasm_ms.toFixed(3), r.ts_ms.toFixed(1), `${r.ratio.toFixed(1)}×`]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c]!)).join('   ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...cells.map(line)];
}

let allMet = true;
for (const section of SECTIONS.filter((s) => only === undefined || s.id === only)) {
  log(`${section.title}…`);
  const rows = await section.run(log);
  if (json) {
    for (const r of rows)
      console.log(
        JSON.stringify({
          ...(section.id === undefined ? {} : { section: section.id }),
          name: r.name,
          agents: r.agents,
          [section.dimension ?? 'roles']: r.roles,
          wasm_ms: r.wasm_ms,
          ts_ms: r.ts_ms,
          ratio: r.ratio,
          ...r.extra,
        }),
      );
    continue;
  }
  console.log(`\n${section.title}\n`);
  for (const l of section.table?.(rows) ?? table(rows, section.dimension ?? 'roles')) console.log(`  ${l}`);
  console.log('\n  Goals:');
  for (const g of section.goals(rows)) {
    allMet &&= g.met;
    console.log(`    [${g.met ? 'met' : 'NOT MET'}] ${g.text}: ${g.figure}`);
  }
  for (const n of section.notes ?? []) console.log(`  ${n}`);
}
if (!json) console.log(allMet ? '\nAll goals met.' : '\nSome goals are not met.');
