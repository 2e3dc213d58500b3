/** The Services page reads a task's health check results as the sandbox's Marathon answers them. */
import { expect, it } from 'vitest';
import type { MarathonAppBody } from '../../src/api/shapes/marathon.ts';
import { MarathonClient } from '../../src/ui/pages/services/marathon-client.ts';
import { agent } from '../support/cluster.ts';
import { boot, deploy, get, quickHealthCheck, waitFor } from '../support/marathon.ts';

it('keeps the instance id of a health check result ({idString})', async () => {
  const sb = await boot([agent('a1', { cpus: 4, mem: 4096 })], { allocator: 'ts', matcher: 'ts' });
  deploy(sb, { id: '/web', cmd: 'serve', instances: 1, cpus: 0.1, mem: 16, healthChecks: [quickHealthCheck()] });
  const answer = () => (get(sb, '/marathon/v2/apps/web') as MarathonAppBody).app.tasks?.[0]?.healthCheckResults?.[0];
  waitFor(sb, () => answer() !== undefined, 60_000);
  const sent = answer()!.instanceId;
  expect(sent.idString).not.toBe('');

  const read = await new MarathonClient((req) => Promise.resolve(sb.request(req))).app('/web');
  expect(read.ok && read.value?.tasks[0]?.healthCheckResults[0]?.instanceId).toEqual(sent);
});
