/**
 * A small typed reader over untrusted JSON: every check knows the path of the field it reads,
 * so a bad scenario is rejected with a message that names the field.
 */
export class ScenarioError extends Error {
  readonly field: string;

  constructor(field: string, reason: string) {
    super(`${field || 'scenario'}: ${reason}`);
    this.name = 'ScenarioError';
    this.field = field;
  }
}

type Json = unknown;

export class Reader {
  constructor(
    readonly value: Json,
    readonly path: string,
  ) {}

  fail(reason: string): never {
    throw new ScenarioError(this.path, reason);
  }

  child(key: string | number): Reader {
    const path = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
    const v = this.value as Record<string | number, Json>;
    return new Reader(v[key], path);
  }

  get present(): boolean {
    return this.value !== undefined;
  }

  /** An object whose keys must all be among `allowed`. */
  object(allowed?: readonly string[]): Record<string, Json> {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail('must be an object');
    if (allowed) {
      for (const key of Object.keys(v)) {
        if (!allowed.includes(key)) this.child(key).fail(`unknown field (expected one of: ${allowed.join(', ')})`);
      }
    }
    return v as Record<string, Json>;
  }

  array(): Reader[] {
    if (!Array.isArray(this.value)) this.fail('must be an array');
    return this.value.map((_, i) => this.child(i));
  }

  entries(): Array<[string, Reader]> {
    return Object.keys(this.object()).map((k) => [k, this.child(k)]);
  }

  number(opts: { min?: number; max?: number; integer?: boolean; default?: number; exclusiveMin?: boolean } = {}): number {
    if (!this.present && opts.default !== undefined) return opts.default;
    const v = this.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail('must be a finite number');
    if (opts.integer && !Number.isInteger(v)) this.fail('must be an integer');
    if (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min)) {
      this.fail(opts.exclusiveMin ? `must be greater than ${opts.min}` : `must be at least ${opts.min}`);
    }
    if (opts.max !== undefined && v > opts.max) this.fail(`must be at most ${opts.max}`);
    return v;
  }

  string(opts: { default?: string; pattern?: RegExp; patternText?: string } = {}): string {
    if (!this.present && opts.default !== undefined) return opts.default;
    const v = this.value;
    if (typeof v !== 'string') this.fail('must be a string');
    if (opts.pattern && !opts.pattern.test(v)) this.fail(`must match ${opts.patternText ?? opts.pattern.source}`);
    return v;
  }

  boolean(defaultValue: boolean): boolean {
    if (!this.present) return defaultValue;
    if (typeof this.value !== 'boolean') this.fail('must be true or false');
    return this.value;
  }
}
