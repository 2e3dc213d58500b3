/**
 * Metronome in HA (docs/metronome-sources.md §4.5): the leader's master crashes and another Metronome takes over
 * the jobs and runs kept in ZooKeeper; schedule times nobody could fire are dropped; runs whose agent is lost.
 * Every sandbox here checks the engine's invariants after each event (one acting leader per group, every live
 * task a run tracks known to the master).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import {
  actingLeaders,
  activeRuns,
  agentHosts,
  behave,
  crashLeader,
  createJob,
  expectRunTasksKnown,
  fault,
  ha,
  history,
  metronomeLeaderHost,
  metronomeTasks,
  mt,
  notableLabels,
  runTimes,
  sleepJob,
  startRun,
  until,
  type Json,
} from './support.ts';
import { taskStates } from '../ha/support.ts';

describe("the Metronome leader's master crashes", () => {
  it('a running run survives with its task, a new Metronome leads (503 meanwhile), and the run ends in SUCCESS', async () => {
    const sb = await ha();
    createJob(sb, sleepJob('survivor', 120));
    const run = startRun(sb, 'survivor');
    until(sb, () => activeRuns(sb, 'survivor')[0]?.status === 'ACTIVE', 10_000);
    const taskId = activeRuns(sb, 'survivor')[0]!.tasks[0].id as string;
    sb.advance(10_000);

    const old = crashLeader(sb);
    expect(mt.get(sb, '/v1/jobs').status).toBe(503);
    expect(actingLeaders(sb)).toBe(0);
    const gap = until(
      sb,
      () => {
        expect(actingLeaders(sb)).toBeLessThanOrEqual(1);
        return mt.get(sb, '/v1/jobs').status === 200;
      },
      120_000,
    );
    expect(gap).toBeGreaterThan(0);
    const now = metronomeLeaderHost(sb);
    expect(now).not.toBeNull();
    expect(now).not.toBe(old);
    expect(actingLeaders(sb)).toBe(1);

    const [after] = activeRuns(sb, 'survivor');
    expect(after).toMatchObject({ id: run.id, status: 'ACTIVE' });
    expect((after!.tasks as Json[]).map((t) => t.id)).toEqual([taskId]);
    expectRunTasksKnown(sb, 'survivor');
    // Once Metronome's framework has re-subscribed, the master's state lists the task under it again.
    until(sb, () => metronomeTasks(sb).live.some((t) => t.id === taskId), 30_000);
    expect(metronomeTasks(sb).live.find((t) => t.id === taskId)!.state).toBe('TASK_RUNNING');

    until(sb, () => activeRuns(sb, 'survivor').length === 0, 5 * 60_000);
    const h = history(sb, 'survivor');
    expect(h).toMatchObject({ successCount: 1, failureCount: 0 });
    expect((h.successfulFinishedRuns as Json[])[0]).toMatchObject({ id: run.id, tasks: [taskId] });
    expect(notableLabels(sb).some((l) => l.startsWith(`Metronome on ${old} stopped leading`))).toBe(true);
  });

  it('a run not yet active is re-loaded as STARTING by the new leader', async () => {
    const sb = await ha();
    createJob(sb, sleepJob('waiting', 5, { cpus: 8 }));
    const run = startRun(sb, 'waiting');
    sb.advance(5_000);
    expect(activeRuns(sb, 'waiting')[0]!.status).toBe('INITIAL');
    crashLeader(sb);
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 120_000);
    expect(activeRuns(sb, 'waiting').map((r) => [r.id, r.status])).toEqual([[run.id, 'STARTING']]);
    expect(mt.get(sb, '/v1/queue').body).toEqual([{ jobId: 'waiting', runs: [{ runId: run.id }] }]);
  });

  it('schedule times passed without a leader are not run afterwards, and are marked as missed', async () => {
    const sb = await ha();
    sb.advance(60_000 - (sb.now % 60_000));
    createJob(sb, { ...sleepJob('cron', 5), schedules: [{ id: 'minutely', cron: '* * * * *' }] });
    sb.advance(3 * 60_000 + 30_000);
    const before = runTimes(sb, 'cron');
    expect(before.length).toBeGreaterThanOrEqual(3);
    // Two masters down: no ZooKeeper quorum, so no Metronome can lead until one is back.
    const leader = crashLeader(sb);
    const other = sb.layout().masters.find((m) => m.hostname !== leader)!.hostname;
    fault(sb, { kind: 'master-crash', target: other });
    const downAt = sb.now;
    sb.advance(5 * 60_000);
    expect(mt.get(sb, '/v1/jobs').status).toBe(503);
    fault(sb, { kind: 'master-restore', target: other });
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 5 * 60_000);
    const ledAt = sb.now;
    sb.advance(3 * 60_000);
    const afterwards = runTimes(sb, 'cron').filter((t) => t >= downAt);
    // No catch-up: the first run after the outage waits for a cron time at least 60 s after the new leader took over.
    expect(afterwards.length).toBeGreaterThanOrEqual(2);
    expect(afterwards[0]!).toBeGreaterThanOrEqual(ledAt - 1000 + 60_000);
    expect(afterwards.every((t) => t >= ledAt)).toBe(true);
    const missed = notableLabels(sb).find((l) => l.startsWith('Job cron missed'));
    expect(missed).toMatch(/^Job cron missed [0-9]+ scheduled runs: no Metronome leader$/);
    const count = Number(/missed ([0-9]+)/.exec(missed!)![1]);
    // One per whole minute between the last timer and the new leader.
    expect(count).toBeGreaterThanOrEqual(5);
    expect(count).toBeLessThanOrEqual(Math.ceil((ledAt - downAt) / 60_000) + 1);
  });

  it('past ten jobs, the missed ones share one event', async () => {
    const sb = await ha();
    sb.advance(60_000 - (sb.now % 60_000));
    for (let i = 0; i < 12; i++)
      createJob(sb, { ...sleepJob(`m${String(i).padStart(2, '0')}`, 5), schedules: [{ id: 'minutely', cron: '* * * * *' }] });
    sb.advance(90_000);
    const leader = crashLeader(sb);
    const other = sb.layout().masters.find((m) => m.hostname !== leader)!.hostname;
    fault(sb, { kind: 'master-crash', target: other });
    sb.advance(3 * 60_000);
    fault(sb, { kind: 'master-restore', target: other });
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 5 * 60_000);
    const labels = notableLabels(sb).filter((l) => l.includes('missed'));
    expect(labels.filter((l) => /^Job m[0-9]{2} missed [0-9]+ scheduled runs: no Metronome leader$/.test(l))).toHaveLength(10);
    expect(labels).toContain('2 more jobs missed scheduled runs: no Metronome leader');
  });

  it('one acting Metronome leader at a time across repeated crashes of the leading master', async () => {
    const sb = await ha();
    createJob(sb, sleepJob('steady', 30));
    const leaders: string[] = [];
    for (let round = 0; round < 3; round++) {
      startRun(sb, 'steady');
      const host = crashLeader(sb);
      leaders.push(host);
      until(
        sb,
        () => {
          expect(actingLeaders(sb)).toBeLessThanOrEqual(1);
          expectRunTasksKnown(sb, 'steady');
          return mt.get(sb, '/v1/jobs').status === 200;
        },
        120_000,
      );
      fault(sb, { kind: 'master-restore', target: host });
      sb.advance(60_000);
      expect(actingLeaders(sb)).toBe(1);
    }
    until(sb, () => activeRuns(sb, 'steady').length === 0, 5 * 60_000);
    expect(history(sb, 'steady').successCount + history(sb, 'steady').failureCount).toBe(3);
  });
});

describe("a run's agent is lost", () => {
  /** The agent running the job's single live task. */
  function agentOfRun(sb: Sandbox, id: string): string {
    const taskId = activeRuns(sb, id)[0]!.tasks.at(-1).id as string;
    const task = metronomeTasks(sb).live.find((t) => t.id === taskId)!;
    return agentHosts(sb).get(task.slave_id)!;
  }

  async function runningOnAgent(id: string, restart: Json): Promise<{ sb: Sandbox; host: string; taskId: string }> {
    const sb = await ha({ agents: 3 });
    createJob(sb, sleepJob(id, 600, { restart }));
    startRun(sb, id);
    until(sb, () => activeRuns(sb, id)[0]?.status === 'ACTIVE', 10_000);
    sb.advance(5_000);
    return { sb, host: agentOfRun(sb, id), taskId: activeRuns(sb, id)[0]!.tasks[0].id as string };
  }

  it('NEVER: the run FAILED once the agent is unreachable', async () => {
    const { sb, host, taskId } = await runningOnAgent('lost', { policy: 'NEVER' });
    fault(sb, { kind: 'agent-crash', target: host });
    until(sb, () => activeRuns(sb, 'lost').length === 0, 5 * 60_000);
    const h = history(sb, 'lost');
    expect(h).toMatchObject({ successCount: 0, failureCount: 1 });
    expect((h.failedFinishedRuns as Json[])[0]!.tasks).toEqual([taskId]);
  });

  it('ON_FAILURE: the run gets a new task on another agent', async () => {
    const { sb, host, taskId } = await runningOnAgent('moved', { policy: 'ON_FAILURE' });
    fault(sb, { kind: 'agent-crash', target: host });
    until(sb, () => (activeRuns(sb, 'moved')[0]?.tasks as Json[]).some((t) => t.id !== taskId && t.status === 'TASK_RUNNING'), 5 * 60_000);
    const [run] = activeRuns(sb, 'moved');
    expect(run!.status).toBe('ACTIVE');
    expect((run!.tasks as Json[]).find((t) => t.id === taskId)!.status).toBe('TASK_FAILED');
    expect(agentOfRun(sb, 'moved')).not.toBe(host);
    expect(history(sb, 'moved').failureCount).toBe(0);
  });

  it('ON_FAILURE across a partition: relaunched on the reachable side', async () => {
    const { sb, host, taskId } = await runningOnAgent('cut', { policy: 'ON_FAILURE' });
    const masters = sb.layout().masters.map((m) => m.hostname);
    const agents = [...agentHosts(sb).values()].filter((h) => h !== host);
    fault(sb, { kind: 'partition', sides: [[host], [...masters, ...agents]] });
    until(sb, () => (activeRuns(sb, 'cut')[0]?.tasks as Json[]).some((t) => t.id !== taskId && t.status === 'TASK_RUNNING'), 5 * 60_000);
    expect(agentOfRun(sb, 'cut')).not.toBe(host);
    expectRunTasksKnown(sb, 'cut');
  });

  it('ON_FAILURE: when the partition heals, the lost task is killed, not revived; the run keeps one live task', async () => {
    const { sb, host, taskId } = await runningOnAgent('healed', { policy: 'ON_FAILURE' });
    behave(sb, 'healed', { durationSeconds: 200 });
    const masters = sb.layout().masters.map((m) => m.hostname);
    const agents = [...agentHosts(sb).values()].filter((h) => h !== host);
    fault(sb, { kind: 'partition', sides: [[host], [...masters, ...agents]] });
    until(sb, () => (activeRuns(sb, 'healed')[0]?.tasks as Json[]).some((t) => t.id !== taskId && t.status === 'TASK_RUNNING'), 5 * 60_000);
    const replacement = (activeRuns(sb, 'healed')[0]!.tasks as Json[]).find((t) => t.id !== taskId)!.id as string;
    fault(sb, { kind: 'heal' });
    // The agent re-registers and reports the old task RUNNING: Marathon expunged it, so it is killed as unknown.
    until(sb, () => taskStates(sb).get(taskId) === 'TASK_KILLED', 60_000);
    const [run] = activeRuns(sb, 'healed');
    expect((run!.tasks as Json[]).map((t) => [t.id, t.status])).toEqual([
      [taskId, 'TASK_FAILED'],
      [replacement, 'TASK_RUNNING'],
    ]);
    until(sb, () => activeRuns(sb, 'healed').length === 0, 5 * 60_000);
    expect(history(sb, 'healed')).toMatchObject({ successCount: 1, failureCount: 0 });
    expect((history(sb, 'healed').successfulFinishedRuns as Json[])[0]!.tasks).toEqual([taskId, replacement]);
  });

  it('NEVER: when the partition heals after the run FAILED, the returning task is killed', async () => {
    const { sb, host, taskId } = await runningOnAgent('ended', { policy: 'NEVER' });
    const masters = sb.layout().masters.map((m) => m.hostname);
    const agents = [...agentHosts(sb).values()].filter((h) => h !== host);
    fault(sb, { kind: 'partition', sides: [[host], [...masters, ...agents]] });
    until(sb, () => activeRuns(sb, 'ended').length === 0, 5 * 60_000);
    fault(sb, { kind: 'heal' });
    until(sb, () => taskStates(sb).get(taskId) === 'TASK_KILLED', 60_000);
    expect(history(sb, 'ended')).toMatchObject({ successCount: 0, failureCount: 1 });
  });

  it('the failed task is not replaced while the agent is only briefly silent', async () => {
    const { sb, host, taskId } = await runningOnAgent('blip', { policy: 'NEVER' });
    behave(sb, 'blip', { durationSeconds: 600 });
    fault(sb, { kind: 'agent-crash', target: host });
    sb.advance(20_000);
    // Within the ping timeouts nothing is known yet: the run still has its task.
    expect(activeRuns(sb, 'blip')[0]!.tasks.map((t: Json) => t.id)).toEqual([taskId]);
  });
});
