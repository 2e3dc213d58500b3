/**
 * The "Install Kafka" lesson's goals (src/tutorial/sdk-goals.ts), played through the API as a reader's clicks and
 * commands would make the calls: each holds once its step is done, and not when the step was done otherwise (the
 * install of another broker count, an agent crash not yet noticed by the master, a restart instead of a replace).
 */
import { describe, expect, it } from 'vitest';
import type { MesosState } from '../../src/api/shapes/mesos.ts';
import type { SdkPodStatusJson } from '../../src/api/shapes/sdk.ts';
import type { ApiRequest } from '../../src/api/types.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { kafka, kafkaOptions } from '../../src/tutorial/lessons/kafka.ts';
import { resolveText } from '../../src/tutorial/resolve.ts';
import { deployComplete, packageInstalled, podLost, podReplaced } from '../../src/tutorial/sdk-goals.ts';
import type { Goal } from '../../src/tutorial/types.ts';
import { sandboxApi, untilSettled } from './support.ts';

const installed = packageInstalled('kafka', 'kafka', 'BROKER_COUNT', '3', 'Kafka installed with 3 brokers');
const deployed = deployComplete('kafka', 3);
const lost = podLost('kafka');
const replaced = podReplaced('kafka');

async function lessonCluster(): Promise<Sandbox> {
  const sb = await createSandbox(kafka.scenario, { allocator: 'ts', matcher: 'ts' });
  untilSettled(sb);
  return sb;
}

function call(sb: Sandbox, req: ApiRequest): unknown {
  const res = sb.request(req);
  expect(res.status, `${req.method} ${req.path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

const holds = (sb: Sandbox, goal: Goal) => goal.check({ api: sandboxApi(sb), events: new Set() });
const none = async (sb: Sandbox, goals: Goal[]) => (await Promise.all(goals.map((g) => holds(sb, g)))).every((h) => !h);

/** Run the clock until `goal` holds, at most `ms`. */
async function until(sb: Sandbox, goal: Goal, ms: number): Promise<void> {
  for (let waited = 0; !(await holds(sb, goal)); waited += 250) {
    expect(waited, goal.description).toBeLessThan(ms);
    sb.advance(250);
  }
}

const install = (sb: Sandbox, options: unknown = kafkaOptions) =>
  call(sb, { method: 'POST', path: '/package/install', body: { packageName: 'kafka', options } });
const fault = (sb: Sandbox, kind: string, target: string) =>
  call(sb, { method: 'POST', path: '/sandbox/v1/faults', body: { kind, target } });
const state = (sb: Sandbox) => call(sb, { method: 'GET', path: '/mesos/master/state' }) as MesosState;

/** The agents' hostnames by id, as long as they are registered (an unreachable one leaves `slaves`). */
const known = new Map<string, string>();

/** Where each broker's task is: `kafka-0-broker` → hostname and state (live and unreachable tasks). */
function brokers(sb: Sandbox): Array<[string, string, string]> {
  const s = state(sb);
  for (const a of s.slaves) known.set(a.id, a.hostname);
  const fw = s.frameworks.find((f) => f.name === 'kafka')!;
  const host = (id: string) => known.get(id) ?? '?';
  return [...fw.tasks, ...fw.unreachable_tasks].map((t) => [t.name, host(t.slave_id), t.state] as [string, string, string]).sort();
}

async function deployedCluster(): Promise<Sandbox> {
  const sb = await lessonCluster();
  install(sb);
  await until(sb, deployed, 300_000);
  return sb;
}

describe('Install Kafka: goals', () => {
  it('each holds once its step is done through the API, and none before', async () => {
    const sb = await lessonCluster();
    expect(await none(sb, [installed, deployed, lost, replaced])).toBe(true);
    install(sb);
    expect(await holds(sb, installed)).toBe(true);
    expect(await none(sb, [deployed, lost, replaced])).toBe(true);

    await until(sb, deployed, 300_000);
    const before = brokers(sb);
    expect(before.map(([name, , st]) => [name, st])).toEqual([
      ['kafka-0-broker', 'TASK_RUNNING'],
      ['kafka-1-broker', 'TASK_RUNNING'],
      ['kafka-2-broker', 'TASK_RUNNING'],
    ]);
    expect(new Set(before.map(([, host]) => host)).size).toBe(3);
    // Each broker's agent holds a kafka-role reservation.
    const reserved = state(sb).slaves.filter((a) => 'kafka-role' in (a.reserved_resources ?? {}));
    expect(reserved.map((a) => a.hostname).sort()).toEqual(before.map(([, host]) => host).sort());

    const host = await resolveText(sandboxApi(sb), '{{podHost:kafka}}');
    const victim = before.find(([, h]) => h === host)![0].replace(/-broker$/, '');
    fault(sb, 'agent-crash', host);
    // The master has not yet given up on the agent: nothing is lost yet.
    sb.advance(30_000);
    expect(await holds(sb, lost)).toBe(false);
    await until(sb, lost, 150_000);
    expect(await resolveText(sandboxApi(sb), '{{lostPod:kafka}}')).toBe(victim);
    sb.advance(60_000);
    // The scheduler waits for the agent: the broker is not run anywhere else.
    expect(await holds(sb, lost)).toBe(true);
    expect(await holds(sb, replaced)).toBe(false);
    expect(brokers(sb).filter(([name]) => name === `${victim}-broker`)).toEqual([[`${victim}-broker`, host, 'TASK_UNREACHABLE']]);

    call(sb, { method: 'POST', path: `/service/kafka/v1/pod/${victim}/replace` });
    await until(sb, replaced, 120_000);
    const moved = brokers(sb).filter(([name]) => name === `${victim}-broker`);
    expect(moved).toHaveLength(2);
    expect(moved.find(([, , st]) => st === 'TASK_RUNNING')![1]).not.toBe(host);
    const pods = call(sb, { method: 'GET', path: '/service/kafka/v1/pod/status' }) as SdkPodStatusJson;
    expect(pods.pods[0]!.instances.map((i) => [i.name, i.tasks[0]!.status])).toEqual([
      ['kafka-0', 'RUNNING'],
      ['kafka-1', 'RUNNING'],
      ['kafka-2', 'RUNNING'],
    ]);
  });

  it('an install with another broker count is not the step’s', async () => {
    const sb = await lessonCluster();
    install(sb, { brokers: { count: 1 } });
    sb.advance(5_000);
    expect(await holds(sb, installed)).toBe(false);
  });

  it('a restart instead of a replace waits for the agent: the broker does not move', async () => {
    const sb = await deployedCluster();
    const host = await resolveText(sandboxApi(sb), '{{podHost:kafka}}');
    fault(sb, 'agent-crash', host);
    await until(sb, lost, 150_000);
    const pod = await resolveText(sandboxApi(sb), '{{lostPod:kafka}}');
    call(sb, { method: 'POST', path: `/service/kafka/v1/pod/${pod}/restart` });
    sb.advance(60_000);
    expect(await holds(sb, replaced)).toBe(false);
  });
});
