/** A journal entry as the sources make it and as dcos-log reads it (journald's fields, numbered). */
import { idOf } from './format.ts';

/** One line of one unit, before it is numbered. */
export interface RawEntry {
  /** Simulated ms. */
  at: number;
  /** Wall-clock µs (`__REALTIME_TIMESTAMP`): the simulated ms, and a stable sub-ms part. */
  usec: number;
  unit: string;
  ident: string;
  pid: number;
  /** syslog priority: 3 error, 4 warning, 6 info. */
  priority: number;
  message: string;
}

export interface JournalEntry extends RawEntry {
  /** Position in the node's journal as read now (journald's `i=` seqnum in the cursor), from 1. */
  seq: number;
}

/** What a line says, written when first read: its wall-clock µs and its text. */
export type LineText = () => { usec: number; message: string };

/**
 * A journal entry whose text is written when first read. A node's journal holds every line the cluster's history
 * gives (tens of thousands on the leader of a large cluster) and a read shows the last few: writing every line's
 * text, its timestamp and its hashes on each read cost most of the read.
 */
export class LazyEntry implements JournalEntry {
  seq = 0;
  #text: LineText | null;
  #usec = 0;
  #message = '';

  constructor(
    readonly at: number,
    readonly unit: string,
    readonly ident: string,
    readonly pid: number,
    readonly priority: number,
    text: LineText,
  ) {
    this.#text = text;
  }

  #write(): void {
    if (this.#text === null) return;
    const { usec, message } = this.#text();
    this.#text = null;
    this.#usec = usec;
    this.#message = message;
  }

  get usec(): number {
    this.#write();
    return this.#usec;
  }

  get message(): string {
    this.#write();
    return this.#message;
  }
}

export type NodeRef = { kind: 'master'; idx: number } | { kind: 'agent'; idx: number };

/** The pid of a node's unit (stable for the node's life; a master's Mesos master changes with each start). */
export function unitPid(node: string, unit: string, starts = 0): number {
  return idOf(`${node}:${unit}:${starts}`, 1000, 30000);
}
