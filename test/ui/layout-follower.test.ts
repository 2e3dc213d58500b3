/**
 * The page's layout follows agents added and decommissioned: a frame whose `agentsVersion` differs
 * from the layout's reaches the feed only with the new layout, so per-agent arrays never pair with
 * the wrong agents. And the Nodes page's pure parts: the grid's metric and the Add agent form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import type { ClusterFrame, ClusterLayout } from '../../src/common/view-types.ts';
import { defaultScenario } from '../../src/common/scenario/examples.ts';
import { FrameFeed } from '../../src/ui/state/frame-feed.svelte.ts';
import { LayoutFollower } from '../../src/ui/state/layout-follower.ts';
import { anyAgentHas, resourceFraction } from '../../src/ui/pages/nodes/allocation.ts';
import { bodyOf } from '../../src/ui/pages/nodes/agent-form.ts';
import { installRunes, workerStatus } from '../support/runes.ts';

beforeAll(() => {
  installRunes();
});

/** A bridge answering with the sandbox's current layout, counting the calls. */
function bridgeOf(sb: Sandbox, generation = 1) {
  const calls = { n: 0 };
  return { calls, bridge: { layout: () => (calls.n++, Promise.resolve({ layout: sb.layout(), generation })) } };
}

describe('the layout follower', () => {
  it('fetches the layout before a frame of changed agents reaches the feed', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(20_000);
    const feed = new FrameFeed(() => {});
    feed.reset(sb.layout(), 1);
    const { calls, bridge } = bridgeOf(sb);
    const follower = new LayoutFollower(bridge, feed);
    await follower.receive(sb.frame(), workerStatus(sb.now, 1));
    expect(calls.n).toBe(1); // the first frame of a cluster checks once
    await follower.receive(sb.frame(), workerStatus(sb.now, 1));
    expect(calls.n).toBe(1);

    sb.request({ method: 'POST', path: '/sandbox/v1/agents', body: {} });
    sb.request({ method: 'DELETE', path: '/sandbox/v1/agents/private-1' });
    sb.advance(3_000);
    const frame: ClusterFrame = sb.frame();
    await follower.receive(frame, workerStatus(sb.now, 1));
    expect(calls.n).toBe(2);
    const layout = feed.layout as ClusterLayout;
    expect(layout.agentsVersion).toBe(frame.agentsVersion);
    expect(layout.agents.map((a) => a.hostname)).toContain('private-9');
    expect(layout.agents.map((a) => a.hostname)).not.toContain('private-1');
    expect(feed.frame?.agentStatus.length).toBe(layout.agents.length);
  });

  it('leaves out a frame the cluster has moved on from, and frames of a replaced cluster', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(20_000);
    const feed = new FrameFeed(() => {});
    feed.reset(sb.layout(), 1);
    const { bridge } = bridgeOf(sb);
    const follower = new LayoutFollower(bridge, feed);
    await follower.receive(sb.frame(), workerStatus(sb.now, 1));
    sb.advance(500);
    sb.request({ method: 'POST', path: '/sandbox/v1/agents', body: {} });
    const behind = sb.frame(); // one agent more than the page knows
    sb.request({ method: 'POST', path: '/sandbox/v1/agents', body: {} });
    sb.advance(1_000);
    await follower.receive(behind, workerStatus(sb.now, 1)); // the layout fetched has two more: the frame is left out
    expect(feed.frame?.now).toBe(20_000);
    expect(feed.layout?.agents).toHaveLength(16);
    await follower.receive(sb.frame(), workerStatus(sb.now, 2)); // the bridge's cluster is generation 1: not this one's
    expect(feed.frame?.now).toBe(20_000);
    await follower.receive(sb.frame(), workerStatus(sb.now, 1));
    expect(feed.frame?.agentStatus.length).toBe(16);
  });
});

describe('the Nodes grid metric and the Add agent form', () => {
  it('colours one resource at a time; an agent without GPUs has no GPU share', async () => {
    const sb = await createSandbox(defaultScenario);
    sb.advance(30_000);
    const { agents } = sb.layout();
    const { agentAllocated } = sb.frame();
    const i = agents.findIndex((a) => a.hostname === 'analytics-1');
    expect(resourceFraction(agents[i]!, agentAllocated, i, 'cpus')).toBeCloseTo(agentAllocated[i * 4]! / 8);
    expect(resourceFraction(agents[i]!, agentAllocated, i, 'disk')).toBeCloseTo(agentAllocated[i * 4 + 2]! / 131072);
    expect(resourceFraction(agents[i]!, agentAllocated, i, 'gpus')).toBeNull();
    expect(anyAgentHas(agents, 'gpus')).toBe(false);
    expect(anyAgentHas(agents, 'mem')).toBe(true);
  });

  it('sends only what the form says, and refuses what is not a resource amount', () => {
    const blank = { cpus: '', mem: null, disk: '', gpus: '' };
    expect(bodyOf({ public: false, hostname: ' ', resources: blank })).toEqual({ public: false });
    expect(bodyOf({ public: true, hostname: 'edge-9', resources: { ...blank, cpus: 8, gpus: '2' } })).toEqual({
      public: true,
      hostname: 'edge-9',
      resources: { cpus: 8, gpus: 2 },
    });
    expect(bodyOf({ public: false, hostname: '', resources: { ...blank, mem: -1 } })).toBe('Memory (MiB): enter a number of at least 0');
    expect(bodyOf({ public: false, hostname: '', resources: { ...blank, gpus: '1.5' } })).toBe('GPUs: enter a whole number');
  });
});
