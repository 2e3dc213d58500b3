import { allOf, appRunning, clusterSaw, leaderWithMastersDown, quorumLost } from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, fault, navigate, scenario } from './build.ts';

export const ha: Lesson = {
  id: 'ha',
  title: 'High availability',
  summary: 'Crash the leading master, lose the quorum, and heal the cluster.',
  scenario: scenario({
    masters: 3,
    agents: [agent('a', { count: 2 })],
    apps: [{ id: '/hello', cmd: 'python3 -m http.server $PORT0', instances: 2, cpus: 0.5, mem: 128 }],
  }),
  steps: [
    {
      id: 'crash-leader',
      title: 'Crash the leader',
      text: 'Components shows which master leads. Crash it in the ⚡ Faults panel. Its ZooKeeper session expires, another master wins the election and recovers the registry; `/hello` keeps running throughout.',
      goal: allOf(
        'One master down, another leading, /hello still running 2',
        leaderWithMastersDown(1, 'A new leader with one master down'),
        appRunning('/hello', 2),
      ),
      hints: ['The session timeout is 10 s: press play and wait.', 'Agents never stop their tasks when the master goes away.'],
      showMe: [navigate('components'), fault('master-crash', '{{leader}}')],
      settleMs: 30000,
      visual: 'election',
    },
    {
      id: 'no-quorum',
      title: 'No quorum',
      text: 'Now crash the new leader too. One master of three is not a majority: ZooKeeper stops serving, no leader can be elected, and nothing new can launch. Running tasks still run.',
      goal: quorumLost(),
      hints: [
        'The API answers 503 "No leader elected" now; the Dashboard says so too.',
        'A 3-master cluster survives one loss, a 5-master one two.',
      ],
      showMe: [fault('master-crash', '{{leader}}')],
      settleMs: 30000,
      visual: 'election',
    },
    {
      id: 'heal',
      title: 'Heal',
      text: 'Restore the masters from ⚡ Faults. With two of three back ZooKeeper serves again, a leader is elected, agents re-register and Marathon reconciles `/hello`.',
      goal: allOf(
        'Back from a lost quorum: all masters up, a leader, /hello running 2',
        clusterSaw(/stopped leading: its host crashed/, 'A leader was lost'),
        leaderWithMastersDown(0, 'All masters up and a leader'),
        appRunning('/hello', 2),
      ),
      hints: ['One restored master is enough for a quorum; restore both to be safe again.'],
      showMe: [fault('master-restore', 'master-1'), fault('master-restore', 'master-2'), fault('master-restore', 'master-3')],
      settleMs: 40000,
      visual: 'election',
    },
  ],
};
