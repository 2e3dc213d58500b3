// The task Logs tab's and the node usage charts' pure parts: dcos-log's file events, the bounded tail, Find's
// matches and stepping; dcos-metrics' node sample and the bounded series.
import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS } from '../../src/common/clock.ts';
import {
  appendBounded,
  fileBase,
  findMatches,
  keepMatch,
  parseFileEvents,
  segmentLine,
  stepMatch,
} from '../../src/ui/pages/services/detail/task-logs.ts';
import {
  containerSample,
  cpuRates,
  formatGiB,
  nodeSample,
  pushContainerSample,
  pushSample,
  seriesSummary,
  type NodeSample,
} from '../../src/ui/pages/nodes/node-series.ts';

const event = (id: number, message: string, cursor: number): string =>
  `id: ${id}\ndata: ${JSON.stringify({ fields: { MESSAGE: message }, cursor: String(cursor) })}\n\n`;

describe('task logs', () => {
  it('reads dcos-log file events: the lines and the cursor after the last', () => {
    const body = event(6, 'hello', 0) + 'id: x\ndata: {}\n\n' + event(12, 'w\u00f6rld', 6) + 'garbage\n\n';
    expect(parseFileEvents(body)).toEqual({ lines: ['hello', 'w\u00f6rld'], cursor: 12 });
    expect(parseFileEvents('')).toEqual({ lines: [], cursor: null });
    expect(parseFileEvents('id: 3\ndata: not json\n\n')).toEqual({ lines: [], cursor: null });
  });

  it('keeps the agent path of the redirect without its query', () => {
    expect(fileBase('/system/v1/agent/a1/logs/v2/task/frameworks/f/executors/t/runs/c/stderr?cursor=END')).toBe(
      '/system/v1/agent/a1/logs/v2/task/frameworks/f/executors/t/runs/c/stderr',
    );
    expect(fileBase(undefined)).toBeNull();
    expect(fileBase('https://elsewhere/x')).toBeNull();
  });

  it('keeps the newest lines only, saying how many went off the top', () => {
    expect(appendBounded(['a', 'b'], ['c'], 5)).toEqual({ lines: ['a', 'b', 'c'], dropped: 0 });
    expect(appendBounded(['a', 'b', 'c'], ['d', 'e'], 3)).toEqual({ lines: ['c', 'd', 'e'], dropped: 2 });
    expect(appendBounded([], ['a', 'b', 'c', 'd'], 2)).toEqual({ lines: ['c', 'd'], dropped: 2 });
  });

  it('finds every match, case-insensitive and literal, and steps through them both ways, wrapping', () => {
    const lines = ['Traceback (most recent call last):', '  File "app.py", line 3', 'ValueError: bad value (a.b)', 'value'];
    const found = findMatches(lines, 'VALUE');
    expect(found).toEqual([
      { line: 2, start: 0, end: 5 },
      { line: 2, start: 16, end: 21 },
      { line: 3, start: 0, end: 5 },
    ]);
    expect(findMatches(lines, '(a.b)')).toEqual([{ line: 2, start: 22, end: 27 }]);
    expect(findMatches(lines, '')).toEqual([]);
    expect(findMatches(['aaaa'], 'aa')).toHaveLength(2);
    expect(stepMatch(-1, 3, 1)).toBe(0);
    expect(stepMatch(-1, 3, -1)).toBe(2);
    expect(stepMatch(2, 3, 1)).toBe(0);
    expect(stepMatch(0, 3, -1)).toBe(2);
    expect(stepMatch(1, 3, 1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it('keeps the current match in place as lines arrive and drop off the top', () => {
    const before = findMatches(['x err', 'err', 'ok'], 'err');
    const after = findMatches(['err', 'ok', 'err again'], 'err'); // one line dropped, one added
    expect(keepMatch(before[1], 1, after)).toBe(0);
    // The current match's line dropped: the first one after it.
    expect(keepMatch(before[0], 1, after)).toBe(0);
    expect(keepMatch(undefined, 0, after)).toBe(-1);
    expect(keepMatch(before[0], 0, [])).toBe(-1);
  });

  it('cuts a line into text and marks, the current one flagged', () => {
    const lines = ['no', 'a-b-a', 'a'];
    const m = findMatches(lines, 'a');
    expect(segmentLine('no', 0, m, 0)).toEqual([{ text: 'no', mark: false, current: false }]);
    expect(segmentLine('a-b-a', 1, m, 1)).toEqual([
      { text: 'a', mark: true, current: false },
      { text: '-b-', mark: false, current: false },
      { text: 'a', mark: true, current: true },
    ]);
    expect(segmentLine('a', 2, m, 2)).toEqual([{ text: 'a', mark: true, current: true }]);
  });
});

describe('node usage series', () => {
  const at = (minute: number): string => new Date(SIM_EPOCH_MS + minute * 60_000).toISOString().replace(/\.000Z$/, 'Z');
  const body = (minute: number, cpu = 12.5) => ({
    datapoints: [
      { name: 'cpu.total', value: cpu, unit: 'percent', timestamp: at(minute) },
      { name: 'memory.total', value: 4 * 1024 ** 3, unit: 'bytes', timestamp: at(minute) },
      { name: 'memory.free', value: 3 * 1024 ** 3, unit: 'bytes', timestamp: at(minute) },
      { name: 'load.1min', value: 0.5, unit: 'count', timestamp: at(minute) },
      { name: 'filesystem.capacity.total', value: 1, unit: 'bytes', timestamp: at(minute), tags: { path: '/' } },
    ],
    dimensions: { mesos_id: 'a', cluster_id: 'c', hostname: '10.0.0.1' },
  });

  it('reads a sample of a node answer at its collection minute', () => {
    expect(nodeSample(body(3))).toEqual({ t: 180_000, cpuPercent: 12.5, load: 0.5, memUsed: 1024 ** 3, memTotal: 4 * 1024 ** 3 });
    expect(nodeSample({ datapoints: [], dimensions: body(0).dimensions })).toBeNull();
    expect(nodeSample(null)).toBeNull();
  });

  it('appends later minutes, skips the same minute, starts again after a trip back, and keeps at most max points', () => {
    const s = (minute: number): NodeSample => nodeSample(body(minute))!;
    let series: readonly NodeSample[] = [];
    for (const m of [1, 2, 2, 3, 4, 5]) series = pushSample(series, s(m), 3);
    expect(series.map((p) => p.t / 60_000)).toEqual([3, 4, 5]);
    const same = pushSample(series, s(5), 3);
    expect(same).toBe(series);
    expect(pushSample(series, s(2), 3).map((p) => p.t / 60_000)).toEqual([2]);
  });

  it('sums the series up in words for assistive technology', () => {
    expect(seriesSummary([]).cpu).toBe('CPU usage: no sample yet');
    const series = [nodeSample(body(1, 10))!, nodeSample(body(2, 30))!];
    expect(seriesSummary(series).cpu).toBe('CPU usage over 2 samples, one a simulated minute: now 30%, lowest 10%, highest 30%');
    expect(seriesSummary(series).mem).toBe(
      'Memory usage over 2 samples, one a simulated minute: now 1 GiB of 4 GiB, lowest 1 GiB, highest 1 GiB',
    );
    expect(formatGiB(1.5 * 1024 ** 3)).toBe('1.5 GiB');
  });
});

describe('task usage series', () => {
  const at = (minute: number): string => new Date(SIM_EPOCH_MS + minute * 60_000).toISOString().replace(/\.000Z$/, 'Z');
  const body = (minute: number, cpuSeconds: number, mem: number) => ({
    datapoints: [
      ['cpus.limit', 0.5],
      ['cpus.system_time_secs', cpuSeconds * 0.2],
      ['cpus.user_time_secs', cpuSeconds * 0.8],
      ['mem.limit_bytes', 256 * 2 ** 20],
      ['mem.total_bytes', mem],
    ].map(([name, value]) => ({ name: name as string, value: value as number, unit: '', timestamp: at(minute) })),
  });

  it('reads container samples and turns CPU seconds into CPUs used per minute', () => {
    const a = containerSample(body(1, 10, 100))!;
    expect(a).toEqual({ t: 60_000, cpuSeconds: 10, cpuLimit: 0.5, memBytes: 100, memLimit: 256 * 2 ** 20 });
    expect(containerSample({ datapoints: [] })).toBeNull();
    let series = pushContainerSample([], a);
    series = pushContainerSample(series, containerSample(body(2, 25, 120))!);
    series = pushContainerSample(series, containerSample(body(2, 25, 120))!);
    series = pushContainerSample(series, containerSample(body(4, 40, 130))!);
    expect(cpuRates(series)).toEqual([
      { t: 120_000, cpus: 0.25 },
      { t: 240_000, cpus: 0.125 },
    ]);
    expect(pushContainerSample(series, a)).toEqual([a]);
  });
});
