/**
 * The engine's only source of randomness: a seeded PRNG (sfc32) whose whole state is four
 * numbers, so it can be saved in a snapshot and resumed. Never use Math.random in the engine.
 */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** Two hex digits per byte value (uuid() makes one per Marathon instance: 100,000 in a big deployment). */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export class Rng {
  #s: RngState;

  constructor(state: RngState) {
    this.#s = { ...state };
  }

  static fromSeed(seed: number): Rng {
    const rng = new Rng({ a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: seed >>> 0 });
    // Seeds that differ in a few bits must not start with correlated outputs.
    for (let i = 0; i < 15; i++) rng.nextUint32();
    return rng;
  }

  get state(): RngState {
    return { ...this.#s };
  }

  nextUint32(): number {
    const s = this.#s;
    const t = (((s.a + s.b) >>> 0) + s.d) >>> 0;
    s.d = (s.d + 1) >>> 0;
    s.a = s.b ^ (s.b >>> 9);
    s.b = (s.c + (s.c << 3)) >>> 0;
    s.c = ((s.c << 21) | (s.c >>> 11)) >>> 0;
    s.c = (s.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A fresh Fisher-Yates shuffle of 0..n-1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i]!;
      out[i] = out[j]!;
      out[j] = tmp;
    }
    return out;
  }

  /** Moves the stream on exactly as permutation(n) does, without building it. */
  skipPermutation(n: number): void {
    for (let i = n - 1; i > 0; i--) this.next();
  }

  /** A UUID-shaped id (version 4 layout), from the seed: stable across replays. */
  uuid(): string {
    const hex = (n: number) => {
      const x = this.nextUint32() >>> 0;
      return (BYTE_HEX[x >>> 24]! + BYTE_HEX[(x >>> 16) & 255]! + BYTE_HEX[(x >>> 8) & 255]! + BYTE_HEX[x & 255]!).slice(0, n);
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${((this.nextUint32() & 0x3) | 0x8).toString(16)}${hex(3)}-${hex(8)}${hex(4)}`;
  }
}
