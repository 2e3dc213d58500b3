/**
 * `curl`: a sandbox tool, not part of the dcos CLI. One traced request from an agent (`POST /sandbox/v1/requests`
 * with `{"target":"host:port"}`): the name resolved by dcos-dns or Mesos-DNS, a VIP's connection sent to a backend
 * by dcos-l4lb, and the task listening there, if any. Printed as curl 7.68 prints it: its error texts and exit codes
 * (6 no such host, 7 refused, 28 timed out), `-v`'s `*`/`>`/`<` lines on stderr, `-I`'s headers; the body of a
 * reply is the sandbox's own (the tasks run no processes), naming the task that answered and its address.
 */
import type { SandboxRequestTrace } from '../../api/shapes/net.ts';
import { fail } from '../format.ts';
import type { CliResult, RequestFn } from '../types.ts';

const VERSION = '7.68.0';
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/** curl's `DEFAULT_CONNECT_TIMEOUT`. */
const CONNECT_TIMEOUT_MS = 300000;

const LONG: Record<string, string> = { silent: 's', verbose: 'v', head: 'I', 'show-error': 'S' };

interface CurlArgs {
  host: string;
  port: number;
  path: string;
  silent: boolean;
  verbose: boolean;
  head: boolean;
  showError: boolean;
}

function parseArgs(args: string[]): CurlArgs | CliResult {
  const set = new Set<string>();
  let url: string | undefined;
  for (const a of args) {
    if (a.startsWith('--')) {
      const letter = LONG[a.slice(2)];
      if (letter === undefined) return fail(`curl: option ${a}: is unknown\n${TRY_HELP}`, 2);
      set.add(letter);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const letter of a.slice(1)) {
        if (!'svIS'.includes(letter)) return fail(`curl: option -${letter}: is unknown\n${TRY_HELP}`, 2);
        set.add(letter);
      }
    } else if (url === undefined) url = a;
    else return fail(`curl: the sandbox's curl takes one URL (got ${url} and ${a})\n`, 2);
  }
  if (url === undefined) return fail(`curl: no URL specified!\n${TRY_HELP}`, 2);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (scheme && scheme[1]!.toLowerCase() !== 'http')
    return fail(`curl: (1) Protocol "${scheme[1]}" not supported or disabled in libcurl\n`, 1);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '/' : rest.slice(slash);
  const m = /^([^:/?#\s]+)(?::(\d*))?$/.exec(authority);
  const port = m?.[2] === undefined || m[2] === '' ? 80 : Number(m[2]);
  if (!m || port < 1 || port > 65535) return fail('curl: (3) URL using bad/illegal format or missing URL\n', 3);
  return { host: m[1]!, port, path, silent: set.has('s'), verbose: set.has('v'), head: set.has('I'), showError: set.has('S') };
}

/** The address curl connected to: the resolved one that led to `reached` (for a VIP, the VIP's). */
function connectedIp(trace: SandboxRequestTrace): string {
  const reachedIp = trace.reached?.slice(0, trace.reached.lastIndexOf(':'));
  if (trace.vip === null && reachedIp !== undefined && trace.addresses.includes(reachedIp)) return reachedIp;
  return trace.addresses[0] ?? '';
}

export async function curl(args: string[], request: RequestFn): Promise<CliResult> {
  const parsed = parseArgs(args);
  if ('exitCode' in parsed) return parsed;
  const { host, port, path, silent, verbose, head, showError } = parsed;
  const res = await request({ method: 'POST', path: '/sandbox/v1/requests', body: { target: `${host}:${port}` } });
  if (res.status !== 200) return fail('curl: (3) URL using bad/illegal format or missing URL\n', 3);
  const trace = res.body as SandboxRequestTrace;
  const log: string[] = [];
  const err = (code: number, message: string): CliResult => {
    if (verbose) log.push('* Closing connection 0');
    const shown = !silent || showError ? `curl: (${code}) ${message}\n` : '';
    return { stdout: '', stderr: (log.length > 0 ? `${log.join('\n')}\n` : '') + shown, exitCode: code };
  };

  if (trace.error === 'NXDOMAIN' || trace.error === 'SERVFAIL') {
    if (verbose) log.push(`* Could not resolve host: ${host}`);
    return err(6, `Could not resolve host: ${host}`);
  }
  const ip = connectedIp(trace);
  if (verbose) log.push(`*   Trying ${ip}:${port}...`);
  if (trace.error === 'ETIMEDOUT') {
    if (verbose) log.push(`* Connection timed out after ${CONNECT_TIMEOUT_MS} milliseconds`);
    return err(28, `Connection timed out after ${CONNECT_TIMEOUT_MS} milliseconds`);
  }
  if (trace.error === 'ECONNREFUSED') {
    if (verbose) {
      if (trace.vip !== null && trace.reached === null) log.push(`* (sandbox) VIP ${trace.vip} has no backend to send the connection to`);
      log.push(
        `* connect to ${ip} port ${port} failed: Connection refused`,
        `* Failed to connect to ${host} port ${port}: Connection refused`,
      );
    }
    return err(7, `Failed to connect to ${host} port ${port}: Connection refused`);
  }

  const body =
    `Hello from the DC/OS sandbox: task ${trace.taskId ?? '(none)'} answered on ${trace.reached ?? `${ip}:${port}`}` +
    (trace.vip !== null ? ` (VIP ${trace.vip}, ${ip}:${port})` : '') +
    '.\n';
  const headers = [
    'HTTP/1.1 200 OK',
    'Content-Type: text/plain',
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    `X-Sandbox-Task: ${trace.taskId ?? ''}`,
    `X-Sandbox-Backend: ${trace.reached ?? ''}`,
  ];
  if (verbose) {
    log.push(`* Connected to ${host} (${ip}) port ${port} (#0)`);
    if (trace.vip !== null && trace.reached !== null)
      log.push(`* (sandbox) dcos-l4lb sent the connection for VIP ${trace.vip} to ${trace.reached}`);
    log.push(
      `> ${head ? 'HEAD' : 'GET'} ${path} HTTP/1.1`,
      `> Host: ${port === 80 ? host : `${host}:${port}`}`,
      `> User-Agent: curl/${VERSION}`,
      '> Accept: */*',
      '> ',
      '* Mark bundle as not supporting multiuse',
      ...headers.map((h) => `< ${h}`),
      '< ',
    );
    if (!head) log.push(`{ [${new TextEncoder().encode(body).length} bytes data]`);
    log.push(`* Connection #0 to host ${host} left intact`);
  }
  const stdout = head ? `${headers.join('\n')}\n\n` : body;
  return { stdout, stderr: log.length > 0 ? `${log.join('\n')}\n` : '', exitCode: 0 };
}
