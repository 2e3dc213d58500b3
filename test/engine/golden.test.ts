/**
 * The whole history of the default scenario, pinned by hash. The browser tests compare the
 * worker's hash with the same fixture, so Node and Chromium are held to one history.
 * Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/engine/golden.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';

const FIXTURE = new URL('../fixtures/default-history.json', import.meta.url);

describe('golden history', () => {
  it('the default scenario after 120 simulated seconds matches the fixture', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(120_000);
    const actual = { scenario: 'default', ms: 120_000, events: sb.eventCount, hash: sb.historyHash() };
    if (process.env.UPDATE_GOLDEN) writeFileSync(FIXTURE, JSON.stringify(actual, null, 2) + '\n');
    expect(actual).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });
});
