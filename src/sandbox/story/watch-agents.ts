/** Agents as beats: registered, crashed, marked unreachable, back, decommissioned. */
import type { AgentState, ClusterState } from '../../engine/core/model.ts';
import { merged, single, type Emit } from './beats.ts';
import { count, listOf } from './time.ts';

interface AgentFacts {
  up: boolean;
  registered: boolean;
  unreachable: boolean;
  gone: boolean;
  /** Crashed or marked unreachable since it last registered: its return is news of its own. */
  troubled: boolean;
}

export class AgentWatcher {
  #agents: AgentFacts[] = [];

  observe(state: ClusterState, emit: Emit): void {
    const pingMs = state.ha.agentPingTimeoutMs * state.ha.maxAgentPingTimeouts;
    state.agents.forEach((agent, i) => {
      const was = this.#agents[i];
      const now = factsOf(agent, was);
      this.#agents[i] = now;
      if (!was) {
        if (now.registered) emit(registered(agent, false, 'ha'));
        return;
      }
      const host = agent.hostname;
      const agents = [host];
      if (was.up && !now.up)
        emit(
          single(
            `agent:${host}`,
            `Agent ${host} crashed`,
            `agent ${host} crashed: its tasks keep running, checkpointed, but nobody reports on them`,
            { agents },
          ),
        );
      if (!was.up && now.up)
        emit(single(`agent:${host}`, `Agent ${host} restored`, `agent ${host} was restored: its process starts again`, { agents }));
      if (!was.unreachable && now.unreachable) {
        const text = `Mesos marked agent ${host} unreachable after ${Math.round(pingMs / 1000)} s of missed pings`;
        emit(single(`agent:${host}`, `Agent ${host} unreachable`, text, { agents }));
      }
      if (!was.gone && now.gone) emit(single(`agent:${host}`, `Agent ${host} gone`, `agent ${host} was marked gone`, { agents }));
      if (!was.registered && now.registered) emit(registered(agent, was.troubled, was.troubled ? `agent:${host}` : 'ha'));
    });
  }
}

function factsOf(agent: AgentState, was: AgentFacts | undefined): AgentFacts {
  const unreachable = agent.unreachableAt !== null;
  const crashed = was !== undefined && was.up && !agent.up;
  const troubled = agent.registered && was?.registered === false ? false : (was?.troubled ?? false) || crashed || unreachable;
  return { up: agent.up, registered: agent.registered, unreachable, gone: agent.gone, troubled };
}

function registered(agent: AgentState, back: boolean, thread: string): ReturnType<typeof single> {
  const host = agent.hostname;
  if (back) return single(thread, `Agent ${host} back`, `agent ${host} re-registered with the leading master`, { agents: [host] }, true);
  const render = (items: readonly string[]): string =>
    `${count(items.length, 'agent')} registered with the leading master (${listOf([...items].sort())})`;
  return merged(thread, 'Agents registered', 'agents-registered', host, render, { agents: [host] });
}
