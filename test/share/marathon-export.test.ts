import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { exportMarathon } from '../../src/share/marathon-export.ts';
import { readMarathonImport, runImport } from '../../src/share/marathon-import.ts';
import { RUNTIME_APP_FIELDS } from '../../src/common/marathon/app-definition.ts';
import { untilBooted } from '../support/marathon.ts';

const empty = { ...defaultScenario, marathon: { ...defaultScenario.marathon, apps: [] } };
/** The default cluster's apps plus the one busyCluster adds, and its top-level groups plus the pod's. */
const APP_IDS = [...(defaultScenario.marathon?.apps ?? []).map((a) => String((a as { id: string }).id)), '/hello'].sort();
const TOP_GROUPS = [...new Set([...APP_IDS.filter((id) => id.lastIndexOf('/') > 0).map((id) => `/${id.split('/')[1]}`), '/tools'])].sort();
const tree = (s: Sandbox) => s.request({ method: 'GET', path: '/marathon/v2/groups' }).body;

/** Every key anywhere in the JSON. */
function keysOf(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
  else if (typeof x === 'object' && x !== null) {
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

async function booted(scenario: unknown): Promise<Sandbox> {
  const sb = await createSandbox(scenario);
  untilBooted(sb);
  return sb;
}

async function busyCluster(): Promise<Sandbox> {
  const live = await createSandbox(defaultScenario);
  live.advance(10_000);
  live.request({
    method: 'POST',
    path: '/marathon/v2/apps',
    body: { id: '/hello', cmd: 'python3 -m http.server $PORT0', instances: 2, cpus: 0.1, mem: 64, dependencies: ['/prod/api'] },
  });
  live.request({
    method: 'POST',
    path: '/marathon/v2/pods',
    body: {
      id: '/tools/pair',
      containers: [
        { name: 'a', resources: { cpus: 0.1, mem: 32 } },
        { name: 'b', resources: { cpus: 0.1, mem: 32 } },
      ],
    },
  });
  live.advance(60_000);
  return live;
}

describe('Marathon export', () => {
  it('strips runtime fields and keeps pods out of the groups', async () => {
    const live = await busyCluster();
    const raw = JSON.stringify(tree(live));
    expect(raw).toMatch(/"tasksRunning":[1-9]/);
    const out = exportMarathon(tree(live), 'sandbox');
    const keys = keysOf(out.group);
    for (const field of [...RUNTIME_APP_FIELDS, 'version', 'pods']) expect(keys.has(field), field).toBe(false);
    expect(out.appCount).toBe(APP_IDS.length);
    expect(out.pods.map((p) => p.id)).toEqual(['/tools/pair']);
    expect(out.pods[0]).not.toHaveProperty('version');
    const top = (out.group.groups as Array<Record<string, unknown>>).map((g) => [g.id, g.enforceRole, (g.groups as unknown[]).length]);
    // Created by their first app, under DC/OS's --new_group_enforce_role top.
    expect(top).toEqual(TOP_GROUPS.map((id) => [id, true, 0]));
    expect(JSON.parse(out.json)).toEqual(out.group);
  });

  it('the dcos script adds each top-level group, root app and pod, dependencies first', async () => {
    const out = exportMarathon(tree(await busyCluster()), 'sandbox');
    // /hello depends on /prod/api: the groups go first.
    const rootApps = APP_IDS.filter((id) => id.lastIndexOf('/') === 0).map((id) => `app ${id}`);
    expect(out.steps.map((s) => `${s.kind} ${s.id}`)).toEqual([...TOP_GROUPS.map((g) => `group ${g}`), ...rootApps, 'pod /tools/pair']);
    expect(out.script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(out.script).toMatch(/Jobs are not simulated by the sandbox yet/);
    const blocks = [...out.script.matchAll(/^(dcos marathon (?:app|group|pod) add) <<'JSON'\n([\s\S]*?)\nJSON$/gm)];
    expect(blocks.map((b) => b[1])).toEqual([
      ...TOP_GROUPS.map(() => 'dcos marathon group add'),
      ...rootApps.map(() => 'dcos marathon app add'),
      'dcos marathon pod add',
    ]);
    expect(blocks.map((b) => JSON.parse(b[2]!))).toEqual(out.steps.map((s) => s.request.body));
    // Only the top-level groups are POSTed, never `/` (a real Marathon answers 409 "Group / is already created").
    expect(out.steps.filter((s) => s.kind === 'group').every((s) => s.id !== '/')).toBe(true);
    expect(exportMarathon(tree(await booted(empty))).script).toMatch(/has no apps, pods or groups/);
  });

  it('round trip: the exported JSON imports into a fresh cluster and exports the same', async () => {
    const out = exportMarathon(tree(await busyCluster()), 'sandbox');
    const fresh = await booted(empty);
    for (const text of [out.json, JSON.stringify(out.pods)]) {
      // Pods are imported one at a time (classified as pods), the group tree at once.
      const items: unknown[] = text === out.json ? [JSON.parse(text)] : (JSON.parse(text) as unknown[]);
      for (const item of items) {
        const p = readMarathonImport(JSON.stringify(item), { defaultRole: 'slave_public' });
        if (!p.ok) throw new Error(p.errors.join('\n'));
        const results = await runImport(p.steps, (req) => fresh.request(req));
        expect(results.filter((r) => !r.ok).map((r) => r.messages)).toEqual([]);
      }
    }
    fresh.advance(60_000);
    const again = exportMarathon(tree(fresh), 'sandbox');
    expect(again.group).toEqual(out.group);
    expect(again.pods).toEqual(out.pods);
    const running = fresh.request({ method: 'GET', path: '/marathon/v2/apps' }).body as { apps: Array<{ id: string }> };
    expect(running.apps.map((a) => a.id).sort()).toEqual(APP_IDS);
  });
});
