import {
  allOf,
  appRolledOut,
  appRunning,
  mesosDnsAnswers,
  trafficOk,
  vipBackends,
  vipCleanSinceChange,
  vipRecovered,
  vipSpread,
} from '../goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, navigate, request, scenario } from './build.ts';

/** The VIP label `/web:80` becomes this name (slashes dropped) on port 80, at an address in 11.0.0.0/8. */
const VIP = 'web.marathon.l4lb.thisdcos.directory:80';
const AUTOIP = 'web.marathon.autoip.dcos.thisdcos.directory';

const web = {
  id: '/web',
  cmd: 'python3 -m http.server 8080',
  cpus: 0.1,
  mem: 64,
  instances: 3,
  networks: [{ mode: 'container', name: 'dcos' }],
  container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', labels: { VIP_0: '/web:80' } }] },
};

export const discovery: Lesson = {
  id: 'discovery',
  title: 'Find and balance a service',
  summary: 'Put /web on the virtual network behind a VIP, resolve its names, send it traffic, and kill a backend under load.',
  scenario: scenario({ agents: [agent('a', { count: 3 })] }),
  steps: [
    {
      id: 'deploy',
      title: 'On the overlay, behind a VIP',
      text: 'Deploy `/web`: 3 instances of `python3 -m http.server 8080` on the virtual network `dcos`, container port 8080 with the label `VIP_0` = `/web:80`. Each task gets its own 9.0.x.x address; the VIP gathers them behind one name.',
      goal: allOf('/web runs 3 tasks, all behind its VIP', appRunning('/web', 3), vipBackends(VIP, 3)),
      hints: [
        'JSON editor: "networks": [{"mode": "container", "name": "dcos"}], and in "container": {"type": "MESOS", "portMappings": [{"containerPort": 8080, "labels": {"VIP_0": "/web:80"}}]}.',
        'Networking → Service addresses lists the VIP once an agent reports a backend (agents poll every 2 s).',
      ],
      showMe: [navigate('services'), request('POST', '/marathon/v2/apps', web)],
      settleMs: 15000,
    },
    {
      id: 'names',
      title: 'Names for every task',
      text: `Networking → DNS: \`${AUTOIP}\` answers at once with the 3 overlay IPs (\`.agentip.\` gives the agent's). Send a client \`probe\` to it on port 8080. Mesos-DNS learns \`web.marathon.mesos\` only at its next reload, every 30 s: look it up until it answers.`,
      goal: allOf(
        'A client reached /web by its autoip name, and Mesos-DNS knows web.marathon.mesos',
        trafficOk([`${AUTOIP}:8080`], 20, `A client at ${AUTOIP}:8080 with 20 answers`),
        mesosDnsAnswers('web.marathon.mesos'),
      ),
      hints: [
        `In the Terminal: \`dig ${AUTOIP}\`, \`dig SRV _web._tcp.marathon.mesos\`, \`dcos node dns web.marathon.mesos\`.`,
        'Mesos-DNS answers with the agent, where nothing listens on 8080 for an overlay task: use the autoip name or the VIP.',
        'The Service addresses tab has the traffic form: name, target host:port, requests a second.',
      ],
      showMe: [
        navigate('networking/dns'),
        cli(`dig ${AUTOIP}`),
        request('POST', '/sandbox/v1/traffic', { name: 'probe', target: `${AUTOIP}:8080`, rps: 5 }),
      ],
      settleMs: 40000,
    },
    {
      id: 'balance',
      title: 'Balanced',
      text: `Networking → Service addresses: start a client \`shoppers\` at \`${VIP}\`, 50 requests a second. The balancer spreads them over the 3 backends; the chart shows each one's share.`,
      goal: vipSpread(VIP, 3, 20),
      hints: [
        `\`curl ${VIP}\` in the Terminal sends one request and says which backend answered.`,
        'The VIP has its own address in 11.0.0.0/8: a client at that address and port 80 counts too.',
      ],
      showMe: [navigate('networking/addresses'), request('POST', '/sandbox/v1/traffic', { name: 'shoppers', target: VIP, rps: 50 })],
      settleMs: 10000,
    },
    {
      id: 'kill',
      title: 'Kill a backend under load',
      text: 'Kill one `/web` task (Services → /web, without scaling). Until its agent next reports (every 2 s) the balancer still sends it requests: a short burst of ECONNREFUSED. Then Marathon starts a replacement and the VIP balances over 3 again.',
      goal: vipRecovered(VIP, 3),
      hints: [
        '`dcos marathon task list /web` gives task ids; `dcos marathon task kill <id>` kills one.',
        'Watch the backend turn "killing", then leave the list; the new one joins at the next poll.',
      ],
      showMe: [request('DELETE', '/marathon/v2/apps/web/tasks/{{task:/web}}'), navigate('networking/addresses')],
      settleMs: 20000,
    },
    {
      id: 'grace',
      title: 'Give tasks a grace period',
      text: 'Edit `/web`: `"taskKillGracePeriodSeconds": 5`. Saving replaces every task, and a few requests still fail: the old tasks were launched without a grace period, and a kill policy travels with the task, not the app.',
      goal: appRolledOut('/web', 3, '/web runs 3 tasks with taskKillGracePeriodSeconds 5', (app) => app.taskKillGracePeriodSeconds === 5),
      hints: [
        'Or `dcos marathon app update /web taskKillGracePeriodSeconds=5`.',
        'Mesos keeps the KillPolicy of the TaskInfo a task was launched with.',
      ],
      showMe: [request('PUT', '/marathon/v2/apps/web', { taskKillGracePeriodSeconds: 5 }), navigate('networking/addresses')],
      settleMs: 30000,
    },
    {
      id: 'drain',
      title: 'Restart without a dropped request',
      text: 'Restart `/web`. Every task now has its 5 s: it gets SIGTERM, leaves the balancer at its agent’s next poll and still answers until then. Watch the chart: no errors this time.',
      goal: vipCleanSinceChange(VIP, '/web', 3),
      hints: [
        'Services → `/web` → Restart, or `dcos marathon app restart /web`.',
        'Marathon sends SIGTERM, waits the grace period, then SIGKILL: long enough for the balancer to notice.',
      ],
      showMe: [request('POST', '/marathon/v2/apps/web/restart'), navigate('networking/addresses')],
      settleMs: 30000,
    },
  ],
};
