/**
 * The smallest changes after which every waiting instance of a run spec places, computed rather
 * than templated. Candidate changes (a lower cpus/mem/disk/gpus ask, fewer or unpinned host ports,
 * other accepted roles, a relaxed or dropped constraint, more agents like the ones there are, a
 * smaller instance count) are each tried with `placeInstances`, the placement Marathon runs on
 * offers, on offers made of what each agent could give now (free resources plus outstanding
 * offers). A change of the definition restarts the app, so it is tried as the rolling restart
 * runs it (`deployments.ts`): new instances beside the old ones, the old ones killed as new ones
 * become healthy, their resources back in the offers. Only changes after which every instance
 * places are kept, smallest first. Pure: the cluster is read, never changed, and nothing is drawn
 * from the generator.
 */
import { offeredPoolRoles } from '../../common/scenario/roles.ts';
import { javaInt } from '../../common/marathon/java-int.ts';
import type { ConstraintMatcher } from '../../kernels/constraints/contract.ts';
import { Op } from '../../kernels/constraints/contract.ts';
import { parseConstraint } from '../../kernels/constraints/parse.ts';
import { round3, SCALAR_NAMES } from '../../common/resources.ts';
import { hostPortCount } from './ports-matcher.ts';
import type { ConstraintSpec } from '../../common/marathon/app-definition.ts';
import type { ClusterState } from '../core/model.ts';
import type { RunSpecRecord } from './model.ts';
import { availableRooms, offerOrders, placementBudget, placeWaiting, restartPlaces, type Situation } from './placement-trial.ts';
import { addAgentSuggestions, lowerResource, roleCandidates, UNITS } from './suggest-changes.ts';
import type { PlacementChange, Suggestion } from './placement-change.ts';

/** At most this many suggestions are returned. */
const MAX_SUGGESTIONS = 6;

const KIND_ORDER: Array<PlacementChange['kind']> = [
  'cpus',
  'mem',
  'disk',
  'gpus',
  'ports',
  'requirePorts',
  'acceptedResourceRoles',
  'addAgents',
  'relaxConstraint',
  'scale',
  'dropConstraint',
];

export interface Computed {
  suggestions: Suggestion[];
  /** All waiting instances place as things are: they wait for offers, not for a change. */
  placesNow: boolean;
}

export function computeSuggestions(state: ClusterState, matcher: ConstraintMatcher, record: RunSpecRecord, waiting: number): Computed {
  if (waiting === 0) return { suggestions: [], placesNow: true };
  const s: Situation = {
    state,
    matcher,
    record,
    offeredRoles: offeredPoolRoles(record.spec.role),
    rooms: availableRooms(state),
    waiting,
    budget: placementBudget(state.agents.length),
  };
  const now = Math.min(...offerOrders(s.rooms.length).map((order) => placeWaiting(s, record.spec, s.rooms, [], waiting, order)));
  if (now >= waiting) return { suggestions: [], placesNow: true };
  const out: Suggestion[] = [];
  const spec = record.spec;
  const add = (change: PlacementChange, size: number, text: string) => out.push({ change, size: round3(size), text });

  if (spec.kind === 'app') {
    for (let r = 0; r < 4; r++) {
      const to = lowerResource(s, r);
      if (to !== null) {
        const from = spec.resources[r]!;
        add(
          { kind: SCALAR_NAMES[r]!, from, to },
          (from - to) / from,
          `Lower ${SCALAR_NAMES[r]} from ${from} to ${to}${UNITS[r]}: every instance then places (the app restarts with the new ask).`,
        );
      }
    }
    const fixed = spec.hostPorts.filter((p) => p !== null && p !== 0).length;
    const count = hostPortCount(spec.hostPorts);
    if (fixed > 0 && restartPlaces(s, { ...spec, hostPorts: spec.hostPorts.map((p) => (p === null ? null : 0)) }))
      add({ kind: 'requirePorts', from: true, to: false }, 0.25, 'Set requirePorts to false: any free host ports will do.');
    if (count > 0 && restartPlaces(s, { ...spec, hostPorts: [] }))
      add({ kind: 'ports', from: count, to: 0 }, 0.5, `Drop the app's ${count} host port${count === 1 ? '' : 's'} (portDefinitions: []).`);
  }
  for (const to of roleCandidates(spec)) {
    if (restartPlaces(s, { ...spec, acceptedResourceRoles: to }))
      add(
        { kind: 'acceptedResourceRoles', from: spec.acceptedResourceRoles, to },
        0.5,
        `Set acceptedResourceRoles to ${JSON.stringify(to)}.`,
      );
  }
  out.push(...addAgentSuggestions(s));
  spec.constraints.forEach((c, k) => {
    const { field, op, value } = parseConstraint(c);
    const others = spec.constraints.filter((_, j) => j !== k);
    if (op === Op.MAX_PER) {
      const n = javaInt(value) ?? Number.NaN;
      // Stops once the placement budget is spent (every later trial would answer no): `instances: 1e9` loops no further.
      // A limit below 1 (Marathon takes "-3") is relaxed to 1 first.
      for (let to = Math.max(n + 1, 1); Number.isFinite(n) && to <= Math.max(n + 1, spec.instances) && s.budget > 0; to++) {
        const relaxed: ConstraintSpec = [c[0], c[1], String(to)];
        if (restartPlaces(s, { ...spec, constraints: spec.constraints.map((x, j) => (j === k ? relaxed : x)) })) {
          add(
            { kind: 'relaxConstraint', constraint: c, to: relaxed },
            Math.min(1, (to - n) / to),
            `Relax MAX_PER on ${field} from ${n} to ${to}.`,
          );
          break;
        }
      }
    }
    if (restartPlaces(s, { ...spec, constraints: others }))
      add({ kind: 'dropConstraint', constraint: c }, 1, `Drop the constraint ${JSON.stringify(c)}.`);
  });
  const to = spec.instances - (waiting - now);
  if (to >= 1 && to < spec.instances)
    add(
      { kind: 'scale', from: spec.instances, to },
      (spec.instances - to) / spec.instances,
      `Scale down from ${spec.instances} to ${to} instance${to === 1 ? '' : 's'}: as many as fit now.`,
    );
  out.sort(
    (a, b) =>
      a.size - b.size ||
      KIND_ORDER.indexOf(a.change.kind) - KIND_ORDER.indexOf(b.change.kind) ||
      (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
  return { suggestions: out.slice(0, MAX_SUGGESTIONS), placesNow: false };
}
