/** A cluster with Metronome leading, and small helpers for its API. */
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { boot, type Json } from '../../support/marathon.ts';

export const METRONOME = '/service/metronome';

/** An answer whose body a test reads freely (the shapes are asserted, not assumed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read as loose JSON, like support/marathon.ts's Json
type Answer = { status: number; body: any };

/** Run until a Metronome leads and its framework is subscribed (100 ms steps, at most a minute). */
export function untilMetronomeLeads(sb: Sandbox): void {
  for (let waited = 0; waited <= 60_000; waited += 100) {
    if (sb.request({ method: 'GET', path: `${METRONOME}/v1/jobs` }).status === 200 && metronomeRegistered(sb)) return;
    sb.advance(100);
  }
  throw new Error('no Metronome leader within a minute');
}

function metronomeRegistered(sb: Sandbox): boolean {
  const state = sb.request({ method: 'GET', path: '/mesos/master/state' }).body as Json;
  return (state.frameworks as Json[]).some((f) => f.name === 'metronome' && f.active === true);
}

export async function jobsCluster(opts: { agents?: number; masters?: number; seed?: number; metronome?: Json } = {}): Promise<Sandbox> {
  const sb = await boot([{ hostname: 'agent', count: opts.agents ?? 2, resources: { cpus: 4, mem: 8192, disk: 1024, gpus: 0 } }], {
    seed: opts.seed,
  });
  untilMetronomeLeads(sb);
  return sb;
}

export const mt = {
  get: (sb: Sandbox, path: string) => sb.request({ method: 'GET', path: `${METRONOME}${path}` }) as Answer,
  post: (sb: Sandbox, path: string, body?: unknown) => sb.request({ method: 'POST', path: `${METRONOME}${path}`, body }) as Answer,
  put: (sb: Sandbox, path: string, body?: unknown) => sb.request({ method: 'PUT', path: `${METRONOME}${path}`, body }) as Answer,
  del: (sb: Sandbox, path: string) => sb.request({ method: 'DELETE', path: `${METRONOME}${path}` }) as Answer,
};

export const sleepJob = (id: string, seconds = 5, extra: Json = {}): Json => ({
  id,
  run: { cpus: 0.1, mem: 32, disk: 0, cmd: `sleep ${seconds}`, ...extra },
});
