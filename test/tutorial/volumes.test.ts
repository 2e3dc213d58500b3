/**
 * The "Keep your data" lesson's goals (src/tutorial/volume-goals.ts), played through the API as a reader's clicks
 * and commands would make the calls: each holds once its step is done, and not when the step was done otherwise
 * (a wipe instead of a crash, a scale to 0 without a wipe, an agent crash not yet noticed by the master).
 */
import { describe, expect, it } from 'vitest';
import type { MarathonTask } from '../../src/api/shapes/marathon.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { db, volumes } from '../../src/tutorial/lessons/volumes.ts';
import type { Goal } from '../../src/tutorial/types.ts';
import {
  residentBack,
  residentRelaunched,
  residentRunning,
  residentSuspended,
  residentWaiting,
  residentWiped,
} from '../../src/tutorial/volume-goals.ts';
import { sandboxApi, untilSettled } from './support.ts';

async function lessonCluster(): Promise<Sandbox> {
  const sb = await createSandbox(volumes.scenario, { allocator: 'ts', matcher: 'ts' });
  untilSettled(sb);
  return sb;
}

function call(sb: Sandbox, req: ApiRequest): unknown {
  const res = sb.request(req);
  expect(res.status, `${req.method} ${req.path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

const holds = (sb: Sandbox, goal: Goal) => goal.check({ api: sandboxApi(sb), events: new Set() });

/** Run the clock until `goal` holds, at most `ms`. */
async function until(sb: Sandbox, goal: Goal, ms: number): Promise<void> {
  for (let waited = 0; !(await holds(sb, goal)); waited += 250) {
    expect(waited, goal.description).toBeLessThan(ms);
    sb.advance(250);
  }
}

const tasks = (sb: Sandbox): MarathonTask[] =>
  (call(sb, { method: 'GET', path: '/marathon/v2/apps/db/tasks' }) as { tasks: MarathonTask[] }).tasks;
const fault = (sb: Sandbox, kind: string, target: string) =>
  call(sb, { method: 'POST', path: '/sandbox/v1/faults', body: { kind, target } });

async function deployed(): Promise<Sandbox> {
  const sb = await lessonCluster();
  call(sb, { method: 'POST', path: '/marathon/v2/apps', body: db });
  await until(sb, residentRunning('/db'), 20_000);
  return sb;
}

describe('Keep your data: goals', () => {
  it('each holds once its step is done through the API', async () => {
    const sb = await deployed();
    const [first] = tasks(sb);
    fault(sb, 'task-crash', first!.id);
    await until(sb, residentRelaunched('/db'), 20_000);
    const [relaunched] = tasks(sb);
    expect([relaunched!.host, relaunched!.localVolumes]).toEqual([first!.host, first!.localVolumes]);

    fault(sb, 'agent-crash', first!.host);
    // The master has not yet given up on the agent: nothing to wait for yet.
    sb.advance(30_000);
    expect(await holds(sb, residentWaiting('/db'))).toBe(false);
    await until(sb, residentWaiting('/db'), 120_000);
    sb.advance(60_000);
    expect(tasks(sb).map((t) => [t.host, t.state])).toEqual([[first!.host, 'TASK_UNREACHABLE']]);

    fault(sb, 'agent-restore', first!.host);
    await until(sb, residentBack('/db'), 30_000);

    call(sb, { method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 0 } });
    await until(sb, residentSuspended('/db'), 20_000);
    expect(await holds(sb, residentWiped('/db'))).toBe(false);

    const [kept] = tasks(sb);
    call(sb, { method: 'DELETE', path: `/marathon/v2/apps/db/tasks/${kept!.id}?wipe=true` });
    await until(sb, residentWiped('/db'), 20_000);
  });

  it('a task killed with wipe is replaced by a new instance: not a relaunch on the same volume', async () => {
    const sb = await deployed();
    const [first] = tasks(sb);
    call(sb, { method: 'DELETE', path: `/marathon/v2/apps/db/tasks/${first!.id}?wipe=true` });
    sb.advance(20_000);
    const [replacement] = tasks(sb);
    expect(replacement!.state).toBe('TASK_RUNNING');
    expect(replacement!.localVolumes[0]!.persistenceId).not.toBe(first!.localVolumes[0]!.persistenceId);
    expect(await holds(sb, residentRunning('/db'))).toBe(true);
    expect(await holds(sb, residentRelaunched('/db'))).toBe(false);
  });

  it('an app without a volume meets none of them, whatever happens to it', async () => {
    const sb = await lessonCluster();
    const { container: _, ...plain } = db;
    call(sb, { method: 'POST', path: '/marathon/v2/apps', body: plain });
    sb.advance(15_000);
    const [task] = tasks(sb);
    fault(sb, 'task-crash', task!.id);
    sb.advance(15_000);
    expect(await holds(sb, residentRunning('/db'))).toBe(false);
    expect(await holds(sb, residentRelaunched('/db'))).toBe(false);
    call(sb, { method: 'PUT', path: '/marathon/v2/apps/db', body: { instances: 0 } });
    sb.advance(15_000);
    expect(await holds(sb, residentSuspended('/db'))).toBe(false);
    expect(await holds(sb, residentWiped('/db'))).toBe(false);
  });
});
