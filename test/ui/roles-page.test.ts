import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import type { MesosRoleList } from '../../src/api/shapes/mesos-roles.ts';
import {
  amountTexts,
  dominantShare,
  errorText,
  parseAmounts,
  parseWeight,
  quotaRequest,
  roleRows,
  weightRequest,
} from '../../src/ui/pages/roles/roles-model.ts';
import { agent, framework, scenario } from '../support/cluster.ts';
import { untilBooted } from '../support/marathon.ts';

describe('Roles page model', () => {
  it('computes the raw and weighted dominant share and its resource', () => {
    expect(dominantShare({ cpus: 3, mem: 1024 }, [9, 18432, 0, 0], 1)).toEqual({ raw: 1 / 3, weighted: 1 / 3, dominant: 'cpus' });
    const a = dominantShare({ cpus: 4, mem: 16384 }, [9, 18432, 0, 0], 3);
    expect(a.dominant).toBe('mem');
    expect(a.raw).toBeCloseTo(16 / 18);
    expect(a.weighted).toBeCloseTo(16 / 18 / 3);
    expect(dominantShare({}, [9, 18432, 0, 0], 1)).toEqual({ raw: 0, weighted: 0, dominant: null });
  });

  it('reads typed weights and amounts', () => {
    expect(parseWeight(' 3 ')).toBe(3);
    expect(parseWeight('0')).toMatch(/positive/);
    expect(parseWeight('x')).toMatch(/positive/);
    expect(parseAmounts({ cpus: '9', mem: '', disk: ' ', gpus: '' })).toEqual({ cpus: 9 });
    expect(parseAmounts({ cpus: '-1' })).toMatch(/cpus/);
    expect(amountTexts({ cpus: 9 })).toEqual({ cpus: '9', mem: '', disk: '', gpus: '' });
  });

  it('writes through the API and shows its error answers as given', async () => {
    const sb = await createSandbox(
      scenario(
        [agent('a1', { cpus: 4, mem: 4096, disk: 1024 })],
        [framework('load', 'batch', { cpus: 0.5, mem: 256, disk: 0, gpus: 0, ports: 0 }, { instances: 2 })],
      ),
      { allocator: 'ts', matcher: 'ts' },
    );
    untilBooted(sb);
    expect(sb.request(weightRequest('batch', 2)).status).toBe(200);
    expect(sb.request(quotaRequest('batch', { cpus: 2 }, false)).status).toBe(200);
    const roles = (sb.request({ method: 'GET', path: '/mesos/master/roles' }).body as MesosRoleList).roles;
    const batch = roleRows(roles, [4, 4096, 1024, 0]).find((r) => r.name === 'batch')!;
    expect(batch).toMatchObject({ weight: 2, hasQuota: true, guarantee: { cpus: 2 }, limit: { cpus: 2 }, frameworks: 1 });
    expect(batch.weightedShare).toBeCloseTo(batch.rawShare / 2);

    const over = sb.request(quotaRequest('batch', { cpus: 100 }, false));
    expect(over.status).toBe(400);
    expect(errorText(over)).toMatch(/^Invalid QuotaConfig: total quota guarantees 'cpus:100' exceed cluster capacity/);
    expect(sb.request(quotaRequest('batch', {}, false)).status).toBe(200);
    const after = (sb.request({ method: 'GET', path: '/mesos/master/roles' }).body as MesosRoleList).roles;
    expect(roleRows(after, [4, 4096, 1024, 0]).find((r) => r.name === 'batch')!.hasQuota).toBe(false);
    expect(errorText({ status: 503, body: { message: 'No leader elected' } })).toBe('No leader elected');
    expect(errorText({ status: 400, body: '' })).toBe('HTTP 400');
  });
});
