/**
 * JSON as people write app definitions: two-space indents, but a list of plain values on one line
 * (`"constraints": [["hostname", "UNIQUE"]]`, `"args": ["-p", "80"]`), so a constraint is one line.
 */
function scalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function inline(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => scalar(x) || (Array.isArray(x) && x.every(scalar)));
}

function write(v: unknown, indent: string): string {
  if (scalar(v)) return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (inline(v) && v.every(scalar)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function formatJson(value: unknown): string {
  return write(value, '');
}
