/**
 * What every hostile API test asserts besides its answer: the request did not throw, the cluster is intact (its
 * earlier app is still there and running, the simulation still advances) and the saved scenario replays to the
 * same history hash. Used by api-exceptions, prototype-keys and validation-gaps (*.test.ts here).
 */
import { expect } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import type { ApiResponse } from '../../src/api/types.ts';
import { agent } from '../support/cluster.ts';
import { boot, deploy, get, marathonScenario, untilBooted, type Json } from '../support/marathon.ts';

export const AGENTS = [agent('a1', { cpus: 4, mem: 4096, disk: 1000 }), agent('a2', { cpus: 4, mem: 4096, disk: 1000 })];

/** The app every hostile cluster runs before the hostile calls. */
export const KEEPER = { id: '/keeper', cmd: 'sleep 1000', instances: 2, cpus: 0.1, mem: 32 };

/** A booted cluster with KEEPER deployed and running. */
export async function hostileCluster(options: { checkInvariants?: boolean } = {}): Promise<Sandbox> {
  const sb = options.checkInvariants
    ? await createSandbox(marathonScenario(AGENTS), { allocator: 'wasm', matcher: 'wasm', checkInvariants: true })
    : await boot(AGENTS);
  if (options.checkInvariants) untilBooted(sb);
  deploy(sb, KEEPER);
  sb.advance(20_000);
  expect(get(sb, '/marathon/v2/apps/keeper').app.tasksRunning).toBe(2);
  return sb;
}

/** `sb.request`, failing the test (not throwing past it) if the API lets an exception out. */
export function call(sb: Sandbox, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): ApiResponse {
  let answer: ApiResponse | undefined;
  expect(() => {
    answer = sb.request(body === undefined ? { method, path } : { method, path, body });
  }, `${method} ${path} threw`).not.toThrow();
  return answer!;
}

/** A 422 "Invalid JSON" with exactly these details, as Marathon's RAML readers answer a type error. */
export function expectInvalidJson(answer: ApiResponse, details: { path: string; errors: string[] }[]): void {
  expect(answer.status).toBe(422);
  expect(answer.body).toEqual({ message: 'Invalid JSON', details });
}

/** The cluster still works: KEEPER runs, 5 s more of simulation pass without an exception. */
export function expectIntact(sb: Sandbox): void {
  expect(() => sb.advance(5_000)).not.toThrow();
  const keeper = get(sb, '/marathon/v2/apps/keeper').app as Json;
  expect(keeper.instances).toBe(2);
  expect(keeper.tasksRunning).toBe(2);
}

/** Its saved scenario, opened afresh and run to the same time, has the same history. */
export async function expectReplays(sb: Sandbox): Promise<void> {
  const again = await createSandbox(sb.scenario(), { allocator: 'wasm', matcher: 'wasm' });
  expect(() => again.advance(sb.now)).not.toThrow();
  expect(again.historyHash()).toBe(sb.historyHash());
}

/** `levels` objects nested under `key`, with `leaf` at the bottom: `{key: {key: … leaf}}`. */
export function nested(levels: number, key: string, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { [key]: value };
  return value;
}

/** `levels` groups, each the only subgroup of the one above, below `/deep`. */
export function nestedGroups(levels: number): Json {
  let group: Json = { id: 'g' };
  for (let i = 1; i < levels; i++) group = { id: 'g', groups: [group] };
  return { id: '/deep', groups: [group] };
}
