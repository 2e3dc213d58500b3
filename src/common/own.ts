/**
 * Lookups in records keyed by what a user typed (task ids, role names, instance ids). A plain object answers
 * `constructor`, `toString` or `__proto__` from its prototype, and `record['__proto__'] = x` sets the prototype
 * instead of a key: these read and write own properties only.
 */

/** The value under `key` if the record has it as its own property. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwn(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** `record[key] = value` as an own, enumerable property, `__proto__` included. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
