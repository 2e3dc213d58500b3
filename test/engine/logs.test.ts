/** The derived journals and sandbox files (src/engine/logs): every source, on the master that tells it. */
import { describe, expect, it } from 'vitest';
import type { ClusterState, Pool, TaskState } from '../../src/engine/core/model.ts';
import { nodeJournal } from '../../src/engine/logs/journal.ts';
import { statusMessage } from '../../src/engine/logs/marathon-lines.ts';
import { resourcesText } from '../../src/engine/logs/mesos-lines.ts';
import { sandboxFile } from '../../src/engine/logs/sandbox-files.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { agent, framework, scenario } from '../support/cluster.ts';
import { fault, quickHealthCheck, untilBooted } from '../support/marathon.ts';

const stateOf = (sb: Sandbox) => sb.snapshot().cluster as unknown as ClusterState;
const messages = (state: ClusterState, idx: number) => nodeJournal(state, { kind: 'master', idx }).map((e) => e.message);

describe('mesos lines', () => {
  it("writes Mesos' Resources text, reservations with their role", () => {
    const pool = (role: string, total: [number, number, number, number], ports: Array<[number, number]>): Pool =>
      ({ role, total, free: total, totalPorts: ports, freePorts: ports }) as Pool;
    expect(resourcesText([pool('*', [4, 1024, 0, 1], [[31000, 31005]]), pool('slave_public', [1, 0, 10, 0], [])])).toBe(
      'cpus:4; mem:1024; gpus:1; ports:[31000-31005]; cpus(slave_public):1; disk(slave_public):10',
    );
  });

  it('tells the cluster on the leading master only; standbys log nothing but their elections', async () => {
    const s = {
      ...scenario([agent('a1', { cpus: 2, mem: 2048 })], []),
      cluster: { masters: 3, agents: [agent('a1', { cpus: 2, mem: 2048 })], roles: {} },
    };
    const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
    untilBooted(sb);
    sb.advance(5_000);
    const state = stateOf(sb);
    const leader = state.masters.findIndex((m) => m.mesos === 'leader');
    const standby = state.masters.findIndex((m) => m.mesos !== 'leader');
    expect(messages(state, leader).some((m) => m.includes('] Registered agent '))).toBe(true);
    expect(messages(state, standby).every((m) => m.includes('Elected as the leading master!'))).toBe(true);
  });
});

describe('sandbox files and Marathon lines', () => {
  it('logs a finished task', async () => {
    const s = scenario(
      [agent('a1', { cpus: 2, mem: 2048 })],
      [framework('once', 'batch', { cpus: 1, mem: 64, disk: 0, gpus: 0, ports: 0 }, { instances: 1, taskDurationSeconds: 5 })],
    );
    const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
    sb.advance(20_000);
    const state = stateOf(sb);
    const done = state.frameworks.flatMap((f) => f.completedTasks)[0] as TaskState;
    expect(done.state).toBe('TASK_FINISHED');
    expect(sandboxFile(state, done, 'stdout')!.at(-1)).toBe('once: done');
    expect(sandboxFile(state, done, 'stderr')!.at(-1)).toMatch(/executor\.cpp:1041\] Command exited with status 0 \(pid: \d+\)$/);
    expect(sandboxFile(state, done, 'other')).toBeUndefined();
    expect(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_RUNNING'].map((x) => statusMessage(x as TaskState['state']))).toEqual([
      'Command exited with status 0',
      'Command exited with status 1',
      'Command terminated with signal Terminated',
      '',
    ]);
  });

  it("logs Marathon's kill of an unhealthy instance as a warning, and the kill in the task's files", async () => {
    const s = scenario([agent('a1', { cpus: 2, mem: 2048 })], []);
    const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
    untilBooted(sb);
    sb.request({
      method: 'POST',
      path: '/marathon/v2/apps',
      body: { id: '/web', cmd: 'serve', instances: 1, cpus: 0.1, mem: 32, healthChecks: [quickHealthCheck({ maxConsecutiveFailures: 1 })] },
    });
    sb.advance(20_000);
    const task = Object.values(stateOf(sb).tasks).find((t) => t.name === 'web')!;
    fault(sb, 'task-unhealthy', task.id);
    sb.advance(20_000);
    const state = stateOf(sb);
    const leader = state.masters.findIndex((m) => m.marathon === 'leader');
    const journal = nodeJournal(state, { kind: 'master', idx: leader });
    const warn = journal.find((e) => e.message.includes('Detected unhealthy'))!;
    expect(warn.priority).toBe(4);
    expect(warn.message).toMatch(
      new RegExp(
        `\\] WARN  Detected unhealthy ${task.id.replace(/\._app\.\d+$/, '').replace(/\./g, '\\.')} of app \\[/web\\] version \\[[^\\]]+\\] on host a1 \\(mesosphere\\.marathon\\.core\\.health\\.impl\\.HealthCheckActor:`,
      ),
    );
    const killed = state.frameworks.flatMap((f) => f.completedTasks).find((t) => t.id === task.id)!;
    expect(sandboxFile(state, killed, 'stderr')!.some((l) => l.includes('Received kill for task'))).toBe(true);
    expect(sandboxFile(state, killed, 'stdout')!.at(-1)).toBe('web: received SIGTERM, shutting down');
  });
});
