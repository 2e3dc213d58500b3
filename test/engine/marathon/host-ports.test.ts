/**
 * Host ports as Marathon picks them (networking-sources.md §4.1, MA:…/tasks/PortsMatcher.scala), the port environment
 * (§4.3, MA:…/mesos/EnvironmentHelper.scala), and the task JSON that shows them (§5.17, §5.19).
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { Rng } from '../../../src/engine/core/rng.ts';
import { matchPorts, randomPorts, type RandomInt } from '../../../src/engine/marathon/ports-matcher.ts';
import { portEnv } from '../../../src/engine/marathon/port-env.ts';
import type { AppDefinition } from '../../../src/common/marathon/app-definition.ts';
import type { InstanceState } from '../../../src/engine/marathon/model.ts';
import { agent } from '../../support/cluster.ts';
import { boot, declinedByReason, deploy, get, queueEntry, tasksOf, type Json } from '../../support/marathon.ts';

/** A RandomInt that answers from a script (each answer checked against its bounds). */
function scripted(answers: number[]): RandomInt {
  const left = [...answers];
  return (min, max) => {
    const x = left.shift();
    if (x === undefined || x < min || x > max) throw new Error(`unexpected draw in [${min}, ${max}]: ${x}`);
    return x;
  };
}

const rangesOf = (ranges: Array<[number, number]>, pool = 0) => ranges.map(([begin, end]) => ({ pool, begin, end }));
const ports = (it: Iterable<{ port: number }>) => [...it].map((p) => p.port);

describe('the random port iterator (PortsMatcher:287-322)', () => {
  it('shuffles the ranges, starts mid-range, runs on through the later and earlier ranges and wraps to the head', () => {
    // Shuffle [A, B, C]: n=3 swaps 2↔0 → [C, B, A]; n=2 swaps 1↔1. Start index 3: past C's two ports, B's second.
    const iter = randomPorts(
      rangesOf([
        [1, 3],
        [10, 12],
        [20, 21],
      ]),
      scripted([0, 1, 3]),
    );
    expect(ports(iter)).toEqual([11, 12, 1, 2, 3, 20, 21, 10]);
  });

  it('without a generator: no shuffle, from the first offered port (what the what-if trials use)', () => {
    expect(
      ports(
        randomPorts(
          rangesOf([
            [31000, 31001],
            [1000, 1001],
          ]),
          null,
        ),
      ),
    ).toEqual([31000, 31001, 1000, 1001]);
  });

  it('is the same for the same seed, and the start is not always the lowest port', () => {
    const offered = rangesOf([
      [31000, 31999],
      [1025, 2180],
      [2182, 3887],
    ]);
    const first = (seed: number) => {
      const rng = Rng.fromSeed(seed);
      return ports(
        take(
          randomPorts(offered, (a, b) => rng.int(a, b)),
          3,
        ),
      );
    };
    expect(first(5)).toEqual(first(5));
    const starts = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => first(seed)[0]));
    expect(starts.size).toBeGreaterThan(4);
    for (const seed of [1, 2, 3]) {
      const [a, b, c] = first(seed);
      expect(b).toBe(a! + 1);
      expect(c).toBe(b! + 1);
    }
  });
});

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const x of it) {
    yield x;
    if (--n === 0) return;
  }
}

describe('matchPorts (PortsMatcher:61-172)', () => {
  const pools = [{ pool: 0, ports: [[31000, 31009]] as Array<[number, number]> }];

  it('requirePorts: exactly the declared ports, all offered or no match', () => {
    expect(matchPorts(pools, [31005, 31002], scripted([]))?.hostPorts).toEqual([31005, 31002]);
    expect(matchPorts(pools, [31005, 80], scripted([]))).toBeUndefined();
  });

  it('any ports: consecutive from the iterator; too few offered: no match', () => {
    const m = matchPorts(pools, [0, 0, 0], scripted([8]))!;
    expect(m.hostPorts).toEqual([31008, 31009, 31000]);
    expect(m.taken.get(0)).toEqual([
      [31000, 31000],
      [31008, 31009],
    ]);
    expect(matchPorts(pools, Array(11).fill(0), scripted([]))).toBeUndefined();
  });

  it('mappings: none stays none (aligned), 0 skips the fixed ports of the app, fixed must be offered', () => {
    expect(matchPorts(pools, [null, 0, 31001, null, 0], scripted([0]))?.hostPorts).toEqual([null, 31000, 31001, null, 31002]);
    expect(matchPorts(pools, [null, 0, 32000], scripted([]))).toBeUndefined();
    expect(matchPorts(pools, [null, null], scripted([]))?.hostPorts).toEqual([null, null]);
  });
});

describe('the port environment (EnvironmentHelper:34-104, networking-sources.md §4.3 examples)', () => {
  const app = (fields: Partial<AppDefinition>): AppDefinition =>
    ({ id: '/a', portDefinitions: [], requirePorts: false, ...fields }) as AppDefinition;
  const none = scripted([]);

  it('host networking', () => {
    const env = portEnv(app({ portDefinitions: [{ port: 10000, name: 'http' } as never] }), [31234], 'a1', none);
    expect(env).toEqual({ PORT0: '31234', PORT_10000: '31234', PORT_HTTP: '31234', PORT: '31234', PORTS: '31234', HOST: 'a1' });
  });

  it('bridge: containerPort 80, hostPort 0', () => {
    const bridge = app({ container: { type: 'MESOS', portMappings: [{ containerPort: 80, hostPort: 0, name: 'web' }] } as never });
    expect(portEnv(bridge, [20345], 'a1', none)).toEqual({
      PORT0: '20345',
      PORT_80: '20345',
      PORT_WEB: '20345',
      PORT: '20345',
      PORTS: '20345',
      HOST: 'a1',
    });
  });

  it('overlay: containerPort 8080, no hostPort', () => {
    const overlay = app({ container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http' }] } as never });
    expect(portEnv(overlay, [null], 'a1', none)).toEqual({
      PORT0: '8080',
      PORT_8080: '8080',
      PORT_HTTP: '8080',
      PORT: '8080',
      PORTS: '8080',
      HOST: 'a1',
    });
  });

  it('containerPort 0: equal to its host port, else a generated port in [1025, 65535]', () => {
    const mixed = app({
      container: {
        type: 'MESOS',
        portMappings: [
          { containerPort: 0, hostPort: 0, name: 'a' },
          { containerPort: 0, name: 'b' },
        ],
      } as never,
    });
    // The first draw hits a port already named (the host port), so the generator draws again.
    expect(portEnv(mixed, [31001, null], 'a1', scripted([31001, 4000]))).toEqual({
      PORT0: '31001',
      PORT1: '4000',
      PORT_31001: '31001',
      PORT_4000: '4000',
      PORT_A: '31001',
      PORT_B: '4000',
      PORT: '31001',
      PORTS: '31001,4000',
      HOST: 'a1',
    });
  });

  it('no ports: only HOST', () => {
    expect(portEnv(app({}), [], 'a1', none)).toEqual({ HOST: 'a1' });
  });
});

// --- Through the simulation ---------------------------------------------------------------------------------------

const RANGES: Array<[number, number]> = [
  [31000, 31099],
  [32000, 32049],
];
const inOffered = (p: number) => RANGES.some(([b, e]) => b <= p && p <= e);
/**
 * `q` is the port the iterator yields after `p`: every offered port between them in p's range is one an earlier
 * launch on the same offer took (`held`), or p's range runs out and q starts another stretch.
 */
function follows(p: number, q: number, held: ReadonlySet<number>): boolean {
  const [, end] = RANGES.find(([b, e]) => b <= p && p <= e)!;
  const stop = q > p && q <= end ? q : end + 1;
  for (let x = p + 1; x < stop; x++) if (!held.has(x)) return false;
  return inOffered(q);
}

async function cluster(seed = 3): Promise<Sandbox> {
  return boot([agent('a1', { cpus: 8, mem: 8192, ports: RANGES })], { seed });
}

function instances(sb: Sandbox, appId: string): InstanceState[] {
  const m = sb.snapshot().cluster.marathon;
  return m.runSpecs[appId]!.instanceIds.map((id) => m.instances[id]!);
}

describe('host ports of launched tasks', () => {
  it('requirePorts false: as many ports as definitions, offered, consecutive, declared numbers ignored; env and servicePorts', async () => {
    const sb = await cluster();
    deploy(sb, {
      id: '/h',
      cmd: 'sleep 1000',
      instances: 4,
      cpus: 0.1,
      mem: 16,
      portDefinitions: [{ port: 0, name: 'http' }, { port: 0 }],
    });
    sb.advance(15_000);
    const tasks = tasksOf(sb, '/h');
    expect(tasks).toHaveLength(4);
    const all = tasks.flatMap((t) => t.ports as number[]);
    const held = new Set(all);
    expect(held.size).toBe(8);
    for (const t of tasks) {
      const [p, q] = t.ports as number[];
      expect(inOffered(p!) && follows(p!, q!, held)).toBe(true);
      expect(t.servicePorts).toEqual([]);
    }
    expect(all.sort()).not.toEqual([31000, 31001, 31002, 31003, 31004, 31005, 31006, 31007]);

    const service = (get(sb, '/marathon/v2/apps/h').app.portDefinitions as Json[]).map((d) => d.port as number);
    const listed = (get(sb, '/marathon/v2/tasks').tasks as Json[]).filter((t) => t.appId === '/h');
    for (const t of listed) expect(t.servicePorts).toEqual(service);

    for (const i of instances(sb, '/h')) {
      const [p, q] = i.hostPorts as number[];
      expect(i.env).toEqual({
        PORT0: String(p),
        PORT1: String(q),
        [`PORT_${service[0]}`]: String(p),
        [`PORT_${service[1]}`]: String(q),
        PORT_HTTP: String(p),
        PORT: String(p),
        PORTS: `${p},${q}`,
        HOST: 'a1',
      });
    }
  });

  it('requirePorts true: exactly the declared ports', async () => {
    const sb = await cluster();
    deploy(sb, {
      id: '/r',
      cmd: 'sleep 1000',
      cpus: 0.1,
      mem: 16,
      requirePorts: true,
      portDefinitions: [{ port: 32010 }, { port: 31050 }],
    });
    sb.advance(15_000);
    expect(tasksOf(sb, '/r').map((t) => t.ports)).toEqual([[32010, 31050]]);
  });

  it('port mappings: absent, 0 and fixed host ports stay aligned with the mappings', async () => {
    const sb = await cluster();
    deploy(sb, {
      id: '/o',
      cmd: 'sleep 1000',
      cpus: 0.1,
      mem: 16,
      networks: [{ mode: 'container', name: 'dcos' }],
      container: {
        type: 'MESOS',
        portMappings: [
          { containerPort: 80, hostPort: 0, name: 'web' },
          { containerPort: 8080, name: 'http' },
          { containerPort: 0, hostPort: 31050, name: 'fixed' },
        ],
      },
    });
    sb.advance(15_000);
    const [task] = tasksOf(sb, '/o');
    const [instance] = instances(sb, '/o');
    const dynamic = instance!.hostPorts![0] as number;
    expect(instance!.hostPorts).toEqual([dynamic, null, 31050]);
    expect(inOffered(dynamic) && dynamic !== 31050).toBe(true);
    expect(task!.ports).toEqual([dynamic, 31050]);
    expect(instance!.env).toEqual({
      PORT0: String(dynamic),
      PORT1: '8080',
      PORT2: '31050',
      PORT_80: String(dynamic),
      PORT_8080: '8080',
      PORT_31050: '31050',
      PORT_WEB: String(dynamic),
      PORT_HTTP: '8080',
      PORT_FIXED: '31050',
      PORT: String(dynamic),
      PORTS: `${dynamic},31050,8080`,
      HOST: 'a1',
    });
  });

  it('a fixed host port another task holds: the instance waits, and the Debug placement says ports', async () => {
    const sb = await cluster();
    deploy(sb, { id: '/first', cmd: 'sleep 1000', cpus: 0.1, mem: 16, requirePorts: true, portDefinitions: [{ port: 31050 }] });
    sb.advance(10_000);
    expect(tasksOf(sb, '/first')).toHaveLength(1);
    deploy(sb, {
      id: '/second',
      cmd: 'sleep 1000',
      cpus: 0.1,
      mem: 16,
      networks: [{ mode: 'container/bridge' }],
      container: { type: 'MESOS', portMappings: [{ containerPort: 80, hostPort: 31050 }] },
    });
    sb.advance(15_000);
    expect(tasksOf(sb, '/second')).toEqual([]);
    const reasons = declinedByReason(queueEntry(sb, '/second')!);
    expect(reasons.InsufficientPorts).toBeGreaterThan(0);
    const placement = get(sb, '/sandbox/v1/marathon/apps/second/placement');
    expect(placement.failures).toEqual([
      expect.objectContaining({ hostname: 'a1', stage: 'ports', detail: 'does not have host port 31050 free' }),
    ]);
  });

  it('ipAddresses: [] while staging, the agent IP after', async () => {
    const sb = await cluster();
    deploy(sb, { id: '/s', cmd: 'sleep 1000', cpus: 0.1, mem: 16 });
    let staging: Json | undefined;
    for (let t = 0; t < 15_000 && !staging; t += 50) {
      sb.advance(50);
      staging = tasksOf(sb, '/s').find((x) => x.state === 'TASK_STAGING');
    }
    expect(staging?.ipAddresses).toEqual([]);
    sb.advance(10_000);
    const [running] = tasksOf(sb, '/s');
    expect(running!.state).toBe('TASK_RUNNING');
    expect((running!.ipAddresses as Json[])[0]).toMatchObject({ protocol: 'IPv4' });
  });
});

describe('determinism', () => {
  it('the same seed gives the same ports and history', async () => {
    const run = async () => {
      const sb = await cluster(11);
      deploy(sb, { id: '/d', cmd: 'sleep 1000', instances: 5, cpus: 0.1, mem: 16, portDefinitions: [{ port: 0 }, { port: 0 }] });
      sb.advance(20_000);
      return { ports: tasksOf(sb, '/d').map((t) => t.ports), hash: sb.historyHash() };
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    const held = new Set(a.ports.flat() as number[]);
    expect(held.size).toBe(10);
    expect(a.ports.every((p) => p.length === 2 && inOffered(p[0]) && follows(p[0], p[1], held))).toBe(true);
  });
});
