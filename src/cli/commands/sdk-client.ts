/**
 * The default CLI of an SDK service (dcos-commons `cli/`, built as `dcos-service-cli` and installed by
 * `dcos package install` as the plugin binary `dcos-<package>`): its HTTP client (`cli/client/http.go`,
 * `response.go`, `print.go`) and kingpin's way of ending on an error. Every call goes to
 * `<core.dcos_url>/service/<--name>/<path>`; an answer the checks refuse ends the command as
 * `kingpin.MustParse` does: `dcos-<package>: error: <err>, try --help` on stderr, exit code 1.
 */
import { CLUSTER_URL } from '../python.ts';
import type { HttpMethod } from '../../api/types.ts';
import type { ApiResponse, CliResult, RequestFn } from '../types.ts';

/** An error the plugin returns from its action; `run` prints it with kingpin's prefix and suffix. */
export class KingpinError extends Error {
  /** What the plugin printed on stdout before it failed. */
  constructor(
    message: string,
    readonly stdout = '',
  ) {
    super(message);
  }
}

/** One invocation of the plugin: its module (package) name, the service `--name` selects, and the cluster. */
export interface SdkSession {
  module: string;
  service: string;
  request: RequestFn;
}

/** A check that may refuse an answer before the default one does (`client.SetCustomResponseCheck`). */
export type ResponseCheck = (res: ApiResponse, text: string) => Error | undefined;

/** The answer of a call: its raw text, and the error the checks made of it (if any). */
export interface SdkAnswer {
  text: string;
  error?: Error;
}

/** `net/http`'s reason phrases for the statuses a scheduler or Admin Router sends. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  208: 'Already Reported',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  417: 'Expectation Failed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
const statusLine = (status: number) => `${status} ${REASONS[status] ?? ''}`.trimEnd();

/** Go's `path.Join` (which cleans: empty and `.` elements dropped, `..` goes up), without a leading slash here. */
function pathJoin(...parts: string[]): string {
  const out: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

const hex = (b: number) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** `url.URL.EscapedPath` (`shouldEscape` in `encodePath` mode): unreserved and `$&+,/:;=@` kept, every other byte `%XX`. */
function escapePath(path: string): string {
  let out = '';
  for (const b of utf8(path)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : hex(b);
  }
  return out;
}

/** `url.QueryEscape`: unreserved kept, space `+`, every other byte `%XX`. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : c === ' ' ? '+' : hex(b);
  }
  return out;
}

/** `url.Values.Encode` of single values: keys sorted, empty values left out by the caller. */
export function encodeQuery(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${queryEscape(k)}=${queryEscape(values[k]!)}`)
    .join('&');
}

/** The answer's bytes as text: a text body as sent, a JSON body as the scheduler serialized it. */
const textOf = (body: unknown): string => (typeof body === 'string' ? body : body === undefined ? '' : (JSON.stringify(body) ?? ''));

/** `createResponseError`: the query, its status line, and the answer's text when there is one. */
export const responseError = (method: string, url: string, status: number, text: string): KingpinError =>
  new KingpinError(
    text.length > 0
      ? `HTTP ${method} Query for ${url} failed: ${statusLine(status)}\nResponse: ${text}`
      : `HTTP ${method} Query for ${url} failed: ${statusLine(status)}`,
  );

/** `defaultResponseCheck` */
function defaultCheck(s: SdkSession, res: ApiResponse, method: string, url: string, text: string): Error | undefined {
  if (res.status === 401)
    return new KingpinError(`\nGot 401 Unauthorized response from ${url}:\n- Bad auth token? Run 'dcos auth login' to log in`);
  if (res.status === 404)
    return new KingpinError(
      `\nGot 404 Not Found response from ${url}:\n` +
        '- The service scheduler may have been unable to find an item that was specified in your request.\n' +
        `- The DC/OS cluster may have been unable to find a service named "${s.service}". Specify a service name with '--name=<name>', or with 'dcos config set ${s.module}.service_name <name>'. For more syntax information`,
    );
  if (res.status === 500 || res.status === 502)
    return new KingpinError(
      `\nCould not reach the service scheduler with name '${s.service}':\n` +
        '- Was the service recently installed or updated? It may still be initializing, wait a bit and try again.\n' +
        `- Did you provide the correct service name? Specify a service name with '--name=<name>', or with 'dcos config set ${s.module}.service_name <name>'. For more syntax information`,
    );
  if (res.status < 200 || res.status >= 300) return responseError(method, url, res.status, text);
  return undefined;
}

/** What a call sends besides its method and path, and the check that may refuse its answer first. */
export interface CallOptions {
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
  check?: ResponseCheck;
}

/**
 * `HTTPQuery` then `CheckHTTPResponse` on `<core.dcos_url>/<path>` (joined and cleaned as `path.Join`, escaped as
 * `url.URL`): the custom check first (its error as is), then the default one, whose error gets the answer's bytes
 * when there are any.
 */
export async function httpCall(s: SdkSession, method: HttpMethod, urlPath: string, opts: CallOptions = {}): Promise<SdkAnswer> {
  const path = `/${escapePath(pathJoin(urlPath))}${opts.query ? `?${opts.query}` : ''}`;
  const url = CLUSTER_URL + path;
  const res = await s.request({
    method,
    path,
    ...(opts.body === undefined ? {} : { body: opts.body }),
    ...(opts.headers === undefined ? {} : { headers: opts.headers }),
  });
  const text = textOf(res.body);
  const custom = opts.check?.(res, text);
  if (custom) return { text, error: custom };
  const error = defaultCheck(s, res, method, url, text);
  if (!error) return { text };
  const length = utf8(text).length;
  if (length === 0) return { text, error };
  return { text, error: new KingpinError(`${error.message}\nResponse data (${length} bytes): ${text}\nHTTP query failed`) };
}

/** `HTTPService<Method>[Query|JSON]`: a call to `service/<--name>/<urlPath>`. */
export const serviceCall = (s: SdkSession, method: HttpMethod, urlPath: string, opts: CallOptions = {}): Promise<SdkAnswer> =>
  httpCall(s, method, pathJoin('service', s.service, urlPath), opts);

/** A call whose refusal ends the command. */
export async function serviceBody(s: SdkSession, method: HttpMethod, urlPath: string, opts: CallOptions = {}): Promise<string> {
  const answer = await serviceCall(s, method, urlPath, opts);
  if (answer.error) throw answer.error;
  return answer.text;
}

/** `encoding/json`'s complaint about the first character that starts no JSON value. */
export function jsonSyntaxError(text: string): string {
  const first = text.trimStart()[0];
  if (first === undefined) return 'unexpected end of JSON input';
  const shown = first === "'" ? "'\\''" : `'${first}'`;
  return `invalid character ${shown} looking for beginning of value`;
}

/** `PrintJSONBytes`: the answer indented by two spaces, or a warning and the text as sent when it is no JSON. */
export function printJson(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return `Failed to prettify JSON response data: ${jsonSyntaxError(text)}\nOriginal data follows:\n${text}\n`;
  }
}

/** `PrintResponseText`: the text, then the format's newline and `PrintMessage`'s. */
export const printText = (text: string): string => `${text}\n\n`;

/** `kingpin.MustParse`'s end: `<binary>: error: <err>, try --help`, exit code 1. */
export const kingpinFail = (module: string, message: string, stdout = ''): CliResult => ({
  stdout,
  stderr: `dcos-${module}: error: ${message}, try --help\n`,
  exitCode: 1,
});
