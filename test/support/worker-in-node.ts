/**
 * The sandbox worker in Node, reached through Comlink: the worker module's global scope is one
 * end of a MessageChannel and the test holds the other, as the page's bridge would. Vitest runs
 * each test file in its own module graph, so each file gets its own worker module.
 */
import { wrap, type Remote } from 'comlink';
import { afterAll, beforeAll } from 'vitest';
import type { SandboxWorkerApi } from '../../src/worker/sandbox.worker.ts';

/** Starts the worker before the file's tests and closes the channel after; read `.api` inside tests. */
export function workerInNode(): { readonly api: Remote<SandboxWorkerApi> } {
  const channel = new MessageChannel();
  let api: Remote<SandboxWorkerApi> | undefined;
  beforeAll(async () => {
    const scope = globalThis as unknown as { addEventListener: unknown; postMessage: unknown };
    scope.addEventListener = channel.port1.addEventListener.bind(channel.port1);
    scope.postMessage = channel.port1.postMessage.bind(channel.port1);
    channel.port1.start();
    await import('../../src/worker/sandbox.worker.ts');
    api = wrap<SandboxWorkerApi>(channel.port2);
  });
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });
  return {
    get api() {
      if (!api) throw new Error('the worker starts in beforeAll');
      return api;
    },
  };
}
