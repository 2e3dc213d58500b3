/**
 * The architecture holds: no import cycles, engine subsystems that do not import each other both
 * ways, and a main thread that reaches no worker-side code by value (ESLint guards single imports;
 * this guards what they add up to).
 */
import { describe, expect, it } from 'vitest';
import { importCycles, readImportGraph, unitOf } from './graph.ts';

const graph = readImportGraph(process.cwd());

describe('the import graph of src/', () => {
  it('has no cycle, counting type imports', () => {
    expect(importCycles(graph.edges)).toEqual([]);
  });

  it('has no pair of engine subsystems importing each other', () => {
    const units = new Set<string>();
    for (const e of graph.edges) {
      const [from, to] = [unitOf(e.from), unitOf(e.to)];
      if (from !== to && from.startsWith('engine/') && to.startsWith('engine/') && from !== 'engine/core' && to !== 'engine/core')
        units.add(`${from} -> ${to}`);
    }
    const mutual = [...units].filter((pair) => units.has(pair.split(' -> ').reverse().join(' -> ')));
    expect(mutual).toEqual([]);
  });

  it('reaches no engine, api, kernel or sandbox module by value from the page', () => {
    const next = new Map<string, string[]>();
    for (const e of graph.edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const reached = new Set(['src/ui/main.ts']);
    for (const file of reached) for (const to of next.get(file) ?? []) reached.add(to);
    expect(reached.size).toBeGreaterThan(50); // the walk really covers the page
    expect([...reached].filter((f) => /^src\/(engine|api|kernels|sandbox)\//.test(f))).toEqual([]);
  });

  it('keeps every module under 400 lines', () => {
    const large = [...graph.modules.values()].filter((m) => m.lines > 400).map((m) => `${m.file} (${m.lines})`);
    expect(large).toEqual([]);
  });
});
