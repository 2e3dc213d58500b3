/**
 * Loads build/kernels.wasm once (memoised), the same code in Node (tests, bench) and in a
 * browser or worker. In Node the file is read from disk; elsewhere it is streamed with fetch.
 */
import { ALLOCATOR_ABI } from '../../assembly/layout.ts';

/** Everything build/kernels.wasm exports (assembly/index.ts). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  /** One allocation run: header address in, number of offers out (-1: output capacity too small). */
  allocate(header: number): number;
  /** The header/ABI version (assembly/layout.ts ALLOCATOR_ABI). */
  allocator_abi(): number;
  /** First address free for the host, past the module's static data. */
  heap_base(): number;
  /** Bytes of kernel scratch `allocate` needs for these counts. */
  scratch_bytes(nNodes: number, nFrameworks: number, nRoles: number, nPools: number): number;
  /** One constraint-matching batch (assembly/constraints.ts): header address in, answers written to memory. */
  match_constraints(header: number): void;
  /** The matcher's header/ABI version (assembly/constraints-layout.ts CONSTRAINTS_ABI); checked by loadWasmMatcher. */
  constraints_abi(): number;
  /** Bytes of kernel scratch `match_constraints` needs; nValues = Σ fieldValues, nLike = likeTable.length. */
  match_scratch_bytes(nAgents: number, nFields: number, nValues: number, nLike: number, nConstraints: number, maskCapacity: number): number;
}

const REBUILD = 'run `npm run asbuild`';
let loading: Promise<KernelExports> | undefined;

/** The instantiated kernels module; a failed load is not memoised, so a later call retries. */
export function loadKernelModule(): Promise<KernelExports> {
  loading ??= instantiate().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** The parts of Node this loader uses, named here: the code also runs in a worker, which has no Node types. */
interface NodeGlobals {
  process?: { versions?: { node?: unknown } };
}
interface NodeFsPromises {
  readFile(path: URL): Promise<Uint8Array>;
}

function isNode(): boolean {
  return typeof (globalThis as NodeGlobals).process?.versions?.node === 'string';
}

async function instantiate(): Promise<KernelExports> {
  const url = new URL('../../build/kernels.wasm', import.meta.url);
  const imports: WebAssembly.Imports = { env: { abort: abortFromWasm } };
  const instance = isNode() && url.protocol === 'file:' ? await fromFile(url, imports) : await fromFetch(url, imports);
  return checked(instance.exports);
}

async function fromFile(url: URL, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  // A variable specifier keeps bundlers from pulling node:fs into browser builds.
  const specifier = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ specifier)) as NodeFsPromises;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(url);
  } catch (e) {
    throw new Error(`The Wasm kernels are not built (${url.pathname} is missing): ${REBUILD}`, { cause: e });
  }
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  return WebAssembly.instantiate(module, imports);
}

async function fromFetch(url: URL, imports: WebAssembly.Imports): Promise<WebAssembly.Instance> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the Wasm kernels from ${url.href} (HTTP ${response.status}): ${REBUILD}`);
  try {
    return (await WebAssembly.instantiateStreaming(response.clone(), imports)).instance;
  } catch {
    // Served with a MIME type other than application/wasm: compile from the bytes instead.
    const module = await WebAssembly.compile(await response.arrayBuffer());
    return WebAssembly.instantiate(module, imports);
  }
}

function checked(exports: WebAssembly.Exports): KernelExports {
  const fns = ['allocate', 'allocator_abi', 'heap_base', 'scratch_bytes'];
  const missing = fns.filter((name) => typeof exports[name] !== 'function');
  if (!(exports.memory instanceof WebAssembly.Memory) || missing.length > 0) {
    throw new Error(`build/kernels.wasm lacks exports (${missing.join(', ') || 'memory'}): it is stale, ${REBUILD}`);
  }
  const kernels = exports as unknown as KernelExports;
  if (kernels.allocator_abi() !== ALLOCATOR_ABI)
    throw new Error(`build/kernels.wasm has allocator ABI ${kernels.allocator_abi()}, expected ${ALLOCATOR_ABI}: ${REBUILD}`);
  return kernels;
}

function abortFromWasm(_message: number, _file: number, line: number, column: number): never {
  throw new Error(`Wasm kernel aborted at ${line}:${column}`);
}
