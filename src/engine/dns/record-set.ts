/**
 * The record store a load fills: names to hosts, a pair inserted once (mesos-dns records/generator.go:32-49
 * `rrs.add`). Insertion order is kept, so everything read from it is deterministic where Go's maps are not.
 */

export type RecordType = 'A' | 'SRV';

/** name → hosts (`ip`, or `target:port` for SRV), in insertion order. */
export type RecordTable = Map<string, string[]>;

/** `/v1/enumerate`'s data (generator.go:105-129); a task's records flattened as `name, host, rtype, …`. */
export interface EnumeratedFramework {
  name: string;
  tasks: Array<{ name: string; id: string; records: string[] }>;
}

/** The records of one load: what Mesos-DNS serves until its next. */
export interface MesosDnsRecords {
  serial: number;
  as: RecordTable;
  srvs: RecordTable;
  frameworks: EnumeratedFramework[];
}

/** Most names have one or two hosts; a name past this many also gets a Set for the duplicate check. */
const SMALL = 8;

export class RecordSet {
  readonly as: RecordTable = new Map();
  readonly srvs: RecordTable = new Map();
  readonly #large = new Map<string[], Set<string>>();

  /** False when the pair was there already (generator.go:543-550). */
  insert(name: string, host: string, type: RecordType): boolean {
    if (host === '') return false;
    const table = type === 'A' ? this.as : this.srvs;
    const hosts = table.get(name);
    if (!hosts) {
      table.set(name, [host]);
      return true;
    }
    const large = this.#large.get(hosts);
    if (large ? large.has(host) : hosts.includes(host)) return false;
    hosts.push(host);
    if (large) large.add(host);
    else if (hosts.length > SMALL) this.#large.set(hosts, new Set(hosts));
    return true;
  }

  /** A task's record: listed under the task in `/v1/enumerate` only when it is new (insertTaskRR, generator.go:534-541). */
  insertTask(name: string, host: string, type: RecordType, records: string[]): void {
    if (this.insert(name, host, type)) records.push(name, host, type);
  }
}
