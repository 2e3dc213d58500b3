/**
 * Metronome revives offers for each new task on its launch queue, at most once in Marathon's
 * --min_revive_offers_interval (5 s): a run queued within the interval of the last revive waits for the revive at its
 * end, because every agent was just offered to Metronome and declined (120 s) or accepted (5 s filter on the rest).
 */
import { describe, expect, it } from 'vitest';
import { activeRuns, cluster, createJob, simOf, sleepJob, startRun, until, type Json } from './support.ts';

const taskStart = (run: Json): number | null => (run.tasks[0] ? simOf(String(run.tasks[0].startedAt)) : null);

describe('revives', () => {
  it('a run queued a second after a revive launches at the end of the 5 s interval, not at once', async () => {
    const sb = await cluster();
    sb.advance(10_000);
    createJob(sb, sleepJob('a', 60));
    createJob(sb, sleepJob('b', 60));
    const first = startRun(sb, 'a');
    const revivedAt = sb.now;
    until(sb, () => activeRuns(sb, 'a')[0]!.tasks.length > 0, 3000);
    expect(taskStart(activeRuns(sb, 'a')[0]!)! - revivedAt).toBeLessThan(1000);
    expect(first.status).toBe('INITIAL');
    sb.advance(1000 - (sb.now - revivedAt));
    startRun(sb, 'b');
    until(sb, () => activeRuns(sb, 'b')[0]!.tasks.length > 0, 10_000);
    const launched = taskStart(activeRuns(sb, 'b')[0]!)!;
    expect(launched).toBeGreaterThanOrEqual(revivedAt + 5000);
    expect(launched).toBeLessThan(revivedAt + 6000);
  });

  it('a run queued after the interval launches at once', async () => {
    const sb = await cluster();
    sb.advance(10_000);
    createJob(sb, sleepJob('a', 60));
    createJob(sb, sleepJob('b', 60));
    startRun(sb, 'a');
    sb.advance(6000);
    const queuedAt = sb.now;
    startRun(sb, 'b');
    until(sb, () => activeRuns(sb, 'b')[0]!.tasks.length > 0, 3000);
    expect(taskStart(activeRuns(sb, 'b')[0]!)! - queuedAt).toBeLessThan(1000);
  });
});
