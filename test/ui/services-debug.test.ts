import { describe, expect, it } from 'vitest';
import deploymentsJson from './fixtures/marathon-deployments.fixture.json';
import placementJson from './fixtures/sandbox-placement.fixture.json';
import queue from './fixtures/marathon-queue.fixture.json';
import { actionWord, deploymentsFor, deploymentSummary, stepState } from '../../src/ui/pages/services/deployments.ts';
import { blockingStage, offerFunnel, otherReasons, stageMatch } from '../../src/ui/pages/services/funnel.ts';
import { readDeployments, readPlacement, readQueue } from '../../src/ui/pages/services/marathon-read.ts';
import { failureGroups, placementStages } from '../../src/ui/pages/services/placement.ts';

const summary = readQueue(queue)[0]!.processedOffersSummary!;

describe('offer funnel', () => {
  it('lists the checks in order, each matched, partly or not', () => {
    const stages = offerFunnel(summary.rejectSummaryLastOffers);
    expect(stages.map((s) => `${s.label} ${s.processed}/${s.declined} ${s.match}`)).toEqual([
      'Role 14/0 matched',
      'Constraints 14/11 partial',
      'CPU 3/3 unmatched',
      'Memory 0/0 not-reached',
      'Disk 0/0 not-reached',
      'Ports 0/0 not-reached',
    ]);
    expect(stages[1]!.passed).toBe(3);
    expect(blockingStage(stages)?.key).toBe('cpus');
  });

  it('shows GPUs when the app asks for them or they declined offers', () => {
    expect(offerFunnel([], true).map((s) => s.key)).toContain('gpus');
    expect(offerFunnel([{ reason: 'InsufficientGpus', processed: 2, declined: 2 }]).map((s) => s.key)).toContain('gpus');
    expect(offerFunnel([]).every((s) => s.match === 'not-reached')).toBe(true);
  });

  it('keeps the reasons that are not funnel stages aside', () => {
    expect(otherReasons(summary.rejectSummaryLastOffers).map((r) => r.reason)).toEqual([
      'NoCorrespondingReservationFound',
      'AgentMaintenance',
    ]);
    expect(stageMatch(5, 0)).toBe('matched');
    expect(stageMatch(5, 5)).toBe('unmatched');
  });
});

describe('placement diagnosis', () => {
  const p = readPlacement(placementJson)!;

  it('is read defensively: suggestions as text, failures by hostname or agent id', () => {
    expect(p).toMatchObject({ appId: '/prod/web/nginx', waiting: 2, agents: 14 });
    expect(p.suggestions).toEqual(['Lower cpus from 0.5 to 0.099 to fit agent-3', 'Add an agent on rack r3']);
    expect(p.notes).toEqual(['Every waiting instance fits as the cluster is.']);
    expect(p.failures).toHaveLength(5);
    expect(p.failures[4]).toMatchObject({ hostname: 'S9', stage: 'cpus', detail: '0.2 CPU free' });
    expect(readPlacement('Not Found')).toBeNull();
    expect(readPlacement({})).toEqual({ appId: '', stages: [], failures: [], suggestions: [] });
  });

  it('groups failing agents by check, in check order, hostnames in natural order', () => {
    const groups = failureGroups(p.failures);
    expect(groups.map((g) => `${g.label}:${g.count}`)).toEqual(['Constraints:2', 'CPU:2', 'mystery:1']);
    expect(groups[0]!.shown.map((f) => f.hostname)).toEqual(['agent-2', 'agent-10']);
    expect(failureGroups(p.failures, 1)[0]!.shown).toHaveLength(1);
    // the diagnosis' stage counts win over a capped list
    expect(failureGroups(p.failures, 50, [{ stage: 'constraints', failed: 11 }])[0]!.count).toBe(11);
    expect(readPlacement({ fits: 3, failuresOmitted: 7 })).toMatchObject({ fits: 3, failuresOmitted: 7 });
    expect(placementStages(p).map((s) => `${s.label} ${s.passed}/${s.reached}`)).toEqual([
      'Role 14/14',
      'Constraints 3/14',
      'CPU 0/3',
      'Memory 0/0',
    ]);
  });
});

describe('deployments', () => {
  const list = readDeployments(deploymentsJson);

  it('reads steps and finds those of an app', () => {
    expect(list).toHaveLength(2);
    expect(deploymentsFor('/prod/web/nginx', list).map((d) => d.id)).toEqual(['5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43']);
    expect(deploymentsFor('/nope', list)).toEqual([]);
    expect(readDeployments({ not: 'a list' })).toEqual([]);
  });

  it('marks steps done, current and pending and says what runs', () => {
    const d = list[0]!;
    expect([0, 1].map((i) => stepState(d, i))).toEqual(['current', 'pending']);
    expect(stepState({ ...d, currentStep: 2 }, 0)).toBe('done');
    expect(actionWord(d.steps[1]!.actions[0]!)).toBe('Restart');
    expect(deploymentSummary(d)).toBe('Step 1 of 2: Scale /prod/web/nginx');
    expect(deploymentSummary(list[1]!)).toBe('Step 1 of 1: Start /prod/api');
  });
});
