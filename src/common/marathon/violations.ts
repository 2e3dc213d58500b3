/** Marathon's 422 body: violations grouped by path (`/cpus`, `/constraints(0)`, `/` for object rules). */
export interface Violation {
  path: string;
  errors: string[];
}

export class Violations {
  readonly #byPath = new Map<string, string[]>();

  add(path: string, error: string): void {
    // Marathon's violations are a set: the same error at the same path is reported once.
    const list = this.#byPath.get(path);
    if (!list) this.#byPath.set(path, [error]);
    else if (!list.includes(error)) list.push(error);
  }

  get empty(): boolean {
    return this.#byPath.size === 0;
  }

  get details(): Violation[] {
    return [...this.#byPath].map(([path, errors]) => ({ path, errors }));
  }

  body(message = 'Object is not valid'): { message: string; details: Violation[] } {
    return { message, details: this.details };
  }
}
