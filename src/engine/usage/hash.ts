/**
 * Per-task variation without the seeded generator: everything a task's usage varies by is hashed from its id, so
 * reading metrics draws nothing and adds nothing to the history (the golden history stays as it was).
 */

/** FNV-1a (32-bit) of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The k-th independent 32-bit value from a hash (murmur3's finaliser over the hash mixed with k). */
export function mix(hash: number, k: number): number {
  let h = (hash ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The k-th fraction in [0, 1) of a hash. */
export function fraction(hash: number, k: number): number {
  return mix(hash, k) / 0x1_0000_0000;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * The Mesos container id of a task: a UUID (Mesos makes one per container with `UUID::random()`); here the
 * task id's hash shaped as a version-4 UUID, so it is the same on every read and every replay.
 */
export function containerIdOf(taskId: string): string {
  let id = containerIds.get(taskId);
  if (id === undefined) {
    if (containerIds.size >= MAX_CACHED_IDS) containerIds.clear();
    id = uuidOf(taskId);
    containerIds.set(taskId, id);
  }
  return id;
}

/**
 * Container ids already made (a cache: every read of a container looks up its agent's tasks by id). Emptied when
 * full: three times the live tasks of the largest cluster the bench runs (10,000), so a day of churn there does not
 * hold ~20 MiB of ids of tasks long gone (`npm run bench -- --only operate`).
 */
const containerIds = new Map<string, string>();
const MAX_CACHED_IDS = 30_000;

/** A version-4-shaped UUID hashed from `text`. */
export function uuidOf(text: string): string {
  const h = fnv1a(text);
  const a = hex8(mix(h, 101));
  const b = hex8(mix(h, 102));
  const c = hex8(mix(h, 103));
  const d = hex8(mix(h, 104));
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
