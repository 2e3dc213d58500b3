/**
 * Other outages around Metronome's leader: a starting deadline that passes while nobody leads, a Mesos master
 * failover under a running job, and a partition that cuts the Metronome leader's master off from ZooKeeper.
 * Invariants are checked after every event.
 */
import { describe, expect, it } from 'vitest';
import {
  actingLeaders,
  activeRuns,
  agentHosts,
  crashLeader,
  createJob,
  expectRunTasksKnown,
  fault,
  ha,
  history,
  metronomeLeaderHost,
  mt,
  notableLabels,
  simOf,
  sleepJob,
  startRun,
  until,
  type Json,
} from './support.ts';
import { taskStates } from '../ha/support.ts';

describe('outages around the Metronome leader', () => {
  it('a starting deadline that passed while no Metronome led aborts the run when one leads again', async () => {
    const sb = await ha();
    createJob(sb, {
      ...sleepJob('huge', 5, { cpus: 8 }),
      schedules: [{ id: 'm', cron: '* * * * *', startingDeadlineSeconds: 90, concurrencyPolicy: 'FORBID' }],
    });
    until(sb, () => activeRuns(sb, 'huge').length === 1, 3 * 60_000);
    const run = activeRuns(sb, 'huge')[0]!;
    const createdAt = simOf(run.createdAt as string);
    // Two masters down: no quorum, no Metronome, for longer than the deadline.
    const leader = metronomeLeaderHost(sb)!;
    const other = sb.layout().masters.find((m) => m.hostname !== leader)!.hostname;
    fault(sb, { kind: 'master-crash', target: leader });
    fault(sb, { kind: 'master-crash', target: other });
    sb.advance(3 * 60_000);
    fault(sb, { kind: 'master-restore', target: other });
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 5 * 60_000);
    const ledAt = sb.now;
    const h = history(sb, 'huge');
    expect(h.failureCount).toBe(1);
    const [failed] = h.failedFinishedRuns as Json[];
    expect(failed).toMatchObject({ id: run.id, tasks: [] });
    // Aborted on taking over (within the step of the poll), long after the deadline itself.
    const finishedAt = simOf(failed!.finishedAt as string);
    expect(finishedAt).toBeGreaterThan(createdAt + 90_000);
    expect(ledAt - finishedAt).toBeLessThan(200);
    expect(activeRuns(sb, 'huge').every((r) => r.id !== run.id)).toBe(true);
  });

  it('a run in STARTING keeps its starting deadline across the failover', async () => {
    const sb = await ha();
    createJob(sb, {
      ...sleepJob('big', 5, { cpus: 8 }),
      schedules: [{ id: 'm', cron: '*/10 * * * *', startingDeadlineSeconds: 300, concurrencyPolicy: 'FORBID' }],
    });
    until(sb, () => activeRuns(sb, 'big').length === 1, 11 * 60_000);
    const run = activeRuns(sb, 'big')[0]!;
    const deadline = simOf(run.createdAt as string) + 300_000;
    fault(sb, { kind: 'master-crash', target: metronomeLeaderHost(sb)! });
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 2 * 60_000);
    expect(activeRuns(sb, 'big')[0]).toMatchObject({ id: run.id, status: 'STARTING' });
    sb.advance(deadline - 1 - sb.now);
    expect(activeRuns(sb, 'big')).toHaveLength(1);
    sb.advance(1);
    expect(activeRuns(sb, 'big')).toEqual([]);
    expect(history(sb, 'big').failureCount).toBe(1);
  });

  it('a task that finished while no Metronome led: the new leader learns it by reconciliation, the run SUCCESS', async () => {
    const sb = await ha();
    createJob(sb, sleepJob('quick', 20));
    const run = startRun(sb, 'quick');
    until(sb, () => activeRuns(sb, 'quick')[0]?.tasks[0]?.status === 'TASK_RUNNING', 10_000);
    const taskId = activeRuns(sb, 'quick')[0]!.tasks[0].id as string;
    sb.advance(15_000);
    crashLeader(sb);
    // The task ends (its agent and the Mesos master are fine) while Metronome is electing.
    until(sb, () => mt.get(sb, '/v1/jobs').status === 200, 2 * 60_000);
    const ledAt = sb.now;
    expect(taskStates(sb).get(taskId)).toBe('TASK_FINISHED');
    until(sb, () => activeRuns(sb, 'quick').length === 0, 30_000);
    const [done] = history(sb, 'quick').successfulFinishedRuns as Json[];
    expect(done).toMatchObject({ id: run.id, tasks: [taskId] });
    // Recorded when Metronome heard of it, after taking over.
    expect(simOf(done!.finishedAt as string)).toBeGreaterThanOrEqual(ledAt - 100);
    expect(simOf(done!.finishedAt as string) - simOf(done!.createdAt as string)).toBeGreaterThan(20_000);
  });

  it('a Mesos master failover: Metronome re-subscribes and the run ends in SUCCESS with its one task', async () => {
    const sb = await ha();
    createJob(sb, sleepJob('steady', 90));
    const run = startRun(sb, 'steady');
    until(sb, () => activeRuns(sb, 'steady')[0]?.status === 'ACTIVE', 10_000);
    const taskId = activeRuns(sb, 'steady')[0]!.tasks[0].id as string;
    const mesosLeader = sb.layout().masters[sb.frame().ha.leader!]!.hostname;
    fault(sb, { kind: 'master-crash', target: mesosLeader });
    let sawNoLeader = false;
    until(
      sb,
      () => {
        expectRunTasksKnown(sb, 'steady');
        if (sb.request({ method: 'GET', path: '/mesos/master/tasks' }).status !== 200) sawNoLeader = true;
        return mt.get(sb, '/v1/jobs').status === 200 && activeRuns(sb, 'steady').length === 0;
      },
      5 * 60_000,
    );
    expect(sawNoLeader).toBe(true);
    const h = history(sb, 'steady');
    expect(h).toMatchObject({ successCount: 1, failureCount: 0 });
    expect((h.successfulFinishedRuns as Json[])[0]).toMatchObject({ id: run.id, tasks: [taskId] });
  });

  it("cut off from ZooKeeper, the leader's session expires and another Metronome leads; never two at once", async () => {
    const sb = await ha();
    createJob(sb, sleepJob('cut', 100));
    const run = startRun(sb, 'cut');
    until(sb, () => activeRuns(sb, 'cut')[0]?.status === 'ACTIVE', 10_000);
    const taskId = activeRuns(sb, 'cut')[0]!.tasks[0].id as string;
    const host = metronomeLeaderHost(sb)!;
    const rest = [
      ...sb
        .layout()
        .masters.map((m) => m.hostname)
        .filter((h) => h !== host),
      ...agentHosts(sb).values(),
    ];
    fault(sb, { kind: 'partition', sides: [[host], rest] });
    until(
      sb,
      () => {
        expect(actingLeaders(sb)).toBeLessThanOrEqual(1);
        const now = metronomeLeaderHost(sb);
        return now !== null && now !== host;
      },
      2 * 60_000,
    );
    expect(notableLabels(sb).some((l) => l === `Metronome on ${host} stopped leading: its ZooKeeper session expired`)).toBe(true);
    expect(activeRuns(sb, 'cut')[0]).toMatchObject({ id: run.id, status: 'ACTIVE' });
    fault(sb, { kind: 'heal' });
    until(sb, () => activeRuns(sb, 'cut').length === 0, 5 * 60_000);
    expect((history(sb, 'cut').successfulFinishedRuns as Json[])[0]).toMatchObject({ id: run.id, tasks: [taskId] });
  });
});
