/** Chaos levels (docs/chaos-levels.md): the shipped ones, the runner, the checks on a player's changes, and links. */
import { agentCrash, hungTask, leaderKill, partitionedAgent, rollingUpgrade, zoneOutage } from './shipped-apps.ts';
import { kafkaBrokerLoss, upgradeDuringPartition } from './shipped-services.ts';
import { vipZonePartition } from './shipped-traffic.ts';
import type { Level } from './types.ts';

/** The shipped levels, easiest first. */
export const LEVELS: readonly Level[] = [
  agentCrash,
  hungTask,
  leaderKill,
  rollingUpgrade,
  zoneOutage,
  partitionedAgent,
  vipZonePartition,
  kafkaBrokerLoss,
  upgradeDuringPartition,
];

export { runLevel, levelScenario, scheduleOf, type RunResult, type Skipped } from './runner.ts';
export { changesProblem, applyChanges } from './changes.ts';
export { compileGoals, describeGoal, clock } from './goals.ts';
export { encodeLevel, decodeLevel, levelProblem } from './link.ts';
export type * from './types.ts';
