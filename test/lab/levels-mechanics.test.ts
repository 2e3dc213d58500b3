/** The level runner's mechanics: determinism, the stepping hook, the whitelist of changes, and level links. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { changesProblem, decodeLevel, encodeLevel, LEVELS, levelProblem, runLevel, type Level } from '../../src/sandbox/levels/index.ts';
import { agentCrash, leaderKill, rollingUpgrade } from '../../src/sandbox/levels/shipped-apps.ts';

describe('runLevel', () => {
  it('is deterministic: same level and changes, same result, moment and history', async () => {
    for (const level of [agentCrash, rollingUpgrade]) {
      const a = await runLevel(level, level.naive.changes, { kernels: 'ts' });
      const b = await runLevel(level, level.naive.changes, { kernels: 'ts' });
      expect(b).toEqual(a);
    }
  });

  it('names the app, task and agent at fault, and calls onEvent after every event', async () => {
    const moments: number[] = [];
    const result = await runLevel(agentCrash, {}, { kernels: 'ts', onEvent: (at) => moments.push(at) });
    if (result.won) throw new Error('expected a loss');
    expect(result.violation).toMatchObject({ app: '/shop', agent: expect.stringMatching(/^a-\d$/) });
    expect(result.violation.task).toMatch(/^shop\./);
    expect(moments.length).toBe(result.events);
    expect(moments.at(-1)).toBe(result.at);
    expect(moments.every((t, i) => i === 0 || t >= moments[i - 1]!)).toBe(true);
  });

  it('refuses changes the level does not allow, with the reason, and runs nothing', async () => {
    const result = await runLevel(agentCrash, { masters: 5 }, { kernels: 'ts' });
    expect(result).toMatchObject({ won: false, at: 0, events: 0, refused: true });
    if (!result.won) expect(result.violation.text).toBe('refused: masters: this level does not let you change the number of masters');
  });
});

describe('changesProblem', () => {
  it('accepts the shipped solutions', () => {
    for (const level of LEVELS) {
      expect(changesProblem(level, level.reference.changes)).toBeNull();
      expect(changesProblem(level, level.naive.changes)).toBeNull();
    }
  });

  it('refuses changes outside the whitelist, naming the field', () => {
    expect(changesProblem(agentCrash, { apps: { '/shop': { cpus: 4 } } })).toBe(
      'apps./shop.cpus: not a field this level lets you change (allowed: instances, constraints)',
    );
    expect(changesProblem(agentCrash, { apps: { '/other': { instances: 2 } } })).toBe(
      'apps./other: this level does not let you change /other (only /shop)',
    );
    expect(changesProblem(leaderKill, { masters: 2 })).toBe('masters: must be one of 1, 3, 5');
    expect(changesProblem(agentCrash, { seed: 3 })).toBe('seed: not something a level lets you change');
    expect(changesProblem(agentCrash, { actions: [{ at: 1000, request: { method: 'POST', path: '/sandbox/v1/faults' } }] })).toBe(
      'actions[0]: POST /sandbox/v1/faults is not an action this level allows',
    );
    const kafka = LEVELS.find((l) => l.id === 'kafka-broker-loss')!;
    expect(
      changesProblem(kafka, { actions: [{ at: 1000, request: { method: 'POST', path: '/service/kafka/v1/pod/kafka-1/replace' } }] }),
    ).toBeNull();
    expect(
      changesProblem(kafka, { actions: [{ at: 1000, request: { method: 'POST', path: '/service/kafka/v1/pod/kafka-1/restart' } }] }),
    ).toMatch(/not an action this level allows/);
    expect(changesProblem(kafka, { actions: [{ at: kafka.until + 1, request: { method: 'POST', path: '/x' } }] })).toMatch(
      /^actions\[0\]\.at/,
    );
  });
});

describe('stepping a sandbox (nextEventAt and the event observer)', () => {
  it('reads nothing from the generator: stepping with API reads after every event gives the plain run’s history', async () => {
    const scenario = {
      ...(agentCrash.scenario as object),
      script: [{ at: 60000, request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'agent-crash', target: 'a-2' } } }],
    };
    const plain = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts' });
    plain.advance(200000);
    let reads = 0;
    const stepped = await createSandbox(scenario, {
      allocator: 'ts',
      matcher: 'ts',
      observer: {
        event: () => {
          reads++;
          stepped.request({ method: 'GET', path: '/marathon/v2/apps/shop?embed=apps.tasks' });
          stepped.request({ method: 'GET', path: '/mesos/master/state-summary' });
        },
      },
    });
    for (let next = stepped.nextEventAt(); next !== undefined && next <= 200000; next = stepped.nextEventAt()) {
      expect(next).toBeGreaterThanOrEqual(stepped.now);
      stepped.advance(next - stepped.now);
    }
    stepped.advance(200000 - stepped.now);
    expect(reads).toBe(plain.eventCount);
    expect(stepped.eventCount).toBe(plain.eventCount);
    expect(stepped.historyHash()).toBe(plain.historyHash());
  });

  it('counts a scripted action that comes before the next event', async () => {
    const scenario = {
      ...(agentCrash.scenario as object),
      script: [{ at: 5, request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'heal' } } }],
    };
    const sb = await createSandbox(scenario, { allocator: 'ts', matcher: 'ts' });
    expect(sb.nextEventAt()).toBe(5); // before the cluster's first event
    sb.advance(5);
    expect(sb.pendingActions()).toBe(0);
    expect(sb.nextEventAt()).toBeGreaterThan(5);
  });
});

describe('level links', () => {
  it('round-trips every shipped level', async () => {
    for (const level of LEVELS) {
      const link = await encodeLevel(level);
      expect(link).toMatch(/^l=1\.[A-Za-z0-9_-]+$/);
      const back = await decodeLevel(`#${link}`);
      expect(back).toEqual({ ok: true, level: JSON.parse(JSON.stringify(level)) as Level });
    }
  });

  it('a level authored by a player, shared and decoded, plays the same', async () => {
    const mine: Level = { ...agentCrash, id: 'my-level', title: 'Mine', naive: { ...agentCrash.naive } };
    const decoded = await decodeLevel(await encodeLevel(mine));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(await runLevel(decoded.level, {}, { kernels: 'ts' })).toEqual(await runLevel(mine, {}, { kernels: 'ts' }));
  });

  it('refuses bad links with a reason', async () => {
    const good = await encodeLevel(agentCrash);
    expect(await decodeLevel('s=4.abc')).toEqual({ ok: false, error: 'This link does not contain a chaos level.' });
    expect(await decodeLevel('l=x.abc')).toMatchObject({ ok: false, error: expect.stringContaining('no version number') });
    expect(await decodeLevel(good.replace('l=1.', 'l=2.'))).toMatchObject({ ok: false, error: expect.stringContaining('format 2') });
    expect(await decodeLevel('l=1.@@@')).toMatchObject({ ok: false, error: expect.stringContaining('not valid base64url') });
    expect(await decodeLevel(good.slice(0, good.length / 2))).toMatchObject({ ok: false, error: expect.stringContaining('damaged') });
    expect(await decodeLevel(`l=1.${'A'.repeat(200_000)}`)).toMatchObject({ ok: false, error: expect.stringContaining('too long') });
    const notJson = await encodeRaw('not json');
    expect(await decodeLevel(notJson)).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
  });

  it('refuses levels that do not hold together, naming the field', async () => {
    const bad = (patch: Record<string, unknown>) => levelProblem({ ...JSON.parse(JSON.stringify(agentCrash)), ...patch });
    expect(bad({})).toBeNull();
    expect(bad({ id: 'Not An Id' })).toMatch(/^id:/);
    expect(bad({ until: -5 })).toMatch(/^until:/);
    expect(bad({ goals: [{ kind: 'teleport' }] })).toMatch(/^goals\[0\]\.kind: must be one of/);
    expect(bad({ goals: [{ kind: 'min-running', app: '/shop', count: -1 }] })).toMatch(/^goals\[0\]\.count/);
    expect(bad({ scenario: { cluster: { masters: 'three' } } })).toMatch(/^scenario:/);
    expect(bad({ allowed: { apps: { '/shop': ['cmd'] } } })).toMatch(/^allowed\.apps\./);
    expect(bad({ reference: { changes: { masters: 3 }, expect: { won: true } } })).toMatch(/^reference\.changes: masters/);
    expect(bad({ hack: 1 })).toBe('hack: not a field of a level');
    const link = await encodeRaw(JSON.stringify({ ...agentCrash, faults: [{ at: 'soon', fault: {} }] }));
    expect(await decodeLevel(link)).toMatchObject({ ok: false, error: expect.stringContaining('This level is not valid: faults[0].at') });
  });
});

async function encodeRaw(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return `l=1.${Buffer.from(bytes).toString('base64url')}`;
}
