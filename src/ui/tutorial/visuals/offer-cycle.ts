/**
 * One offer cycle of Mesos' two-level scheduling, as twelve steps between the components: an agent
 * reports its free resources, the master's allocator offers them to one framework, which declines,
 * then to Marathon, which accepts with two tasks; the agent's executor launches them and the status
 * updates travel back. Plain data for the animated picture (OfferCycle.svelte).
 */

export type Node = 'agent' | 'executor' | 'master' | 'allocator' | 'marathon' | 'other';

export interface CycleStep {
  from: Node;
  to: Node;
  /** What travels, drawn on the arrow. */
  message: string;
  /** One or two sentences under the picture. */
  text: string;
  kind: 'resources' | 'offer' | 'decline' | 'accept' | 'launch' | 'status' | 'internal';
}

export const NODES: Readonly<Record<Node, { label: string; x: number; y: number }>> = {
  agent: { label: 'Agent a1', x: 52, y: 160 },
  executor: { label: 'Executor', x: 52, y: 232 },
  master: { label: 'Mesos master', x: 210, y: 118 },
  allocator: { label: 'Allocator', x: 210, y: 24 },
  marathon: { label: 'Marathon', x: 368, y: 56 },
  other: { label: 'Framework B', x: 368, y: 196 },
};

export const CYCLE: readonly CycleStep[] = [
  {
    from: 'agent',
    to: 'master',
    kind: 'resources',
    message: '4 CPU, 4 GiB free',
    text: 'Agent a1 tells the master what it has free: 4 CPUs and 4 GiB of memory.',
  },
  {
    from: 'master',
    to: 'allocator',
    kind: 'internal',
    message: 'who gets it?',
    text: 'The master asks its allocator. DRF picks the framework whose dominant share is lowest: Framework B.',
  },
  {
    from: 'master',
    to: 'other',
    kind: 'offer',
    message: 'offer: 4 CPU, 4 GiB',
    text: 'The master sends Framework B a resource offer. The resources are set aside for it while it decides.',
  },
  {
    from: 'other',
    to: 'master',
    kind: 'decline',
    message: 'decline (filter 5 s)',
    text: 'Framework B has nothing to run. It declines, and asks not to be offered this agent again for 5 seconds.',
  },
  {
    from: 'master',
    to: 'allocator',
    kind: 'internal',
    message: 'resources back',
    text: 'The declined resources go back to the allocator, which now picks Marathon.',
  },
  {
    from: 'master',
    to: 'marathon',
    kind: 'offer',
    message: 'offer: 4 CPU, 4 GiB',
    text: 'The master offers the same resources to Marathon, the scheduler of DC/OS services.',
  },
  {
    from: 'marathon',
    to: 'master',
    kind: 'accept',
    message: 'accept: 2 tasks',
    text: 'Marathon has an app waiting. It accepts with two tasks: 2 CPU + 1 GiB and 1 CPU + 2 GiB. It decides which tasks go where; Mesos only offered.',
  },
  {
    from: 'master',
    to: 'agent',
    kind: 'launch',
    message: 'run task 1, task 2',
    text: 'The master sends the tasks to agent a1. What Marathon did not use (1 CPU, 1 GiB) goes back to the pool.',
  },
  {
    from: 'agent',
    to: 'executor',
    kind: 'launch',
    message: 'launch executor',
    text: 'The agent starts an executor, the process that runs and watches the tasks.',
  },
  {
    from: 'executor',
    to: 'agent',
    kind: 'status',
    message: 'TASK_RUNNING',
    text: 'The executor starts both tasks and reports TASK_RUNNING to the agent.',
  },
  {
    from: 'agent',
    to: 'master',
    kind: 'status',
    message: 'status update',
    text: 'The agent forwards the status updates to the master (and keeps them until they are acknowledged).',
  },
  {
    from: 'master',
    to: 'marathon',
    kind: 'status',
    message: 'TASK_RUNNING ×2',
    text: 'The master passes them to Marathon, which acknowledges them. The cycle is done; the next allocation run offers the leftovers.',
  },
];
