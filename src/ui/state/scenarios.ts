/** The scenarios offered in the header's picker. */
import { defaultScenario, largeScenario } from '../../common/scenario/examples.ts';
import type { Scenario } from '../../common/scenario/types.ts';

export interface ScenarioChoice {
  id: string;
  label: string;
  build(): Scenario;
}

export const SCENARIOS: readonly ScenarioChoice[] = [
  { id: 'default', label: 'Default cluster', build: () => defaultScenario },
  { id: 'large', label: 'Large: 1,000 agents', build: () => largeScenario(1000, 20) },
];
