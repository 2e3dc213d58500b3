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

export type NodeRef = { kind: 'master'; idx: number } | { kind: 'agent'; idx: number };

/** The pid of a node's unit (stable for the node's life; a master's Mesos master changes with each start). */
export function unitPid(node: string, unit: string, starts = 0): number {
  return idOf(`${node}:${unit}:${starts}`, 1000, 30000);
}
