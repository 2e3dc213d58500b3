/** A small cluster for the CLI tests, and a `dcos` bound to it. */
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { runCommand } from '../../src/cli/index.ts';
import type { ApiRequest, ApiResponse } from '../../src/cli/types.ts';
import { agent, framework, scenario } from '../support/cluster.ts';
import { untilBooted } from '../support/marathon.ts';

export async function cluster(): Promise<Sandbox> {
  const s = scenario(
    [
      agent('a1', { cpus: 4, mem: 4096, disk: 1024 }, { attributes: { rack: 'r1', zone: 'us-east-1a' } }),
      agent('a2', { cpus: 4, mem: 4096, disk: 1024 }, { attributes: { rack: 'r2' } }),
    ],
    [framework('load', 'batch', { cpus: 0.5, mem: 256, disk: 0, gpus: 0, ports: 0 }, { instances: 2 })],
  );
  const sb = await createSandbox(s, { allocator: 'ts', matcher: 'ts' });
  untilBooted(sb);
  return sb;
}

export const cli = (sb: Sandbox) => (line: string) => runCommand(line, (req) => sb.request(req));

/** Table lines split into cells (two or more spaces apart). */
export const rowsOf = (stdout: string): string[][] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

/**
 * A `dcos` over fixed answers (path with its query → answer; a function gets the request), as dcos-core-cli's
 * own tests serve httptest handlers. Unknown paths answer 404. `calls` records every request.
 */
export function fixedApi(routes: Record<string, ApiResponse | ((req: ApiRequest) => ApiResponse)>) {
  const calls: ApiRequest[] = [];
  const request = (req: ApiRequest): ApiResponse => {
    calls.push(req);
    const route = routes[`${req.method} ${req.path}`] ?? routes[req.path];
    if (route === undefined) return { status: 404, body: { message: 'Not Found' } };
    return typeof route === 'function' ? route(req) : route;
  };
  return { calls, dcos: (line: string) => runCommand(line, request) };
}

export const json = (body: unknown, status = 200): ApiResponse => ({ status, body });
