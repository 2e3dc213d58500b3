/** Java's `Integer.parseInt` (Scala's `toInt`): an optional sign and decimal digits, within the int32 range; else undefined. */
export function javaInt(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : undefined;
}
