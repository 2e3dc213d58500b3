/**
 * A LevelDriver (src/share/completion-level.ts) over a lab worker of its own (the Levels page's LabClient): the
 * level's checks and its run happen there, never in the reader's open cluster. `dispose()` ends the worker.
 */
import type { LevelDriver } from '../../../share/completion-level.ts';
import { LabClient } from '../levels/lab-client.ts';

export function levelReplay(): LevelDriver & { dispose(): void } {
  const lab = new LabClient();
  return {
    levels: async () => (await lab.levels()).map((info) => info.level),
    levelProblem: (raw) => lab.validate(raw),
    changesProblem: (level, changes) => lab.problem(level, changes),
    run: (level, changes) => lab.run(level, changes),
    dispose: () => lab.dispose(),
  };
}
