/** Fixed runs for the narrated-replay tests, and chapters as golden text. */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { storyTime, type Chapter } from '../../src/sandbox/story/index.ts';

type Json = Record<string, unknown>;

const agent = (hostname: string, cpus = 4, mem = 4096, extra: Json = {}): Json => ({
  hostname,
  resources: { cpus, mem, disk: 0, gpus: 0 },
  ...extra,
});

const fault = (at: number, kind: string, target: string): Json => ({
  at,
  request: { method: 'POST', path: '/sandbox/v1/faults', body: { kind, target } },
});

/** Three masters; the leader crashes at 1:00: its ZooKeeper sessions expire and another master wins the election. */
export const FAILOVER: Json = {
  seed: 7,
  cluster: { masters: 3, agents: [agent('a1'), agent('a2'), agent('a3')], roles: {} },
  frameworks: [],
  marathon: { role: '*', apps: [{ id: '/web', cmd: 'run', instances: 3, cpus: 0.5, mem: 128 }] },
  script: [fault(60_000, 'master-crash', 'master-1')],
};

/** /web, 4 instances, gets a new command at 0:30: a rolling upgrade, half of it kept running, none over capacity. */
export const ROLLING_UPGRADE: Json = {
  seed: 11,
  cluster: { masters: 1, agents: [agent('a1'), agent('a2')], roles: {} },
  frameworks: [],
  marathon: {
    role: '*',
    apps: [
      {
        id: '/web',
        cmd: 'serve v1',
        instances: 4,
        cpus: 0.5,
        mem: 128,
        upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
      },
    ],
  },
  script: [
    {
      at: 30_000,
      request: {
        method: 'PUT',
        path: '/marathon/v2/apps/web',
        body: {
          id: '/web',
          cmd: 'serve v2',
          instances: 4,
          cpus: 0.5,
          mem: 128,
          upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
        },
      },
    },
  ],
};

const load = (name: string, role: string): Json => ({
  name,
  role,
  task: { cpus: 1, mem: 256, disk: 0, gpus: 0, ports: 0 },
  instances: 'unlimited',
  tasksPerOffer: 1,
  refuseSeconds: 0,
  taskDurationSeconds: null,
});

/** Two roles compete for 32 cpus under DRF (no offer filters: every run offers each agent to the role with the lowest weighted share): `analytics` has weight 3, `web` weight 1. */
export const DRF_WEIGHTS: Json = {
  seed: 3,
  cluster: {
    masters: 1,
    agents: [agent('a1', 8, 8192), agent('a2', 8, 8192), agent('a3', 8, 8192), agent('a4', 8, 8192)],
    roles: { analytics: { weight: 3 }, web: { weight: 1 } },
  },
  frameworks: [load('spark', 'analytics'), load('nginx', 'web')],
  marathon: { role: '*', apps: [] },
};

/** /web on three of four agents (one per agent); a1 crashes at 0:30 and its task is replaced once Mesos marks it unreachable. */
export const AGENT_CRASH: Json = {
  seed: 5,
  cluster: { masters: 1, agents: [agent('a1'), agent('a2'), agent('a3'), agent('a4')], roles: {} },
  frameworks: [],
  marathon: {
    role: '*',
    apps: [{ id: '/web', cmd: 'run', instances: 3, cpus: 1, mem: 256, constraints: [['hostname', 'UNIQUE']] }],
  },
  script: [fault(30_000, 'agent-crash', 'a1')],
};

/** Chapters as a reader sees them: time, title, text and what each highlights (task ids counted, they are long). */
export function storyText(chapters: readonly Chapter[]): string {
  return chapters
    .map((c) => {
      const h = c.highlights;
      const marks = [
        h.masters ? `masters ${h.masters.join(' ')}` : '',
        h.agents ? `agents ${h.agents.join(' ')}` : '',
        h.apps ? `apps ${h.apps.join(' ')}` : '',
        h.tasks ? `${h.tasks.length} tasks` : '',
      ].filter((m) => m !== '');
      return `${storyTime(c.at)}–${storyTime(c.until)} ${c.title}\n  ${c.text}\n  highlights: ${marks.join('; ') || 'none'}\n`;
    })
    .join('\n');
}

/** Compare with test/lab/golden/<name>.txt; STORY_GOLDEN=write rewrites it (read the diff before checking it in). */
export function expectGolden(name: string, text: string): void {
  const file = new URL(`./golden/${name}.txt`, import.meta.url);
  if (process.env.STORY_GOLDEN === 'write') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
