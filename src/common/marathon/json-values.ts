/** Reading untyped JSON as Marathon's rules do, and printing numbers as Scala does. */
type Json = Record<string, unknown>;

/** The objects of a list (anything else in it is left out), or none. */
export const objects = (x: unknown): Json[] => (Array.isArray(x) ? (x.filter((o) => typeof o === 'object' && o !== null) as Json[]) : []);

/** `x` when it is a JSON object. */
export const asObject = (x: unknown): Json | undefined =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : undefined;

/** A Scala Double as `toString` prints it: `1.0`, `0.5`, `256.0`, `1.0E-4`, `1.0E7`. */
export function scalaDouble(x: number): string {
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e7)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
  }
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}
