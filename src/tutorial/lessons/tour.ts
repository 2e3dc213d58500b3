import { allOf, appOnPublicAgent, leaderWithMastersDown, privateAgentFull } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, fault, navigate, request, scenario } from './build.ts';

export const tour: Lesson = {
  id: 'tour',
  title: 'The tour',
  summary: 'Masters and their leader, private and public agents, and what a node offers.',
  scenario: scenario({
    masters: 3,
    agents: [agent('a', { count: 2, attributes: { rack: 'r1' } }), agent('p', { public: true, cpus: 2, mem: 4096 })],
    script: [{ at: 0, request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind: 'master-crash', target: 'master-3' } } }],
  }),
  steps: [
    {
      id: 'masters',
      title: 'Three masters, one leader',
      text: 'A DC/OS cluster runs three masters. ZooKeeper on them elects one Mesos leader; the others stand by. master-3 is down: open Components and see its units red. Bring it back from the ⚡ Faults panel.',
      goal: leaderWithMastersDown(0, 'All three masters up, one of them leading'),
      hints: [
        'The ⚡ Faults panel sits next to the time bar; click master-3 to restore it.',
        'Two masters were already a majority, so a leader was elected without master-3.',
      ],
      showMe: [navigate('components'), fault('master-restore', 'master-3')],
      settleMs: 8000,
    },
    {
      id: 'offers',
      title: 'What a node offers',
      text: 'Nodes lists each agent with its CPUs, memory and disk: that is what the master offers to frameworks. A private agent here has 4 CPUs. Deploy an app `/tour/fill` asking for all 4 and watch one agent fill up.',
      goal: privateAgentFull(),
      hints: [
        'Services → Create → JSON editor, with "cpus": 4 and "instances": 1.',
        "An offer is a whole agent's free resources; Marathon takes what the app asks for.",
      ],
      showMe: [
        navigate('services'),
        request('POST', '/marathon/v2/apps', { id: '/tour/fill', cmd: 'sleep 3600', instances: 1, cpus: 4, mem: 1024 }),
        navigate('nodes'),
      ],
      settleMs: 8000,
    },
    {
      id: 'public',
      title: 'Public agents',
      text: 'Agent `p` is public: it faces the internet, and its resources are reserved to the role `slave_public`, Marathon\'s own role. Only apps in that role that accept it land there. `/tour/fill` runs in the role `tour`: DC/OS gives an app in a top-level group that group\'s name as role. So deploy `/edge`, at the root, with `"acceptedResourceRoles": ["slave_public"]`.',
      goal: allOf('A task of /edge running on a public agent', appOnPublicAgent('/edge')),
      hints: [
        'Without acceptedResourceRoles an app accepts only `*`, the unreserved resources of private agents.',
        'Try `/tour/edge` with the same roles first: Marathon answers 422, acceptedResourceRoles can only contain * and tour.',
        'Nodes shows the public agent with type "Public".',
      ],
      showMe: [
        request('POST', '/marathon/v2/apps', {
          id: '/edge',
          cmd: 'nginx',
          instances: 1,
          cpus: 0.5,
          mem: 256,
          acceptedResourceRoles: ['slave_public'],
        }),
        navigate('nodes'),
      ],
      settleMs: 8000,
    },
  ],
};
