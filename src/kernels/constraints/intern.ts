/**
 * Readable inputs → MatchInput: callers (Marathon) describe agents, constraints in either
 * Marathon form and the app's counted instances; this turns them into dense integers once per
 * batch. Here live the string-level parts of SEMANTICS.md 3.1: field resolution, attribute
 * formatting (SCALAR `0.###`, HALF_EVEN), IS normalisation, GROUP_BY / MAX_PER integer values,
 * and the LIKE / UNLIKE regexes (JS RegExp, whole-value match), evaluated once per distinct value.
 *
 * The constraints are assumed valid (engine/marathon/constraint-rules.ts), except that an
 * invalid or empty regex never matches (LIKE and UNLIKE both reject agents that have the field).
 * An unknown operator or a MAX_PER without an integer value throws a RangeError.
 */
import { ANY_VALUE, INT_MAX, MAX_CONSTRAINTS, NO_VALUE, OP_NAMES, Op, type MatchInput } from './contract.ts';

export interface AgentSpec {
  hostname: string;
  /** Mesos attributes by name: a string is TEXT (compared as is), a number is SCALAR (compared formatted `0.###`). */
  attributes?: Readonly<Record<string, string | number>>;
  /** Fault domain, read by the `@region` and `@zone` fields. */
  region?: string;
  zone?: string;
}

/** App form `["field", "OPERATOR", "value"?]` or pod form `{fieldName, operator, value}`; the operator in any case. */
export type MarathonConstraint =
  | readonly [field: string, operator: string, value?: string]
  | { readonly fieldName: string; readonly operator: string; readonly value?: string };

export interface PendingSpec {
  constraints: readonly MarathonConstraint[];
  /**
   * The app's counted instances (SEMANTICS 3.1 "Which instances count"), one entry per instance, in
   * Marathon's order (CLUSTER without a value follows the first): the index of its agent in
   * `agents`, or agents.length + i for `otherAgents[i]`.
   */
  placed: readonly number[];
}

export interface MatchRequest {
  /** The agents of the current offers: the columns of the answer. */
  agents: readonly AgentSpec[];
  /** Agents hosting counted instances without an offer now. */
  otherAgents?: readonly AgentSpec[];
  /** The pending instance groups: the rows of the answer. */
  pending: readonly PendingSpec[];
}

/** A constraint as the matcher reads it. */
export interface ParsedConstraint {
  /** `@hostname`, `@region`, `@zone`, or an attribute name (`hostname` reads as `@hostname`). */
  field: string;
  op: Op;
  /** '' when absent, as in Marathon's protobuf. */
  value: string;
}

export const HOSTNAME = '@hostname';
const SCALAR_TEXT = /^[0-9]+(\.[0-9]+)?$/;

/** The operator code of a name in any case, undefined if it is none. */
export function parseOperator(name: string): Op | undefined {
  const i = (OP_NAMES as readonly string[]).indexOf(name.toUpperCase());
  return i < 0 ? undefined : (i as Op);
}

export function parseConstraint(c: MarathonConstraint): ParsedConstraint {
  const [field, operator, value] = 'fieldName' in c ? [c.fieldName, c.operator, c.value] : c;
  const op = parseOperator(operator);
  if (op === undefined) throw new RangeError(`unknown constraint operator '${operator}'`);
  return { field: field === 'hostname' ? HOSTNAME : field, op, value: value ?? '' };
}

/**
 * A SCALAR as Marathon compares it: Java `DecimalFormat("0.###")`, which rounds the exact binary
 * value HALF_EVEN (1 → "1", 1.0005 → "1", 1.00051 → "1.001", 0.0625 → "0.062"), never uses an
 * exponent, and keeps the sign of a negative value that rounds to zero ("-0").
 */
export function formatScalar(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  let text: string;
  if (abs >= 1e21) text = BigInt(abs).toString();
  else if (Number.isInteger(abs * 16) && (abs * 16) % 2 === 1) {
    // An exact tie at the 4th decimal (odd / 16): toFixed would round it up, HALF_EVEN keeps the even neighbour.
    const low = Math.floor(abs * 1000);
    const n = low % 2 === 0 ? low : low + 1;
    text = `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}`;
  } else text = abs.toFixed(3); // the exact binary value, correctly rounded
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return x < 0 || Object.is(x, -0) ? `-${text}` : text;
}

/** The agent's value of a field (a ParsedConstraint field), undefined when it lacks it. */
export function fieldValue(agent: AgentSpec, field: string): string | undefined {
  if (field === HOSTNAME) return agent.hostname;
  if (field === '@region') return agent.region;
  if (field === '@zone') return agent.zone;
  const attributes = agent.attributes;
  if (attributes === undefined || !Object.hasOwn(attributes, field)) return undefined;
  const v = attributes[field];
  return typeof v === 'number' ? formatScalar(v) : v;
}

/** Java `Integer.parseInt`: optional sign, decimal digits, within int range. */
function javaInt(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -INT_MAX - 1 && n <= INT_MAX ? n : undefined;
}

/** A whole-value matcher, or undefined for an empty or invalid regex (which never matches). */
function wholeMatch(regex: string): RegExp | undefined {
  if (regex === '') return undefined;
  try {
    new RegExp(regex); // alone first: a balanced pattern cannot escape the wrapper
    return new RegExp(`^(?:${regex})$`);
  } catch {
    return undefined;
  }
}

export function internMatch(request: MatchRequest): MatchInput {
  const all = [...request.agents, ...(request.otherAgents ?? [])];
  const nAgents = request.agents.length;
  const parsed = request.pending.map((p, g) => {
    if (p.constraints.length > MAX_CONSTRAINTS) throw new RangeError(`pending group ${g} has more than ${MAX_CONSTRAINTS} constraints`);
    for (const i of p.placed) if (!(Number.isInteger(i) && i >= 0 && i < all.length)) throw new RangeError(`pending group ${g}: placed agent ${i} is out of range`);
    return p.constraints.map(parseConstraint);
  });

  // Fields in order of first use; values interned per field, the offered agents' first.
  const fields = new Map<string, number>();
  for (const c of parsed.flat()) if (!fields.has(c.field)) fields.set(c.field, fields.size);
  const nFields = fields.size;
  const dicts: Map<string, number>[] = [];
  const values: string[][] = [];
  const valueOf = new Int32Array(all.length * nFields);
  for (const [field, f] of fields) {
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

  const likeTable: number[] = [];
  const tables = new Map<string, number>();
  const tableFor = (f: number, op: Op, regex: string): number => {
    const key = `${f}\u0000${op}\u0000${regex}`;
    let at = tables.get(key);
    if (at === undefined) {
      at = likeTable.length;
      tables.set(key, at);
      const re = wholeMatch(regex);
      for (const s of values[f]!) likeTable.push(re !== undefined && re.test(s) === (op === Op.LIKE) ? 1 : 0);
    }
    return at;
  };

  const pendingStart = [0];
  const cField: number[] = [];
  const cOp: number[] = [];
  const cArg: number[] = [];
  const cGroups: number[] = [];
  const cMin: number[] = [];
  const cTable: number[] = [];
  const countStart = [0];
  const countValue: number[] = [];
  const countN: number[] = [];
  request.pending.forEach(({ placed }, g) => {
    // Counted instances per value of a field (-1: lacking it), computed once per field used.
    const byField = new Map<number, Map<number, number>>();
    const countsOf = (f: number): Map<number, number> => {
      let counts = byField.get(f);
      if (counts === undefined) {
        counts = new Map();
        for (const a of placed) {
          const v = valueOf[a * nFields + f]!;
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        byField.set(f, counts);
      }
      return counts;
    };
    for (const { field, op, value } of parsed[g]!) {
      const f = fields.get(field)!;
      let arg = 0;
      let groups = 0;
      let min = 0;
      let table = 0;
      if (op === Op.UNIQUE || op === Op.MAX_PER || op === Op.GROUP_BY) {
        const counts = countsOf(f);
        for (const [v, n] of counts) {
          if (v < 0) continue; // an agent lacking the field fails anyway; GROUP_BY counts them below
          countValue.push(v);
          countN.push(n);
        }
        if (op === Op.MAX_PER) {
          const max = javaInt(value);
          if (max === undefined) throw new RangeError(`pending group ${g}: MAX_PER requires an integer value, got '${value}'`);
          arg = max;
        } else if (op === Op.GROUP_BY) {
          arg = value === 'inf' ? INT_MAX : Math.max(0, javaInt(value) ?? 0);
          groups = counts.size; // instances lacking the field form a group too
          min = counts.size === 0 ? 0 : Math.min(...counts.values());
        }
      } else if (op === Op.CLUSTER) {
        if (value !== '') arg = dicts[f]!.get(value) ?? NO_VALUE;
        else if (placed.length === 0) arg = ANY_VALUE;
        else {
          // The first counted instance decides; one lacking the field leaves nothing to match.
          const first = valueOf[placed[0]! * nFields + f]!;
          arg = first >= 0 ? first : NO_VALUE;
        }
      } else if (op === Op.IS) {
        arg = dicts[f]!.get(SCALAR_TEXT.test(value) ? formatScalar(Number(value)) : value) ?? NO_VALUE;
      } else table = tableFor(f, op, value);
      cField.push(f);
      cOp.push(op);
      cArg.push(arg);
      cGroups.push(groups);
      cMin.push(min);
      cTable.push(table);
      countStart.push(countValue.length);
    }
    pendingStart.push(cField.length);
  });

  return {
    nAgents,
    nFields,
    fieldValues: Int32Array.from(values, (list) => list.length),
    agentValue: valueOf.slice(0, nAgents * nFields),
    nPending: request.pending.length,
    pendingStart: Int32Array.from(pendingStart),
    constraintField: Int32Array.from(cField),
    constraintOp: Int32Array.from(cOp),
    constraintArg: Int32Array.from(cArg),
    constraintGroups: Int32Array.from(cGroups),
    constraintMin: Int32Array.from(cMin),
    constraintTable: Int32Array.from(cTable),
    countStart: Int32Array.from(countStart),
    countValue: Int32Array.from(countValue),
    countN: Int32Array.from(countN),
    likeTable: Uint8Array.from(likeTable),
  };
}
