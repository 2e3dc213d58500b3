import { allOf, appBlockedAt, appIs, appOnPublicAgent, appSpread } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, request, scenario } from './build.ts';

export const placement: Lesson = {
  id: 'placement',
  title: 'Placement constraints',
  summary: 'Spread across racks, one per host, pin to public agents, and see why an instance waits.',
  scenario: scenario({
    agents: [
      agent('r1', { count: 2, attributes: { rack: 'r1' } }),
      agent('r2', { count: 2, attributes: { rack: 'r2' } }),
      agent('pub', { public: true, cpus: 2, mem: 4096 }),
    ],
  }),
  steps: [
    {
      id: 'group-by',
      title: 'Spread across racks',
      text: 'Agents carry attributes; here `rack` is r1 or r2. Deploy `/spread` with 4 instances and the constraint `["rack", "GROUP_BY"]`: Marathon keeps the racks even, 2 and 2.',
      goal: appSpread('/spread', 4, 'rack', 2, '/spread runs 2 tasks on each rack'),
      hints: ['The form\'s Placement section adds constraints; in JSON: "constraints": [["rack", "GROUP_BY"]].'],
      showMe: [
        navigate('services'),
        request('POST', '/marathon/v2/apps', {
          id: '/spread',
          cmd: 'sleep 3600',
          instances: 4,
          cpus: 0.5,
          mem: 128,
          constraints: [['rack', 'GROUP_BY']],
        }),
      ],
      settleMs: 10000,
    },
    {
      id: 'unique',
      title: 'One per host',
      text: 'Deploy `/per-host` with 4 instances and `["hostname", "UNIQUE"]`: no two of its tasks share an agent.',
      goal: appSpread('/per-host', 4, 'hostname', 4, '/per-host runs 4 tasks on 4 agents'),
      hints: ['UNIQUE on hostname is the usual way to survive losing one machine.'],
      showMe: [
        request('POST', '/marathon/v2/apps', {
          id: '/per-host',
          cmd: 'sleep 3600',
          instances: 4,
          cpus: 0.5,
          mem: 128,
          constraints: [['hostname', 'UNIQUE']],
        }),
      ],
      settleMs: 10000,
    },
    {
      id: 'public',
      title: 'Pinned to the edge',
      text: 'Deploy `/edge` with `"acceptedResourceRoles": ["slave_public"]`: only the public agent offers that role, so that is where it runs.',
      goal: appOnPublicAgent('/edge'),
      hints: ['Public agents reserve everything to slave_public; an app accepting only `*` never lands there.'],
      showMe: [
        request('POST', '/marathon/v2/apps', {
          id: '/edge',
          cmd: 'haproxy',
          instances: 1,
          cpus: 0.5,
          mem: 256,
          acceptedResourceRoles: ['slave_public'],
        }),
      ],
      settleMs: 10000,
    },
    {
      id: 'waiting',
      title: 'Why is it waiting?',
      text: 'Scale `/per-host` to 5. There are only four private agents, each already running one: the fifth instance waits. Open its Debug tab: every agent fails a check, role or constraint.',
      goal: allOf(
        '/per-host wants 5, runs 4, and its fifth instance is blocked by the constraint',
        appIs('/per-host', '/per-host wants 5 instances and runs 4', (app) => app.instances === 5 && app.tasksRunning === 4),
        appBlockedAt('/per-host', 'constraints', 'no agent passes the UNIQUE constraint'),
      ),
      hints: [
        '`GET /sandbox/v1/marathon/apps/per-host/placement` lists each agent and the check it fails.',
        'The public agent fails earlier, at the role check.',
      ],
      showMe: [cli('dcos marathon app update /per-host instances=5'), navigate('services')],
      settleMs: 8000,
    },
  ],
};
