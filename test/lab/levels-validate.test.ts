/** The lab's 'level-validate' task: a level as the verify page and the level editor send it, judged without a run. */
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/worker/lab.ts';
import { agentCrash } from '../../src/sandbox/levels/shipped-apps.ts';

describe("the lab's level-validate task", () => {
  it('finds nothing wrong with a shipped level, and names the field of one that is not valid', async () => {
    expect(await runLab({ kind: 'level-validate', level: agentCrash })).toEqual({ kind: 'level-validate', problem: null });
    expect(await runLab({ kind: 'level-validate', level: { ...agentCrash, goals: [] } })).toEqual({
      kind: 'level-validate',
      problem: 'goals: expected a non-empty list',
    });
    expect(await runLab({ kind: 'level-validate', level: 'agent-crash' })).toEqual({
      kind: 'level-validate',
      problem: 'a level must be a JSON object',
    });
  });
});
