/**
 * What log lines look like: glog's prefix (Mesos), logback's pattern (Marathon, `src/main/resources/logback.xml`),
 * and the stable numbers a line carries (pids, thread ids, UUIDs, microseconds), all hashed from what the line is
 * about so that reading a log draws nothing from the simulation's random stream.
 */
import { SIM_EPOCH_MS } from '../../common/clock.ts';

/** FNV-1a over the text's UTF-16 code units: 32 bits, unsigned. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A version-4-shaped UUID made from `seed`. */
export function uuidOf(seed: string): string {
  const h = [0, 1, 2, 3].map((i) => hex8(hash32(`${i}:${seed}`))).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A process or thread id in [lo, lo + span). */
export const idOf = (seed: string, lo: number, span: number): number => lo + (hash32(seed) % span);

const two = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock instant of a simulated ms, with microseconds: the ms's own, plus a stable sub-ms part. */
export function realtimeUsec(atMs: number, seed: string): number {
  return (SIM_EPOCH_MS + Math.floor(atMs)) * 1000 + (hash32(seed) % 1000);
}

/** glog's line: `I1206 12:00:00.123456  1234 master.cpp:6536] message` (level I, W or E; thread id width 5). */
export function glogLine(level: 'I' | 'W' | 'E', usec: number, tid: number, where: string, message: string): string {
  const d = new Date(Math.floor(usec / 1000));
  const micros = String(usec % 1_000_000).padStart(6, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
  return `${level}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${time} ${String(tid).padStart(5)} ${where}] ${message}`;
}

/** Marathon's logback pattern `[%date] %-5level %message (%logger:%thread)`; %date is `yyyy-MM-dd HH:mm:ss,SSS`. */
export function logbackLine(usec: number, level: 'INFO' | 'WARN', message: string, logger: string, thread: string): string {
  const d = new Date(Math.floor(usec / 1000));
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `[${date} ${time}] ${level.padEnd(5)} ${message} (${logger}:${thread})`;
}
