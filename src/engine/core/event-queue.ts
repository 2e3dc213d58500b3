/**
 * A binary min-heap of timestamped events. Ties on time are broken by insertion order, so
 * two events scheduled for the same millisecond always run in the order they were scheduled.
 */
export interface Scheduled<E> {
  at: number;
  seq: number;
  event: E;
}

export class EventQueue<E> {
  #heap: Array<Scheduled<E>> = [];
  #seq = 0;

  /** A queue holding `items` (plain data from `toArray`), numbering new events from `nextSeq`. */
  static fromArray<E>(items: ReadonlyArray<Scheduled<E>>, nextSeq: number): EventQueue<E> {
    const queue = new EventQueue<E>();
    queue.#heap = [...items].sort((x, y) => x.at - y.at || x.seq - y.seq).map((s) => ({ ...s }));
    queue.#seq = nextSeq;
    return queue;
  }

  /** The sequence number the next pushed event gets. */
  get nextSeq(): number {
    return this.#seq;
  }

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, event: E): void {
    this.#heap.push({ at, seq: this.#seq++, event });
    this.#siftUp(this.#heap.length - 1);
  }

  peekTime(): number | undefined {
    return this.#heap[0]?.at;
  }

  pop(): Scheduled<E> | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** Plain data for a snapshot, in pop order. */
  toArray(): Array<Scheduled<E>> {
    return [...this.#heap].sort((x, y) => x.at - y.at || x.seq - y.seq).map((s) => ({ ...s }));
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < heap.length && before(heap[l]!, heap[min]!)) min = l;
      if (r < heap.length && before(heap[r]!, heap[min]!)) min = r;
      if (min === i) return;
      [heap[i], heap[min]] = [heap[min]!, heap[i]!];
      i = min;
    }
  }
}

function before<E>(x: Scheduled<E>, y: Scheduled<E>): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}
