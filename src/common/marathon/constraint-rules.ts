/** Marathon's rules for a constraint as written (`SchedulingValidation.scala`). */
import type { ConstraintSpec } from './app-definition.ts';
import { isOperator, type Operator } from './constraint-operators.ts';
import { regexProblem } from './constraint-regex.ts';
import { javaInt } from './java-int.ts';

/** Array form `["field","OP","value"?]` or object form `{fieldName, operator, value}` → array form, operator upper-cased. */
export function readConstraint(raw: unknown): { ok: true; value: ConstraintSpec } | { ok: false; error: string } {
  let parts: unknown[];
  if (Array.isArray(raw)) parts = raw;
  else if (raw && typeof raw === 'object') {
    const o = raw as { fieldName?: unknown; operator?: unknown; value?: unknown };
    parts = o.value === undefined ? [o.fieldName, o.operator] : [o.fieldName, o.operator, o.value];
  } else return { ok: false, error: 'Each constraint must have either 2 or 3 fields' };
  if (parts.length !== 2 && parts.length !== 3) return { ok: false, error: 'Each constraint must have either 2 or 3 fields' };
  if (!parts.every((p) => typeof p === 'string')) return { ok: false, error: 'illegal constraint specification' };
  const [field, op, value] = parts as string[];
  if (!field) return { ok: false, error: 'illegal constraint specification' };
  const operator = op!.toUpperCase();
  if (!isOperator(operator)) {
    // Marathon's message, word for word (its order differs from OPERATORS).
    return { ok: false, error: 'operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS' };
  }
  const problem = valueProblem(operator, value);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: value === undefined ? [field, operator] : [field, operator, value] };
}

function valueProblem(op: Operator, value: string | undefined): string | undefined {
  switch (op) {
    case 'UNIQUE':
      return value === undefined ? undefined : 'UNIQUE does not accept a value';
    case 'CLUSTER':
      return undefined;
    case 'GROUP_BY':
      return value === undefined || javaInt(value) !== undefined
        ? undefined
        : 'GROUP BY must define an integer value or else no value at all';
    case 'MAX_PER':
      return value !== undefined && javaInt(value) !== undefined ? undefined : 'MAX_PER requires an integer value';
    case 'LIKE':
    case 'UNLIKE':
      // Only a missing value: "" compiles (Pattern.compile("")) and is accepted.
      if (value === undefined) return 'LIKE and UNLIKE require a non-empty, regular expression value';
      return regexProblem(value);
    case 'IS':
      // No value reads as "", which the pattern takes.
      return /^[a-zA-Z0-9_/.-]*$/.test(value ?? '')
        ? undefined
        : 'IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)';
  }
}
