/**
 * The matcher's readable request: agents, constraints and counted instances as callers (Marathon)
 * describe them, and how they read: field resolution, operators in any case, and attribute
 * formatting (SCALAR `0.###`, HALF_EVEN). The string-level parts of SEMANTICS.md 3.1; pack.ts
 * interns a request into a MatchInput.
 */
import { isOperator } from '../../common/marathon/constraint-operators.ts';
import { Op } from './contract.ts';

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

/** The operator code of a name in any case, undefined if it is none. */
export function parseOperator(name: string): Op | undefined {
  const upper = name.toUpperCase();
  return isOperator(upper) ? Op[upper] : undefined;
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
