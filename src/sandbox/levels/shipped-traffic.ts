/** The shipped levels about requests: clients calling an app through its VIP while the network fails. */
import { app, cluster, MINUTE, SECOND, zonedAgents } from './build.ts';
import type { Level } from './types.ts';

const VIP_NAME = 'web.marathon.l4lb.thisdcos.directory';

const web = app('/web', 2, { portDefinitions: [{ port: 0, name: 'http', labels: { VIP_0: '/web:80' } }] });

export const vipZonePartition: Level = {
  id: 'vip-zone-partition',
  title: 'Keep a VIP answering through a zone partition',
  story:
    `Six agents in three zones. /web answers at the VIP ${VIP_NAME}:80, and from 0:30 the shoppers client on a-1 (zone us-east-1a) sends it 20 requests a second. ` +
    'At 1:00 the uplink of zone us-east-1c fails: its agents are cut off from the masters and from the other zones. Marathon hears nothing for 75 s and still counts their tasks as running, but a request the load balancer sends there times out. ' +
    `No request to ${VIP_NAME} may keep failing for more than 5 s.`,
  scenario: cluster({ agents: zonedAgents(2), apps: [web] }),
  actions: [
    {
      at: 30 * SECOND,
      request: {
        method: 'POST',
        path: '/sandbox/v1/traffic',
        body: { name: 'shoppers', target: `${VIP_NAME}:80`, rps: 20, from: 'a-1' },
      },
    },
  ],
  faults: [{ at: 1 * MINUTE, fault: { kind: 'zone-partition', zone: 'us-east-1c' } }],
  goals: [{ kind: 'traffic-errors', client: 'shoppers', maxSeconds: 5 }],
  until: 4 * MINUTE,
  allowed: { apps: { '/web': ['instances', 'constraints', 'healthChecks'] } },
  reference: {
    changes: { apps: { '/web': { instances: 3, constraints: [['zone', 'GROUP_BY', '3']] } } },
    expect: { won: true },
  },
  naive: {
    changes: {},
    expect: { won: false, at: 66000, violation: 'requests of shoppers failed for 6 s in a row (from 1:00), more than 5 s' },
  },
};
