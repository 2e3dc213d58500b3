/** Metronome's own authorization: per-job grants on `dcos:service:metronome:metronome:jobs…` (docs/iam.md). */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/index.ts';
import { cluster, grant, req, user } from './support.ts';

const FORBIDDEN = { status: 403, body: { message: 'Not Authorized to perform this action!' } };
const JOBS = 'dcos:service:metronome:metronome:jobs';
const M = '/service/metronome';
const job = (id: string) => ({ id, run: { cmd: 'sleep 10', cpus: 0.1, mem: 32, disk: 0 } });

async function devJobsUser(resource: string): Promise<{ sb: Sandbox; token: string }> {
  const sb = await cluster();
  const token = user(sb, 'jo');
  grant(sb, 'dcos:adminrouter:service:metronome', 'jo', 'full');
  grant(sb, resource, 'jo', 'full');
  return { sb, token };
}

describe('Metronome authorization', () => {
  it.each([`${JOBS}:dev`, `${JOBS}:/dev`])('lets %s manage dev.* jobs and nothing else', async (resource) => {
    const { sb, token } = await devJobsUser(resource);
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('dev.backup'), token).status).toBe(201);
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('dev.batch.nightly'), token).status).toBe(201);
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('prod.backup'), token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('devx'), token)).toEqual(FORBIDDEN);
    // The superuser (the session) creates a prod job; the dev user may not see or touch it.
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('prod.backup')).status).toBe(201);
    const listed = req(sb, 'GET', `${M}/v1/jobs`, undefined, token).body as Array<{ id: string }>;
    expect(listed.map((j) => j.id)).toEqual(['dev.backup', 'dev.batch.nightly']);
    expect(req(sb, 'GET', `${M}/v1/jobs/prod.backup`, undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', `${M}/v1/jobs/prod.backup/runs`, undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'PUT', `${M}/v1/jobs/prod.backup`, job('prod.backup'), token)).toEqual(FORBIDDEN);
    expect(req(sb, 'DELETE', `${M}/v1/jobs/prod.backup`, undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', `${M}/v1/jobs/dev.backup/runs`, undefined, token).status).toBe(201);
    expect(req(sb, 'GET', `${M}/v1/jobs/dev.backup/runs`, undefined, token).status).toBe(200);
    expect(req(sb, 'DELETE', `${M}/v1/jobs/dev.batch.nightly`, undefined, token).status).toBe(200);
    // An unknown job is 404 before any check.
    expect(req(sb, 'GET', `${M}/v1/jobs/prod.nothing`, undefined, token).status).toBe(404);
  });

  it('honours the action: read may list and read but not start a run', async () => {
    const sb = await cluster();
    req(sb, 'POST', `${M}/v1/jobs`, job('ops.report'));
    const token = user(sb, 'ro');
    grant(sb, 'dcos:adminrouter:service:metronome', 'ro', 'full');
    grant(sb, JOBS, 'ro', 'read');
    expect((req(sb, 'GET', `${M}/v1/jobs`, undefined, token).body as unknown[]).length).toBe(1);
    expect(req(sb, 'GET', `${M}/v1/jobs/ops.report`, undefined, token).status).toBe(200);
    expect(req(sb, 'POST', `${M}/v1/jobs/ops.report/runs`, undefined, token)).toEqual(FORBIDDEN);
    expect(req(sb, 'POST', `${M}/v1/jobs`, job('ops.other'), token)).toEqual(FORBIDDEN);
  });

  it('needs Admin Router first: no grant on dcos:adminrouter:service:metronome is 403 at the door', async () => {
    const sb = await cluster();
    const token = user(sb, 'none');
    grant(sb, JOBS, 'none', 'full');
    const res = req(sb, 'GET', `${M}/v1/jobs`, undefined, token);
    expect(res.status).toBe(403);
    expect(res.headers).toEqual({ 'Content-Type': 'text/html' });
  });
});
