/**
 * `--follow` (src/cli/commands/log-follow.ts): the last lines as upstream's event-stream client prints them, then
 * what comes next as the simulated clock moves, until stopped.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.ts';
import type { CliResult } from '../../src/cli/types.ts';
import { cli, cluster } from './support.ts';

/** Runs a result's follow for `rounds` pauses of `stepMs` simulated ms each; returns what it printed. */
async function followFor(sb: Sandbox, result: CliResult, rounds: number, stepMs: number): Promise<string> {
  expect(result.follow).toBeDefined();
  const stop = new AbortController();
  let out = '';
  let left = rounds;
  await result.follow!(
    (text) => (out += text),
    stop.signal,
    async () => {
      if (left-- === 0) stop.abort();
      else sb.advance(stepMs);
    },
  );
  return out;
}

async function withApp(app: Record<string, unknown>, behavior?: Record<string, unknown>): Promise<Sandbox> {
  const sb = await cluster();
  sb.request({ method: 'POST', path: '/marathon/v2/apps', body: app });
  if (behavior) sb.request({ method: 'PUT', path: `/sandbox/v1/marathon/apps${String(app.id)}/behavior`, body: behavior });
  sb.advance(20_000);
  return sb;
}

const taskIds = (sb: Sandbox, app: string): string[] =>
  (sb.request({ method: 'GET', path: '/mesos/master/tasks' }).body as { tasks: Array<{ id: string; state: string }> }).tasks
    .filter((t) => t.id.startsWith(`${app}.`))
    .map((t) => t.id);

describe('--follow', () => {
  it("dcos task log --follow prints the last lines after Go's zero time, then its kill as it happens", async () => {
    const sb = await withApp({ id: '/crashy', cmd: 'python3 app.py', instances: 1, cpus: 0.5, mem: 64 });
    const [id] = taskIds(sb, 'crashy');
    const result = await cli(sb)(`dcos task log ${id!} stderr --follow --lines=2`);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^1970-01-01 00:00:00 UTC: I\d{4} .*executor\.cpp:722\] Starting task /),
      expect.stringMatching(/^1970-01-01 00:00:00 UTC: I\d{4} .*executor\.cpp:740\] Forked command at \d+$/),
      '',
    ]);
    // Nothing new while it runs; then a restart kills it and the executor's lines arrive, each once.
    expect(await followFor(sb, result, 3, 1000)).toBe('');
    sb.request({ method: 'POST', path: '/marathon/v2/apps/crashy/restart?force=true' });
    const later = await followFor(sb, result, 5, 2000);
    expect(later).toMatch(/UTC: I\d{4} .*executor\.cpp:\d+\] Received KILL event\n/);
    const lines = later.split('\n').filter(Boolean);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.every((l) => l.startsWith('1970-01-01 00:00:00 UTC: '))).toBe(true);
  });

  it('dcos task log --follow on several tasks prints cat with a header whenever the task changes', async () => {
    const sb = await withApp({ id: '/two', cmd: 'sleep 1000', instances: 2, cpus: 0.5, mem: 64 });
    const result = await cli(sb)('dcos task log two --follow --lines=1');
    const ids = taskIds(sb, 'two').sort();
    const [first, second] = result.stdout.split('\n');
    expect(ids.map((i) => `===> ${i} <===`)).toContain(first);
    expect(second).toMatch(/^two: listening on/);
    expect(await followFor(sb, result, 2, 1000)).toBe('');
    sb.request({ method: 'DELETE', path: '/marathon/v2/apps/two' });
    const later = await followFor(sb, result, 3, 3000);
    expect(later).toMatch(/===> two\..* <===\ntwo: received SIGTERM, shutting down\n/);
  });

  it('dcos node log --leader --follow prints new journal entries once each', async () => {
    const sb = await cluster();
    const result = await cli(sb)('dcos node log --leader --follow --lines=1 --output=cat');
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    sb.request({ method: 'POST', path: '/marathon/v2/apps', body: { id: '/fresh', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 } });
    const later = await followFor(sb, result, 4, 5000);
    expect(later).toMatch(/Launching task fresh\./);
    const lines = later.split('\n').filter(Boolean);
    expect(new Set(lines).size).toBe(lines.length);
    expect(await followFor(sb, result, 2, 0)).toBe('');
  });
});
