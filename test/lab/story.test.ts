/** Narrated replay: chapters of fixed runs against golden text (docs/narrated-replay.md). */
import { describe, it } from 'vitest';
import { replayStory } from '../../src/sandbox/story/index.ts';
import { AGENT_CRASH, DRF_WEIGHTS, FAILOVER, ROLLING_UPGRADE, expectGolden, storyText } from './story-support.ts';

describe('narrated replay: golden stories', () => {
  it('a master failover: the leader crashes, its ZooKeeper sessions expire, another master wins the election', async () => {
    const story = await replayStory(FAILOVER, 120_000);
    expectGolden('story-failover', storyText(story.chapters));
  });

  it('a rolling upgrade of an app', async () => {
    const story = await replayStory(ROLLING_UPGRADE, 90_000);
    expectGolden('story-rolling-upgrade', storyText(story.chapters));
  });

  it('DRF with weights: two roles, one weighted', async () => {
    const story = await replayStory(DRF_WEIGHTS, 60_000);
    expectGolden('story-drf-weights', storyText(story.chapters));
  });

  it('an agent crash: Mesos marks it unreachable and Marathon replaces its task', async () => {
    const story = await replayStory(AGENT_CRASH, 180_000);
    expectGolden('story-agent-crash', storyText(story.chapters));
  });
});
