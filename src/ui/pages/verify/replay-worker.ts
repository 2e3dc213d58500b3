/**
 * A ReplayDriver (src/share/completion-verify.ts) over a sandbox worker of its own: a second worker, never the
 * reader's open cluster, so checking or making a code leaves that cluster alone and the page's thread only
 * waits for answers. `dispose()` ends the worker.
 */
import { SandboxBridge } from '../../../worker/bridge.ts';
import type { ReplayDriver } from '../../../share/completion-verify.ts';

export function replayWorker(): ReplayDriver & { dispose(): void } {
  const bridge = new SandboxBridge();
  return {
    async load(scenario) {
      const loaded = await bridge.load(scenario);
      return loaded.ok ? null : loaded.error.message;
    },
    async runTo(at) {
      const status = await bridge.runTo(at);
      if (status.error) throw new Error(status.error);
    },
    request: (req) => bridge.request(req),
    historyHash: () => bridge.remote.historyHash(),
    dispose: () => bridge.terminate(),
  };
}
