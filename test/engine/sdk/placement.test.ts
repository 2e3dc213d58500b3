/**
 * An SDK pod type's placement read by the constraint matcher as Marathon's are: attribute fields and every operator,
 * not only `hostname`.
 */
import { describe, expect, it } from 'vitest';
import { boot, get, type Json } from '../../support/marathon.ts';
import { agent } from '../../support/cluster.ts';
import { readablePlacement } from '../../../src/engine/sdk/placement.ts';

const RACKS = ['r1', 'r1', 'r2', 'r2', 'r3'];

async function kafka(placement: string, count: number) {
  const sb = await boot(
    RACKS.map((rack, i) => agent(`a${i + 1}`, { cpus: 8, mem: 16384, disk: 40000 }, { attributes: { rack } })),
    { marathon: { role: 'slave_public' } },
  );
  const res = sb.request({
    method: 'POST',
    path: '/package/install',
    body: { packageName: 'kafka', options: { brokers: { count }, service: { placement_constraint: placement } } },
  });
  expect(res.status).toBe(200);
  for (let t = 0; sb.request({ method: 'GET', path: '/service/kafka/v1/plans/deploy' }).status !== 200; t++) {
    if (t > 900) throw new Error('deploy plan not COMPLETE');
    sb.advance(1000);
  }
  const slaves = get(sb, '/mesos/master/slaves').slaves as Json[];
  const rackOf = (id: string) => slaves.find((s) => s.id === id)!.attributes.rack as string;
  const fw = (get(sb, '/mesos/master/state').frameworks as Json[]).find((f) => f.name === 'kafka')!;
  return (fw.tasks as Json[]).map((t) => ({ host: slaves.find((s) => s.id === t.slave_id)!.hostname as string, rack: rackOf(t.slave_id) }));
}

describe('SDK placement constraints', () => {
  it('rack:UNIQUE puts the three brokers on three racks', async () => {
    const placed = await kafka('[["rack","UNIQUE"]]', 3);
    expect(new Set(placed.map((p) => p.rack)).size).toBe(3);
  });

  it('hostname:LIKE with hostname:MAX_PER:1 puts one broker on each agent it names', async () => {
    const placed = await kafka('[["hostname","LIKE","a[34]"],["hostname","MAX_PER","1"]]', 2);
    expect(placed.map((p) => p.host).sort()).toEqual(['a3', 'a4']);
  });

  it('rules the matcher cannot read (an unknown operator, a wrong arity) are left out', () => {
    expect(readablePlacement([['rack', 'unique'], ['rack', 'NEAR', 'x'], ['a'], ['hostname', 'MAX_PER', '1']])).toEqual([
      ['rack', 'unique'],
      ['hostname', 'MAX_PER', '1'],
    ]);
  });
});
