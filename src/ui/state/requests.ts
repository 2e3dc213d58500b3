/**
 * The page's calls to the cluster's DC/OS HTTP API. A read is one call to the worker; so is a
 * write, which also brings back the time bar. A write at a past moment would fork the history and
 * drop the actions after it: the worker refuses it and says how many would go, the user is asked,
 * and only then is the write sent again, confirmed.
 */
import type { ApiRequest, ApiResponse } from '../../api/types.ts';
import type { SandboxBridge, Timeline } from '../../worker/bridge.ts';

/** The answer to a write the user chose not to send (it would have dropped later actions). */
export const NOT_SENT: ApiResponse = { status: 499, body: { message: 'Not sent: the later actions were kept.' } };

/** The question asked before a write at a past moment drops the actions after it. */
export function forkQuestion(dropped: number): string {
  return `Acting now drops ${dropped} later action${dropped === 1 ? '' : 's'}. Continue?`;
}

/** Asks the user whether to fork; resolves true to go ahead. */
export type ConfirmFork = (dropped: number) => Promise<boolean>;

/** Without a dialog of the page's own: the browser's confirm() (none: go ahead). */
export const browserConfirmFork: ConfirmFork = (dropped) =>
  Promise.resolve(typeof confirm === 'function' ? confirm(forkQuestion(dropped)) : true);

export type RequestPort = Pick<SandboxBridge, 'request' | 'write'>;

/** An API answer; for a write that was sent, the time bar after it (null for a read or a write not sent). */
export interface Answered {
  answer: ApiResponse;
  timeline: Timeline | null;
}

/** Send `req` to the cluster, asking `confirmFork` first when a write would drop later actions. */
export async function sendRequest(port: RequestPort, req: ApiRequest, confirmFork: ConfirmFork): Promise<Answered> {
  if (req.method === 'GET') return { answer: await port.request(req), timeline: null };
  let confirmed = 0;
  for (;;) {
    const result = await port.write(req, confirmed);
    if (result.sent) return { answer: result.answer, timeline: result.timeline };
    if (!(await confirmFork(result.dropped))) return { answer: NOT_SENT, timeline: null };
    // Asked again only if more actions lie ahead by now than the user agreed to drop.
    confirmed = result.dropped;
  }
}
