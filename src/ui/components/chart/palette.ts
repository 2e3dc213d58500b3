/** Colours of the charts, from d3's categorical schemes. */
import { scaleOrdinal, schemePaired, schemeTableau10, type ScaleOrdinal } from 'd3';

/** Up to 22 distinguishable colours; repeats beyond that. */
const ROLE_COLOURS: readonly string[] = [
  ...schemeTableau10,
  ...schemePaired.filter((_, i) => i % 2 === 1),
  ...schemePaired.filter((_, i) => i % 2 === 0),
];

/** One colour per role, fixed by the order the roles appeared in. */
export function roleColours(roles: readonly string[]): ScaleOrdinal<string, string> {
  return scaleOrdinal<string, string>().domain(roles).range(ROLE_COLOURS);
}

/** CPU, memory, disk, GPU. */
export const RESOURCE_COLOURS = ['#7d58ff', '#1f9bd7', '#f28c28', '#1f9d55'] as const;
