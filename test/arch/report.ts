/**
 * `npm run arch`: the figures of the architecture (import cycles, mutual imports between engine
 * subsystems, value imports from the main thread into worker-side code, the largest file and
 * function), for a reviewer to compare before and after a change.
 */
import { importCycles, readImportGraph, unitOf } from './graph.ts';

/** An engine subsystem: a folder of engine/ other than its core. */
const isSubsystem = (unit: string): boolean => unit.startsWith('engine/') && unit !== 'engine/core';
const WORKER_SIDE = /^src\/(engine|api|kernels|sandbox)\//;

const graph = readImportGraph(process.cwd());
const valueEdges = graph.edges.filter((e) => !e.typeOnly);
const cyclesAll = importCycles(graph.edges);
const cyclesValue = importCycles(valueEdges);

const mutual = new Set<string>();
const subsystemEdges = new Set<string>();
for (const e of graph.edges) {
  const [a, b] = [unitOf(e.from), unitOf(e.to)];
  if (a !== b && isSubsystem(a) && isSubsystem(b)) subsystemEdges.add(`${a}>${b}`);
}
// The core composes the subsystems' plain data (their model.ts and events.ts): it may import them, by type or for an empty value.
const coreUpward = graph.edges.filter((e) => unitOf(e.from) === 'engine/core' && isSubsystem(unitOf(e.to)));
for (const pair of subsystemEdges) {
  const [a, b] = pair.split('>') as [string, string];
  if (subsystemEdges.has(`${b}>${a}`) && a < b) mutual.add(`${a} <-> ${b}`);
}

// The main thread is everything reached from the page's entry by value imports.
const next = new Map<string, string[]>();
for (const e of valueEdges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
const mainThread = new Set<string>(['src/ui/main.ts']);
for (const file of mainThread) for (const to of next.get(file) ?? []) mainThread.add(to);
const intoWorkerSide = valueEdges.filter((e) => !WORKER_SIDE.test(e.from) && mainThread.has(e.from) && WORKER_SIDE.test(e.to));
const reachedWorkerSide = [...mainThread].filter((f) => WORKER_SIDE.test(f));

const modules = [...graph.modules.values()];
const largest = modules.reduce((a, b) => (b.lines > a.lines ? b : a));
const longest = modules.reduce((a, b) => (b.longestFunction.lines > a.longestFunction.lines ? b : a));
const lines = modules.map((m) => m.lines).sort((a, b) => a - b);

console.log(
  `modules: ${modules.length}, median ${lines[Math.floor(lines.length / 2)]} lines, p90 ${lines[Math.floor(lines.length * 0.9)]}`,
);
console.log(`import cycles (strongly connected groups): ${cyclesAll.length} counting type imports, ${cyclesValue.length} by value imports`);
for (const c of cyclesAll) console.log(`  ${c.length} files: ${c.join(', ')}`);
console.log(`mutual imports between engine subsystems: ${mutual.size}`);
for (const m of mutual) console.log(`  ${m}`);
console.log(
  `imports from engine/core into subsystems: ${coreUpward.filter((e) => e.typeOnly).length} type-only, ${coreUpward.filter((e) => !e.typeOnly).length} by value`,
);
for (const e of coreUpward.filter((x) => !x.typeOnly)) console.log(`  ${e.from} -> ${e.to}`);
console.log(
  `value imports from the main thread into engine/api/kernels/sandbox: ${intoWorkerSide.length}, reaching ${reachedWorkerSide.length} files`,
);
for (const e of intoWorkerSide) console.log(`  ${e.from} -> ${e.to}`);
console.log(`largest file: ${largest.file} (${largest.lines} lines)`);
console.log(`longest function: ${longest.longestFunction.name} in ${longest.file} (${longest.longestFunction.lines} lines)`);
