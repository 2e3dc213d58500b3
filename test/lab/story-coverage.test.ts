/** Narrated replay beyond the golden runs: quorum loss, partitions, agents gone and back, task failures, deployments. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { narrate, replayStory, watchStory, type Beat } from '../../src/sandbox/story/index.ts';

type Json = Record<string, unknown>;

const agent = (hostname: string, cpus = 4, mem = 4096): Json => ({ hostname, resources: { cpus, mem, disk: 0, gpus: 0 } });
const write = (at: number, method: string, path: string, body?: unknown): Json => ({
  at,
  request: { method, path, ...(body === undefined ? {} : { body }) },
});
const fault = (at: number, body: Json): Json => write(at, 'POST', '/sandbox/v1/faults', body);
const app = (id: string, instances: number, cpus = 0.5): Json => ({ id, cmd: 'run', instances, cpus, mem: 128 });
const PREFIX = 'fault injected (POST /sandbox/v1/faults): ';

/** The beats of a run, each as its time, thread, title and sentence alone. */
async function beatsOf(scenario: Json, untilMs: number): Promise<{ at: number; thread: string; title: string; text: string }[]> {
  const watcher = watchStory();
  const sandbox = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts', observer: watcher.observer });
  sandbox.advance(untilMs);
  return watcher.beats().map((b: Beat) => ({ at: b.at, thread: b.thread, title: b.title, text: b.render([b.item]) }));
}

const textsAt = (beats: { at: number; text: string }[], at: number): string[] => beats.filter((b) => b.at === at).map((b) => b.text);

describe('story: ZooKeeper, masters and the elections', () => {
  /** Three masters; two crash (the ensemble loses its quorum), one comes back (it regains it), sessions expire. */
  const QUORUM: Json = {
    seed: 1,
    cluster: { masters: 3, agents: [agent('a1')], roles: {} },
    frameworks: [],
    marathon: { role: '*', apps: [] },
    script: [
      fault(20_000, { kind: 'master-crash', target: 'master-2' }),
      fault(21_000, { kind: 'master-crash', target: 'master-3' }),
      fault(60_000, { kind: 'master-restore', target: 'master-2' }),
      fault(62_000, { kind: 'zk-session-expire', target: 'master-1', component: 'marathon' }),
      fault(100_000, { kind: 'zk-session-expire', target: 'master-1' }),
    ],
  };

  it('tells the quorum lost and regained, Marathon and Metronome failovers, and sessions expiring', async () => {
    const beats = await beatsOf(QUORUM, 150_000);
    expect(textsAt(beats, 20_000)).toEqual([`${PREFIX}master-2 crashed`, 'Marathon on master-2 stopped leading']);
    expect(textsAt(beats, 21_000)).toEqual([`${PREFIX}master-3 crashed`, 'ZooKeeper lost its quorum: it stops answering']);
    expect(beats.filter((b) => b.title === 'Metronome failover').map((b) => b.text)).toEqual(['Metronome on master-1 stopped leading']);
    expect(textsAt(beats, 60_000)).toEqual([`${PREFIX}master-2 was restored: its units boot again`]);
    // The ensemble serves again with 2 of its 3 servers once master-2 is back.
    const regained = beats.find((b) => b.at > 60_000 && b.title === 'ZooKeeper election');
    expect(regained?.text).toMatch(/^ZooKeeper on master-\d leads the ensemble \(2 of 3 servers\)$/);
    // A fault naming one component expires that session at once (it lost the ensemble a second before).
    expect(textsAt(beats, 62_000)).toEqual([
      `${PREFIX}ZooKeeper's session for master-1's Marathon expired 1 s after it lost the ensemble: its znode is deleted`,
    ]);
    // Leaders again after the sessions from the quorum loss expired.
    const after = beats.filter((b) => b.at > 62_000 && b.at < 100_000).map((b) => b.title);
    expect(after).toEqual(expect.arrayContaining(['Mesos leader election', 'Marathon leader election', 'Metronome leader election']));
    // Expiring all of master-1's sessions makes the leading master step down first: that is the first thing told.
    expect(textsAt(beats, 100_000)).toEqual([
      `${PREFIX}master-1 stopped leading`,
      'master-2 holds the lowest znode and recovers the registry',
    ]);
  });

  it('merges one master’s expired sessions into one sentence in the chapter', async () => {
    const { chapters } = await replayStory(QUORUM, 150_000);
    const text = chapters.map((c) => c.text).join('\n');
    expect(text).toContain(
      "ZooKeeper's sessions for master-2's Mesos master, Marathon and Metronome expired: their znodes are deleted at 1:10",
    );
    expect(text).toContain('ZooKeeper lost its quorum: it stops answering at 0:21');
  });
});

describe('story: the network and the agents', () => {
  const NET: Json = {
    seed: 2,
    cluster: { masters: 1, agents: [agent('a1'), agent('a2'), agent('a3')], roles: {} },
    frameworks: [],
    marathon: { role: '*', apps: [app('/web', 2)] },
    script: [
      fault(20_000, { kind: 'partition', sides: [['a1'], ['master-1', 'a2']] }),
      fault(25_000, { kind: 'partition', sides: [['a2'], ['master-1']] }),
      fault(40_000, { kind: 'heal' }),
      write(60_000, 'DELETE', '/sandbox/v1/agents/a3'),
      fault(70_000, { kind: 'agent-crash', target: 'a1' }),
      fault(150_000, { kind: 'agent-restore', target: 'a1' }),
    ],
  };

  it('tells partitions with their sides and the heal, an agent gone, and one crashed, unreachable and back', async () => {
    const beats = await beatsOf(NET, 170_000);
    const net = beats.filter((b) => b.thread === 'network');
    expect(net).toEqual([
      expect.objectContaining({
        at: 20_000,
        title: 'Network partition',
        text: `${PREFIX}The network was cut between a1 and master-1 and a2`,
      }),
      expect.objectContaining({ at: 25_000, title: 'Network partition', text: `${PREFIX}The network was cut between a2 and master-1` }),
      expect.objectContaining({ at: 40_000, title: 'Network healed' }),
    ]);
    expect(beats.filter((b) => b.thread === 'agent:a3').map((b) => b.text)).toEqual([
      'agent a3 crashed: its tasks keep running, checkpointed, but nobody reports on them',
      'agent a3 was marked gone',
    ]);
    const a1 = beats.filter((b) => b.thread === 'agent:a1');
    expect(a1.map((b) => b.title)).toEqual(['Agent a1 crashed', 'Agent a1 unreachable', 'Agent a1 restored', 'Agent a1 back']);
    expect(a1[1]!.text).toBe('Mesos marked agent a1 unreachable after 75 s of missed pings');
    expect(a1[3]!.text).toBe('agent a1 re-registered with the leading master');
    expect(a1[3]!.at).toBeGreaterThan(150_000);
  });

  it('puts a partition’s hosts in its chapter’s highlights', async () => {
    const { chapters } = await replayStory(NET, 45_000);
    const cut = chapters.find((c) => c.title === 'Network partition')!;
    expect(cut.highlights).toEqual({ agents: ['a1', 'a2'], masters: ['master-1'] });
    expect(chapters.find((c) => c.title === 'Network healed')!.text).toBe(
      'Fault injected (POST /sandbox/v1/faults): The network healed: every host reaches every other again at 0:40.',
    );
  });
});

describe('story: tasks and deployments', () => {
  const TASKS: Json = {
    seed: 3,
    cluster: { masters: 1, agents: [agent('a1'), agent('a2')], roles: {} },
    frameworks: [
      {
        name: 'batch',
        role: '*',
        task: { cpus: 0.5, mem: 128, disk: 0, gpus: 0, ports: 0 },
        instances: 2,
        tasksPerOffer: 1,
        refuseSeconds: 0,
        taskDurationSeconds: 10,
      },
    ],
    marathon: { role: '*', apps: [app('/leaky', 1), app('/web', 3), app('/big', 1, 64)] },
    script: [
      write(15_000, 'PUT', '/sandbox/v1/marathon/apps/leaky/behavior', {
        usage: { profile: 'leak', cpus: 0.1, memMb: 100, memMbPerMinute: 600, peakMemMb: 1000 },
      }),
      write(20_000, 'PUT', '/marathon/v2/apps/web', app('/web', 1)),
      write(40_000, 'DELETE', '/marathon/v2/apps/web'),
    ],
  };

  it('tells an OOM kill in words, tasks finished, killed by a scale-down and a stop, and an app waiting for offers', async () => {
    const beats = await beatsOf(TASKS, 60_000);
    const oom = beats.filter((b) => b.thread === 'app:/leaky' && b.title === '/leaky: tasks failed');
    expect(oom.length).toBeGreaterThan(1);
    expect(oom[0]!.text).toMatch(
      /^1 task of \/leaky failed on a\d: out of memory: the kernel OOM-killed it \(REASON_CONTAINER_LIMITATION_MEMORY\)$/,
    );
    expect(beats.filter((b) => b.title === 'framework batch: tasks finished').map((b) => b.text)).toEqual([
      expect.stringMatching(/^1 task of framework batch finished on a\d$/),
      expect.stringMatching(/^1 task of framework batch finished on a\d$/),
    ]);
    const web = beats.filter((b) => b.thread === 'app:/web').map((b) => b.text);
    expect(web).toContainEqual(expect.stringMatching(/^Marathon started deployment \w{8}: scale \/web from 3 to 1 instances$/));
    expect(web).toContainEqual(expect.stringMatching(/^Marathon started deployment \w{8}: stop \/web$/));
    expect(web.filter((t) => /^1 task of \/web were killed on a\d$/.test(t))).toHaveLength(3);
    const waiting = beats.filter((b) => b.title === '/big waiting for offers');
    expect(waiting.map((b) => [b.at, b.text])).toEqual([
      [
        30_000,
        expect.stringMatching(
          /^1 instance of \/big has waited 30 s for offers: of 2 agents, 2 at cpus \(a\d has [\d.]+ cpus free, needs 64\)$/,
        ),
      ],
    ]);
  });

  it('merges an app’s OOM kills in its chapter into one sentence', async () => {
    const { chapters } = await replayStory(TASKS, 60_000);
    const leaky = chapters.find((c) => c.highlights.apps?.includes('/leaky') && c.text.includes('OOM'))!;
    expect(leaky.text).toMatch(/\d+ tasks of \/leaky failed on a1( and a2)?: out of memory: the kernel OOM-killed it/);
    expect(chapters.find((c) => c.title === '/big waiting for offers')!.highlights.agents).toHaveLength(1);
  });

  it('tells a failed start without a reason, a deployment replaced, an agent removed and an app with no agent to run on', async () => {
    const beats = await beatsOf(
      {
        seed: 4,
        cluster: { masters: 1, agents: [agent('a1')], roles: {} },
        frameworks: [],
        marathon: { role: '*', apps: [app('/flaky', 1), app('/big', 1, 64)], behavior: { '/flaky': { startFailureRate: 1 } } },
        script: [
          write(15_000, 'PUT', '/marathon/v2/apps/big?force=true', app('/big', 2, 64)),
          write(20_000, 'DELETE', '/sandbox/v1/agents/a1'),
        ],
      },
      60_000,
    );
    expect(beats.find((b) => b.title === '/flaky: tasks failed')!.text).toBe('1 task of /flaky failed on a1');
    expect(textsAt(beats, 15_000)).toEqual([
      expect.stringMatching(/^Marathon started deployment \w{8}: scale \/big from 1 to 2 instances$/),
      expect.stringMatching(/^deployment \w{8} was canceled or replaced by another$/),
    ]);
    expect(beats.filter((b) => b.at === 20_000 && b.title === '/flaky: tasks failed').map((b) => b.text)).toEqual([
      '1 task of /flaky ended TASK_GONE_BY_OPERATOR on a1',
    ]);
    const waiting = beats.filter((b) => b.title === '/flaky waiting for offers');
    expect(waiting.map((b) => b.text)).toContainEqual(
      expect.stringMatching(/^1 instance of \/flaky has waited \d+ s for offers: no agent is registered; /),
    );
  });
});

describe('story: faults whose effect the state does not show at once', () => {
  it('says so for a task crash, and the failure follows in the app’s thread', async () => {
    const watcher = watchStory();
    const scenario = {
      seed: 4,
      cluster: { masters: 1, agents: [agent('a1')], roles: {} },
      frameworks: [],
      marathon: { role: '*', apps: [app('/web', 1)] },
    };
    const sandbox = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts', observer: watcher.observer });
    sandbox.advance(20_000);
    const tasks = (sandbox.request({ method: 'GET', path: '/marathon/v2/tasks' }).body as { tasks: { id: string }[] }).tasks;
    const id = tasks[0]!.id;
    const crash = sandbox.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'task-crash', target: id } });
    expect(crash.status).toBeLessThan(300);
    // A refused fault is no beat.
    expect(sandbox.request({ method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'task-crash' } }).status).toBe(400);
    const told = watcher.beats().filter((b) => b.at === 20_000);
    expect(told.map((b) => [b.thread, b.render([b.item])])).toEqual([
      ['faults', `fault injected: task-crash of task ${id}`],
      ['app:/web', '1 task of /web failed on a1'],
    ]);
    expect(told[0]!.highlights).toEqual({ tasks: [id] });
    const chapters = narrate(watcher.beats());
    // The failure it set off is told in the fault's chapter.
    expect(chapters.find((c) => c.title === 'Fault injected')!.text).toBe(
      `Fault injected: task-crash of task ${id} at 0:20; 1 task of /web failed on a1 at 0:20.`,
    );
  });
});
