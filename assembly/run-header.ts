// One run's header, read once per call: counts and the addresses of the host's regions
// (assembly/layout.ts). The arrays the kernel updates (agentFree, poolFree, nodeAlloc, ...) are
// the host's copies in linear memory, so it works on them in place.
import * as L from './layout';
import { slotI32, slotPtr } from './mem';

export let nRoles: i32 = 0;
export let nNodes: i32 = 0;
export let nPools: i32 = 0;
export let minCpus: f64 = 0;
export let minMem: f64 = 0;
export let total: usize = 0;
export let agentFree: usize = 0;
export let agentGpus: usize = 0;
export let poolStart: usize = 0;
export let poolRole: usize = 0;
export let poolFree: usize = 0;
export let roleParent: usize = 0;
export let roleTop: usize = 0;
export let roleLeaf: usize = 0;
export let roleGuarantee: usize = 0;
export let roleLimit: usize = 0;
export let roleConsumed: usize = 0;
export let nodeParent: usize = 0;
export let nodeAlloc: usize = 0;
export let nodeCount: usize = 0;
export let nodeRole: usize = 0;
export let fwGpu: usize = 0;
export let fwAlloc: usize = 0;
export let fwCount: usize = 0;
export let filterStart: usize = 0;
export let filterFw: usize = 0;
export let filterRes: usize = 0;
export let outFw: usize = 0;
export let outAgent: usize = 0;
export let outUnres: usize = 0;
export let outPoolStart: usize = 0;
export let outPools: usize = 0;
export let outCapacity: i32 = 0;
export let outPoolCapacity: i32 = 0;

export function readHeader(h: usize): void {
  nPools = slotI32(h, L.N_POOLS);
  nRoles = slotI32(h, L.N_ROLES);
  nNodes = slotI32(h, L.N_NODES);
  outCapacity = slotI32(h, L.OUT_CAPACITY);
  outPoolCapacity = slotI32(h, L.OUT_POOL_CAPACITY);
  const params = slotPtr(h, L.P_PARAMS);
  minCpus = load<f64>(params);
  minMem = load<f64>(params + 8);
  total = slotPtr(h, L.P_TOTAL);
  agentFree = slotPtr(h, L.P_AGENT_FREE);
  agentGpus = slotPtr(h, L.P_AGENT_GPUS);
  poolStart = slotPtr(h, L.P_POOL_START);
  poolRole = slotPtr(h, L.P_POOL_ROLE);
  poolFree = slotPtr(h, L.P_POOL_FREE);
  roleParent = slotPtr(h, L.P_ROLE_PARENT);
  roleTop = slotPtr(h, L.P_ROLE_TOP);
  roleLeaf = slotPtr(h, L.P_ROLE_LEAF);
  roleGuarantee = slotPtr(h, L.P_ROLE_GUARANTEE);
  roleLimit = slotPtr(h, L.P_ROLE_LIMIT);
  roleConsumed = slotPtr(h, L.P_ROLE_CONSUMED);
  nodeParent = slotPtr(h, L.P_NODE_PARENT);
  nodeAlloc = slotPtr(h, L.P_NODE_ALLOC);
  nodeCount = slotPtr(h, L.P_NODE_COUNT);
  nodeRole = slotPtr(h, L.P_NODE_ROLE);
  fwGpu = slotPtr(h, L.P_FW_GPU);
  fwAlloc = slotPtr(h, L.P_FW_ALLOC);
  fwCount = slotPtr(h, L.P_FW_COUNT);
  filterStart = slotPtr(h, L.P_FILTER_START);
  filterFw = slotPtr(h, L.P_FILTER_FW);
  filterRes = slotPtr(h, L.P_FILTER_RES);
  outFw = slotPtr(h, L.P_OUT_FW);
  outAgent = slotPtr(h, L.P_OUT_AGENT);
  outUnres = slotPtr(h, L.P_OUT_UNRESERVED);
  outPoolStart = slotPtr(h, L.P_OUT_POOL_START);
  outPools = slotPtr(h, L.P_OUT_POOLS);
}
