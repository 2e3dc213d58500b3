/** The running cluster as something to hand on: a share link, or a scenario file to download. */
import type { SandboxBridge } from '../../worker/bridge.ts';
import { encodeScenarioLink, LINK_BUDGET_CHARS, MAX_LINK_CHARS } from '../../share/link.ts';
import { writeScenarioFile } from '../../share/scenario-file.ts';

/** A share link made from the running cluster, or why there is none. */
export type ShareResult = { ok: true; fragment: string; chars: number; overBudget: boolean } | { ok: false; error: string };

type Shareable = Pick<SandboxBridge, 'shareable'>;

/** A link to the cluster as it is now: its scenario, every action so far, the time, and the page `view` (a route) if given. */
export async function shareLink(bridge: Shareable, view: string | null = null): Promise<ShareResult> {
  const current = await bridge.shareable();
  if (!current) return { ok: false, error: 'No cluster is loaded.' };
  const fragment = await encodeScenarioLink(current.scenario, current.at, view);
  if (fragment.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      error: `This cluster is too large for a link (${fragment.length.toLocaleString('en-US')} characters, at most ${MAX_LINK_CHARS.toLocaleString('en-US')}): download it as a scenario file instead.`,
    };
  }
  return { ok: true, fragment, chars: fragment.length, overBudget: fragment.length > LINK_BUDGET_CHARS };
}

/** The scenario with its actions and the moment, as a versioned scenario file (`share/scenario-file.ts`); null when nothing is loaded. */
export async function scenarioFileOf(bridge: Shareable): Promise<string | null> {
  const current = await bridge.shareable();
  return current ? writeScenarioFile(current.scenario, current.at) : null;
}
