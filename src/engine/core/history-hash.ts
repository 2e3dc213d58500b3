/**
 * A running 64-bit hash (two 32-bit FNV-1a-style lanes) over every processed event. Two runs
 * with equal hashes processed the same events with the same payloads in the same order.
 */
export class HistoryHash {
  #h1 = 0x811c9dc5;
  #h2 = 0x01000193;

  /** Continue a hash from its `hex` (the two lanes are its whole state). */
  static fromHex(hex: string): HistoryHash {
    if (!/^[0-9a-f]{16}$/.test(hex)) throw new RangeError(`not a history hash: ${hex}`);
    const hash = new HistoryHash();
    hash.#h1 = parseInt(hex.slice(0, 8), 16) | 0;
    hash.#h2 = parseInt(hex.slice(8), 16) | 0;
    return hash;
  }

  add(text: string): void {
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    // Separate consecutive entries so "ab"+"c" and "a"+"bc" differ.
    this.#h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    this.#h2 = Math.imul(h2 ^ (h1 >>> 15), 0x5bd1e995);
  }

  get hex(): string {
    return (this.#h1 >>> 0).toString(16).padStart(8, '0') + (this.#h2 >>> 0).toString(16).padStart(8, '0');
  }
}
