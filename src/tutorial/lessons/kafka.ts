import { deployComplete, packageInstalled, podLost, podReplaced } from '../sdk-goals.ts';
import type { Lesson } from '../types.ts';
import { agent, cli, fault, navigate, request, scenario } from './build.ts';

/** The options of the install: three brokers (the form's Brokers → Count). */
export const kafkaOptions = { brokers: { count: 3 } };

export const kafka: Lesson = {
  id: 'kafka',
  title: 'Install Kafka',
  summary:
    'Install Kafka from the Catalog: its scheduler deploys three brokers on reservations and volumes; lose an agent with a broker, then replace the broker elsewhere.',
  scenario: scenario({ agents: [agent('a', { count: 4, cpus: 8, mem: 16384, disk: 40960 })] }),
  steps: [
    {
      id: 'install',
      title: 'Install Kafka',
      text: 'Open the Catalog, search `kafka` and open it. Review & Run, set Brokers → Count to 3, then Review & Run and Run Service. Cosmos renders the package into the Marathon app `/kafka`: the Kafka scheduler.',
      goal: packageInstalled('kafka', 'kafka', 'BROKER_COUNT', '3', 'Kafka installed with 3 brokers'),
      hints: [
        `Or in the Terminal: \`dcos package install kafka --options=kafka.json --yes\` with \`${JSON.stringify(kafkaOptions)}\` pasted on the next line.`,
        '`dcos package describe kafka --config` shows every option and its default.',
      ],
      showMe: [navigate('catalog'), cli(`dcos package install kafka --options=kafka.json --yes\n${JSON.stringify(kafkaOptions, null, 2)}`)],
      settleMs: 2000,
    },
    {
      id: 'deploy',
      title: 'The deploy plan',
      text: 'The scheduler registers the framework `kafka` in role `kafka-role` and runs its deploy plan: for each broker in turn it reserves resources on an agent, creates a volume there, launches the broker and waits for its readiness check to pass. Nodes shows each agent’s `kafka-role` reservation and volume.',
      goal: deployComplete('kafka', 3),
      hints: [
        '`GET /service/kafka/v1/plans/deploy` answers 202 while the plan runs and 200 once it is COMPLETE; `dcos kafka plan status deploy` prints it.',
        'The placement `[["hostname", "MAX_PER", "1"]]` puts each broker on an agent of its own.',
      ],
      showMe: [navigate('nodes')],
      // Each broker's step completes when its readiness check (every 60 s) passes: about a minute a broker.
      settleMs: 240000,
    },
    {
      id: 'lose-agent',
      title: 'Lose a broker’s agent',
      text: 'In ⚡ Faults, crash an agent that runs a broker (not the one running `/kafka`). After 75 s of missed pings the master marks it unreachable, and the broker’s task with it. The scheduler waits: the broker’s data is on that agent’s volume, so the plan does not run it elsewhere.',
      goal: podLost('kafka'),
      hints: [
        'Press play or speed up the clock.',
        '`dcos kafka pod status` (or `GET /service/kafka/v1/pod/status`) lists the broker’s task as UNREACHABLE.',
      ],
      showMe: [fault('agent-crash', '{{podHost:kafka}}'), navigate('nodes')],
      settleMs: 150000,
    },
    {
      id: 'replace',
      title: 'Replace the broker',
      text: 'If the agent is not coming back, replace the broker: `dcos kafka pod replace kafka-N`, N the lost one. The scheduler gives its old reservation up and deploys the broker again on another agent, on a new, empty volume.',
      goal: podReplaced('kafka'),
      hints: [
        'The API call is `POST /service/kafka/v1/pod/kafka-N/replace`.',
        'Restart (`dcos kafka pod restart`) would relaunch it in place, on its volume: it would wait for the agent too.',
      ],
      showMe: [request('POST', '/service/kafka/v1/pod/{{lostPod:kafka}}/replace'), navigate('nodes')],
      settleMs: 90000,
    },
  ],
};
