/**
 * How dcos-core-cli 2.2's Python half (`dcoscli`, which the Go plugin still runs for most `dcos marathon`
 * commands) turns values into text: `str()` of a cell, `json.dumps(sort_keys=True, indent=2)` of a result,
 * and the error texts of `dcos.rpcclient` / `dcos.http` for a refused Marathon call.
 */
import type { ApiResponse } from './types.ts';

/**
 * Python's `repr` of a float that JSON gave it: the shortest digits, written positionally for exponents
 * -4..15 (with `.0` when whole) and as `1e-05` / `1e+16` otherwise.
 */
function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}.${frac || '0'}`;
}

/** A JSON number as Python reads it: an int when JSON wrote it without a point or exponent. */
export function pyNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : floatRepr(n);
}

/** Python's `repr` of a string: single quotes unless it holds one and no double quote. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyStrRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  return pyStr(value);
}

/** Python's `str()` of a value decoded from JSON, as a PrettyTable cell shows it. */
export function pyStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

/** `json.dumps(value, sort_keys=True, indent=2)` (ASCII only, as `ensure_ascii` writes it), then a newline. */
export function pyJson(value: unknown): string {
  return `${dumps(value, '')}\n`;
}

function dumps(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isFinite(value) ? pyNumber(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return asciiJsonString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + dumps(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).sort(byCodePoint);
  if (keys.length === 0) return '{}';
  const record = value as Record<string, unknown>;
  return `{\n${keys.map((k) => `${inner}${asciiJsonString(k)}: ${dumps(record[k], inner)}`).join(',\n')}\n${indent}}`;
}

export const byCodePoint = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

function asciiJsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The URL dcos-core-cli's Python half names in some errors. The sandbox's `dcos` is set up with no real
 * cluster URL, so it names the leading master's well-known DNS name, as `dcos cluster setup` would take it.
 */
export const CLUSTER_URL = 'https://master.mesos';
const MARATHON_URL = `${CLUSTER_URL}/service/marathon`;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Marathon's body as the text it sent (compact JSON, or the text itself). */
const rawText = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));

/**
 * The message `dcos marathon …` (Python) prints for a refused Marathon call, from `dcos.http` and
 * `dcos.rpcclient.response_error_message`: a 422 names the URL and Marathon's raw answer; a 409 says a
 * deployment blocks the app, group or pod; a 400 names the request and indents the JSON; otherwise
 * Marathon's `message`.
 */
export function pyMarathonError(res: ApiResponse, method: string, path: string): string {
  const url = `${MARATHON_URL}${path}`;
  const reason = REASONS[res.status] ?? '';
  if (res.status === 422) return `Error while fetching [${url}]: HTTP 422: "${rawText(res.body)}".`;
  const body = typeof res.body === 'object' && res.body !== null ? (res.body as Record<string, unknown>) : null;
  if (res.status === 400) return `Error on request [${method} ${url}]: HTTP 400: ${reason}${body ? `:\n${dumps(body, '')}` : ''}`;
  if (res.status === 409) {
    const resource = ['app', 'group', 'pod'].find((name) => path.split('?')[0]!.includes(name)) ?? 'resource';
    return `Changes blocked: deployment already in progress for ${resource}.`;
  }
  if (!body) return `Error decoding response from [${url}]: HTTP ${res.status}: ${reason}`;
  if (typeof body['message'] === 'string') return `Error: ${body['message']}`;
  const errors = Array.isArray(body['errors']) ? (body['errors'] as Array<{ error?: unknown }>) : null;
  const tail = errors && errors.every((e) => typeof e?.error === 'string') ? errors.map((e) => String(e.error)).join('\n') : '';
  return `Service likely misconfigured. Please check your proxy or Service URL settings. See dcos config --help. ${tail}`;
}
