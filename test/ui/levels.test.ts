/** The Levels page's pure parts: its routes, a level in words, the editor's text, a run's result in words. */
import { describe, expect, it } from 'vitest';
import { levelHref, levelLinkHref, levelRouteOf } from '../../src/ui/pages/levels/level-route.ts';
import {
  allowedWords,
  changesText,
  faultWords,
  levelClock,
  readChanges,
  scheduleWords,
  verdictOf,
} from '../../src/ui/pages/levels/level-words.ts';
import { markWon, wonLevels } from '../../src/ui/pages/levels/lab-client.ts';
import { LEVELS, type Level, type RunResult } from '../../src/sandbox/levels/index.ts';

const level = (id: string): Level => LEVELS.find((l) => l.id === id)!;

describe('level routes', () => {
  it('reads the list, a shipped level and a level link', () => {
    expect(levelRouteOf('#/levels')).toEqual({ kind: 'list' });
    expect(levelRouteOf('#/levels/')).toEqual({ kind: 'list' });
    expect(levelRouteOf('#/levels/agent-crash')).toEqual({ kind: 'level', id: 'agent-crash' });
    expect(levelRouteOf('#/levels/agent-crash?lesson=x')).toEqual({ kind: 'level', id: 'agent-crash' });
    expect(levelRouteOf('#/levels/l=1.abc-_')).toEqual({ kind: 'link', link: 'l=1.abc-_' });
    expect(levelRouteOf('#/levels/%E0%A4%A')).toEqual({ kind: 'level', id: '%E0%A4%A' });
    expect(levelRouteOf('#/dashboard')).toEqual({ kind: 'list' });
  });

  it('writes hrefs the routes read back', () => {
    expect(levelRouteOf(levelHref('zone-outage'))).toEqual({ kind: 'level', id: 'zone-outage' });
    const url = levelLinkHref('https://x.test/some/sub-path/#/levels/agent-crash', 'l=1.QUJD');
    expect(url).toBe('https://x.test/some/sub-path/#/levels/l=1.QUJD');
    expect(levelRouteOf(new URL(url).hash)).toEqual({ kind: 'link', link: 'l=1.QUJD' });
  });
});

describe('a level in words', () => {
  it('tells times as m:ss, with the milliseconds between seconds', () => {
    expect(levelClock(0)).toBe('0:00');
    expect(levelClock(135_000)).toBe('2:15');
    expect(levelClock(60_005)).toBe('1:00.005');
    expect(levelClock(600_000)).toBe('10:00');
  });

  it("tells each shipped level's schedule, placeholders in words", () => {
    expect(scheduleWords(level('agent-crash'))).toEqual([{ at: 60_000, text: 'the agent running /shop crashes' }]);
    expect(scheduleWords(level('leader-kill'))).toEqual([{ at: 60_000, text: 'the leading master crashes' }]);
    expect(scheduleWords(level('zone-outage'))[0]!.text).toBe('zone us-east-1b goes dark: every agent in it crashes');
    expect(scheduleWords(level('upgrade-during-partition')).map((m) => m.at)).toEqual([60_000, 90_000]);
    expect(scheduleWords(level('upgrade-during-partition'))[1]!.text).toBe('PUT /marathon/v2/apps/web');
    expect(scheduleWords(level('vip-zone-partition'))).toEqual([
      { at: 30_000, text: 'the shoppers client on a-1 starts sending 20 requests a second to web.marathon.l4lb.thisdcos.directory:80' },
      { at: 60_000, text: 'zone us-east-1c is cut off from the rest of the cluster' },
    ]);
    expect(faultWords(level('partitioned-agent').faults![0]!.fault)).toBe(
      'the agent running /shop is cut off from master-1, master-2, master-3',
    );
    for (const l of LEVELS) for (const m of scheduleWords(l)) expect(m.text).not.toMatch(/\{\{|suffers/);
  });

  it('tells random faults and unknown targets as they are', () => {
    const random = {
      ...level('agent-crash'),
      faults: [],
      randomFaults: { seed: 3, count: 2, from: 1000, to: 61_000, kinds: ['agent-crash' as const] },
    };
    expect(scheduleWords(random)).toEqual([{ at: 1000, text: '2 random agent-crash faults between 0:01 and 1:01 (seed 3)' }]);
    expect(faultWords({ kind: 'task-crash', target: '{{odd:x}}' })).toBe('{{odd:x}} crashes');
  });

  it('lists what the player may change', () => {
    expect(allowedWords(level('agent-crash').allowed)).toEqual(['/shop: instances, constraints']);
    expect(allowedWords(level('leader-kill').allowed)).toEqual(['the number of masters: 1, 3, 5']);
    expect(allowedWords(level('kafka-broker-loss').allowed)).toEqual([
      'an operator action at a time you choose: POST /service/kafka/v1/pod/*/replace',
    ]);
  });
});

describe("the editor's text", () => {
  it('round-trips changes', () => {
    const changes = level('agent-crash').reference.changes;
    expect(readChanges(changesText(changes))).toEqual({ ok: true, changes });
    expect(readChanges('  ')).toEqual({ ok: true, changes: {} });
  });

  it('says when the text is not JSON', () => {
    const read = readChanges('{"apps": ');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/^not JSON: /);
  });
});

describe('a result in words', () => {
  const base = { events: 10, historyHash: 'h', skipped: [] };
  it('says Won', () => {
    const v = verdictOf({ ...base, won: true, at: 240_000 });
    expect(v).toEqual({ won: true, title: 'Won', text: 'The goals held to the end, 4:00.', blame: [] });
  });

  it('says Lost at the moment, with the violation and what is at fault', () => {
    const result: RunResult = {
      ...base,
      won: false,
      at: 135_000,
      violation: { text: '/shop has 0 running instances, fewer than 1', app: '/shop', agent: 'a-2' },
    };
    expect(verdictOf(result)).toEqual({
      won: false,
      title: 'Lost at 2:15',
      text: '/shop has 0 running instances, fewer than 1',
      blame: [
        ['app', '/shop'],
        ['agent', 'a-2'],
      ],
    });
  });

  it('says a refused run was not run', () => {
    const refused: RunResult = {
      won: false,
      at: 0,
      violation: { text: 'refused: masters' },
      events: 0,
      historyHash: '',
      refused: true,
      skipped: [],
    };
    expect(verdictOf(refused).title).toBe('Not run');
  });
});

describe('levels won in this browser', () => {
  it('keeps ids, and survives a storage that holds nonsense or refuses', () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(wonLevels(store).size).toBe(0);
    markWon('agent-crash', store);
    markWon('agent-crash', store);
    markWon('leader-kill', store);
    expect([...wonLevels(store)]).toEqual(['agent-crash', 'leader-kill']);
    data.set('dcos-sandbox.levels.won', '{not json');
    expect(wonLevels(store).size).toBe(0);
    const refusing = {
      getItem: () => '[]',
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => markWon('x', refusing)).not.toThrow();
    expect(wonLevels(null).size).toBe(0);
  });
});
