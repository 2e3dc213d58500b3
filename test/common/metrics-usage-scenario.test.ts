/** A scenario's `marathon.behavior[app].usage`: optional, read whole, refused at the field at fault. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/common/scenario/validate.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

const withUsage = (usage: unknown) => ({
  ...structuredClone(defaultScenario),
  marathon: { role: '*', apps: [], behavior: { '/leak': { usage } } },
});

describe('scenario usage specs', () => {
  it('keeps a valid spec and leaves old scenarios without one', () => {
    const read = validateScenario(withUsage({ profile: 'leak', cpus: 0.3, memMbPerMinute: 20 }));
    expect(read.marathon.behavior['/leak']).toEqual({
      healthCheckFailureRate: 0,
      startFailureRate: 0,
      meanSecondsToCrash: null,
      usage: { profile: 'leak', cpus: 0.3, memMbPerMinute: 20 },
    });
    const old = validateScenario({ ...structuredClone(defaultScenario), marathon: { role: '*', apps: [], behavior: { '/a': {} } } });
    expect(old.marathon.behavior['/a']).not.toHaveProperty('usage');
  });

  it('names the field at fault', () => {
    expect(() => validateScenario(withUsage({ profile: 'leak', memMbPerMinute: -1 }))).toThrow(
      /marathon\.behavior\.\/leak\.usage\.memMbPerMinute/,
    );
    expect(() => validateScenario(withUsage({ profile: 'x' }))).toThrow(/usage\.profile.*steady, sawtooth, leak, spike/);
    expect(() => validateScenario(withUsage('leak'))).toThrow(/usage.*must be an object/);
  });
});
