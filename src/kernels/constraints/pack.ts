/**
 * Readable inputs → MatchInput: callers (Marathon) describe agents, constraints in either
 * Marathon form and the app's counted instances; this interns them into dense integers once per
 * batch: values per field, IS normalisation, GROUP_BY / MAX_PER integer values, and the
 * LIKE / UNLIKE regexes (RE2, linear time, whole-value match as Java's `String.matches`: see
 * common/marathon/constraint-regex.ts), evaluated once per distinct value, here for both kernels.
 *
 * The constraints are assumed valid (common/marathon/constraint-rules.ts), except that an
 * invalid, refused (too large, Java-only) or empty regex never matches (LIKE and UNLIKE both reject
 * agents that have the field): a definition saved before the sandbox refused it still places nothing there.
 * The same for a value too long for its regex (constraint-regex.ts MAX_MATCH_WORK).
 * An unknown operator or a MAX_PER without an integer value throws a RangeError.
 */
import { constraintRegex } from '../../common/marathon/constraint-regex.ts';
import { javaInt } from '../../common/marathon/java-int.ts';
import { ANY_VALUE, INT_MAX, MAX_CONSTRAINTS, NO_VALUE, Op, type MatchInput } from './contract.ts';
import {
  fieldValue,
  formatScalar,
  parseConstraint,
  type AgentSpec,
  type MatchRequest,
  type ParsedConstraint,
  type PendingSpec,
} from './parse.ts';

const SCALAR_TEXT = /^[0-9]+(\.[0-9]+)?$/;

/** Every field's values interned, the offered agents' first. */
interface InternedFields {
  /** Field name → field index, in order of first use. */
  index: Map<string, number>;
  /** Per field: value → value id, and the values by id. */
  dicts: Map<string, number>[];
  values: string[][];
  /** [agents * nFields] value id of field f on agent a, -1 when the agent lacks it. */
  valueOf: Int32Array;
}

/** The per-constraint columns of MatchInput, built row by row. */
interface ConstraintRows {
  pendingStart: number[];
  field: number[];
  op: number[];
  arg: number[];
  groups: number[];
  min: number[];
  table: number[];
  countStart: number[];
  countValue: number[];
  countN: number[];
  likeTable: number[];
}

/** What resolving the constraints of pending group g reads. */
interface GroupContext {
  g: number;
  placed: readonly number[];
  fields: InternedFields;
  countsOf: (f: number) => Map<number, number>;
  tableFor: (f: number, op: Op, regex: string) => number;
}

/** One constraint resolved against a group's counted instances. */
interface ResolvedConstraint {
  arg: number;
  groups: number;
  min: number;
  table: number;
  /** Counted instances per value id (instances lacking the field left out). */
  counts: Array<[value: number, n: number]>;
}

/**
 * What a series of batches over the same agents shares (the rounds of one Marathon offer delivery): the
 * agents' values interned once, not once per batch, and each group's counts per value kept up as its
 * `placed` list grows. Give the same cache only with the same `agents` and `otherAgents`, in the same
 * order, and `placed` lists that only ever grow at their end; a batch whose constraints use other
 * fields interns (and counts) again.
 */
export interface InternCache {
  fieldsKey?: string;
  fields?: InternedFields;
  /** Per `placed` list: how many of its entries have been checked to be in range. */
  checked?: WeakMap<readonly number[], number>;
  /** Per `placed` list, per field: how many of its entries are counted, and the counts per value id. */
  counts?: WeakMap<readonly number[], Map<number, { seen: number; counts: Map<number, number> }>>;
}

export function internMatch(request: MatchRequest, cache?: InternCache): MatchInput {
  const all = [...request.agents, ...(request.otherAgents ?? [])];
  const parsed = parsePending(request.pending, all.length, cache);
  const fields = cachedFields(cache, all, parsed);
  const rows: ConstraintRows = {
    pendingStart: [0],
    field: [],
    op: [],
    arg: [],
    groups: [],
    min: [],
    table: [],
    countStart: [0],
    countValue: [],
    countN: [],
    likeTable: [],
  };
  const tableFor = likeTables(fields, rows.likeTable);
  request.pending.forEach(({ placed }, g) => {
    const group: GroupContext = { g, placed, fields, countsOf: countedPerField(placed, fields, cache), tableFor };
    for (const c of parsed[g]!) {
      const f = fields.index.get(c.field)!;
      pushRow(rows, f, c.op, resolve(c, f, group));
    }
    rows.pendingStart.push(rows.field.length);
  });
  return toMatchInput(request, fields, rows);
}

function parsePending(pending: readonly PendingSpec[], nAgents: number, cache?: InternCache): ParsedConstraint[][] {
  return pending.map((p, g) => {
    if (p.constraints.length > MAX_CONSTRAINTS) throw new RangeError(`pending group ${g} has more than ${MAX_CONSTRAINTS} constraints`);
    // With a cache, a growing `placed` list is checked from where the last batch stopped.
    const from = cache?.checked?.get(p.placed) ?? 0;
    for (let k = from; k < p.placed.length; k++) {
      const i = p.placed[k]!;
      if (!(Number.isInteger(i) && i >= 0 && i < nAgents)) throw new RangeError(`pending group ${g}: placed agent ${i} is out of range`);
    }
    if (cache) (cache.checked ??= new WeakMap()).set(p.placed, p.placed.length);
    return p.constraints.map(parseConstraint);
  });
}

function cachedFields(cache: InternCache | undefined, all: readonly AgentSpec[], parsed: ParsedConstraint[][]): InternedFields {
  if (!cache) return internFields(all, parsed);
  const key = fieldOrder(parsed).join('\u0000');
  if (cache.fieldsKey !== key || !cache.fields) {
    cache.fields = internFields(all, parsed);
    cache.fieldsKey = key;
    cache.counts = undefined; // value ids of the old interning
  }
  return cache.fields;
}

function fieldOrder(parsed: ParsedConstraint[][]): string[] {
  const seen = new Set<string>();
  for (const c of parsed.flat()) seen.add(c.field);
  return [...seen];
}

/** Fields in order of first use; values interned per field, in agent order. */
function internFields(all: readonly AgentSpec[], parsed: ParsedConstraint[][]): InternedFields {
  const index = new Map(fieldOrder(parsed).map((field, f) => [field, f]));
  const nFields = index.size;
  const dicts: Map<string, number>[] = [];
  const values: string[][] = [];
  const valueOf = new Int32Array(all.length * nFields);
  for (const [field, f] of index) {
    const dict = new Map<string, number>();
    const list: string[] = [];
    all.forEach((agent, a) => {
      const s = fieldValue(agent, field);
      let id = s === undefined ? -1 : dict.get(s);
      if (id === undefined) {
        id = list.push(s!) - 1;
        dict.set(s!, id);
      }
      valueOf[a * nFields + f] = id;
    });
    dicts.push(dict);
    values.push(list);
  }
  return { index, dicts, values, valueOf };
}

/** LIKE / UNLIKE pass tables, appended to `likeTable` once per (field, operator, regex): the offset of each. */
function likeTables(fields: InternedFields, likeTable: number[]): (f: number, op: Op, regex: string) => number {
  const tables = new Map<string, number>();
  return (f, op, regex) => {
    const key = `${f}\u0000${op}\u0000${regex}`;
    let at = tables.get(key);
    if (at === undefined) {
      at = likeTable.length;
      tables.set(key, at);
      const re = regex === '' ? undefined : constraintRegex(regex);
      for (const s of fields.values[f]!) {
        const matches = re?.ok === true ? re.matches(s) : undefined; // undefined: refused, or past the work bound
        likeTable.push(matches !== undefined && matches === (op === Op.LIKE) ? 1 : 0);
      }
    }
    return at;
  };
}

/** Counted instances per value of a field (-1: lacking it), computed once per field a group uses. */
function countedPerField(placed: readonly number[], fields: InternedFields, cache?: InternCache): (f: number) => Map<number, number> {
  const nFields = fields.index.size;
  let byField = new Map<number, { seen: number; counts: Map<number, number> }>();
  if (cache?.fields === fields) {
    cache.counts ??= new WeakMap();
    byField = cache.counts.get(placed) ?? byField;
    cache.counts.set(placed, byField);
  }
  return (f) => {
    let entry = byField.get(f);
    if (entry === undefined) {
      entry = { seen: 0, counts: new Map() };
      byField.set(f, entry);
    }
    for (; entry.seen < placed.length; entry.seen++) {
      const v = fields.valueOf[placed[entry.seen]! * nFields + f]!;
      entry.counts.set(v, (entry.counts.get(v) ?? 0) + 1);
    }
    return entry.counts;
  };
}

/** The integer argument and counts of one constraint of group g (see the table in contract.ts). */
function resolve({ op, value }: ParsedConstraint, f: number, group: GroupContext): ResolvedConstraint {
  const none: ResolvedConstraint = { arg: 0, groups: 0, min: 0, table: 0, counts: [] };
  if (op === Op.UNIQUE || op === Op.MAX_PER || op === Op.GROUP_BY) return resolveCounted(op, value, group.g, group.countsOf(f));
  if (op === Op.CLUSTER) return { ...none, arg: clusterArg(value, f, group.placed, group.fields) };
  if (op === Op.IS)
    return { ...none, arg: group.fields.dicts[f]!.get(SCALAR_TEXT.test(value) ? formatScalar(Number(value)) : value) ?? NO_VALUE };
  return { ...none, table: group.tableFor(f, op, value) };
}

/** UNIQUE, MAX_PER and GROUP_BY: the counted instances per value, and the operator's number. */
function resolveCounted(op: Op, value: string, g: number, counts: Map<number, number>): ResolvedConstraint {
  // An agent lacking the field fails anyway; GROUP_BY counts those instances as a group below.
  const listed = [...counts].filter(([v]) => v >= 0);
  const resolved: ResolvedConstraint = { arg: 0, groups: 0, min: 0, table: 0, counts: listed };
  if (op === Op.MAX_PER) {
    const max = javaInt(value);
    if (max === undefined) throw new RangeError(`pending group ${g}: MAX_PER requires an integer value, got '${value}'`);
    resolved.arg = max;
  } else if (op === Op.GROUP_BY) {
    resolved.arg = value === 'inf' ? INT_MAX : Math.max(0, javaInt(value) ?? 0);
    resolved.groups = counts.size; // instances lacking the field form a group too
    resolved.min = counts.size === 0 ? 0 : Math.min(...counts.values());
  }
  return resolved;
}

/** CLUSTER: the given value, else the first counted instance's (one lacking the field leaves nothing to match), else any. */
function clusterArg(value: string, f: number, placed: readonly number[], fields: InternedFields): number {
  if (value !== '') return fields.dicts[f]!.get(value) ?? NO_VALUE;
  if (placed.length === 0) return ANY_VALUE;
  const first = fields.valueOf[placed[0]! * fields.index.size + f]!;
  return first >= 0 ? first : NO_VALUE;
}

function pushRow(rows: ConstraintRows, f: number, op: Op, c: ResolvedConstraint): void {
  for (const [v, n] of c.counts) {
    rows.countValue.push(v);
    rows.countN.push(n);
  }
  rows.field.push(f);
  rows.op.push(op);
  rows.arg.push(c.arg);
  rows.groups.push(c.groups);
  rows.min.push(c.min);
  rows.table.push(c.table);
  rows.countStart.push(rows.countValue.length);
}

function toMatchInput(request: MatchRequest, fields: InternedFields, rows: ConstraintRows): MatchInput {
  const nAgents = request.agents.length;
  const nFields = fields.index.size;
  return {
    nAgents,
    nFields,
    fieldValues: Int32Array.from(fields.values, (list) => list.length),
    agentValue: fields.valueOf.slice(0, nAgents * nFields),
    nPending: request.pending.length,
    pendingStart: Int32Array.from(rows.pendingStart),
    constraintField: Int32Array.from(rows.field),
    constraintOp: Int32Array.from(rows.op),
    constraintArg: Int32Array.from(rows.arg),
    constraintGroups: Int32Array.from(rows.groups),
    constraintMin: Int32Array.from(rows.min),
    constraintTable: Int32Array.from(rows.table),
    countStart: Int32Array.from(rows.countStart),
    countValue: Int32Array.from(rows.countValue),
    countN: Int32Array.from(rows.countN),
    likeTable: Uint8Array.from(rows.likeTable),
  };
}
