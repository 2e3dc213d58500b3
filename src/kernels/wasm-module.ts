/**
 * Loads build/kernels.wasm once, the same way in Node (tests, bench) and in a browser or worker.
 */
export interface KernelExports {
  memory: WebAssembly.Memory;
  allocate(header: number): number;
  heap_base(): number;
  scratch_bytes(nNodes: number, nFrameworks: number, nRoles: number, nPools: number): number;
}

let loading: Promise<KernelExports> | undefined;

export function loadKernelModule(): Promise<KernelExports> {
  loading ??= instantiate().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

async function instantiate(): Promise<KernelExports> {
  const url = new URL('../../build/kernels.wasm', import.meta.url);
  const imports = { env: { abort: abortFromWasm } };
  let instance: WebAssembly.Instance;
  if (url.protocol === 'file:') {
    const fs = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = await readFile(url);
    } catch {
      throw new Error(`The Wasm kernels are not built (${url.pathname}): run \`npm run asbuild\``);
    }
    instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>), imports);
  } else {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the Wasm kernels from ${url.href} (HTTP ${response.status}): run \`npm run asbuild\``);
    instance = await WebAssembly.instantiate(await WebAssembly.compile(await response.arrayBuffer()), imports);
  }
  return instance.exports as unknown as KernelExports;
}

function abortFromWasm(_message: number, _file: number, line: number, column: number): never {
  throw new Error(`Wasm kernel aborted at ${line}:${column}`);
}
