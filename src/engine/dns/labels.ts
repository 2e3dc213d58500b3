/**
 * Mesos-DNS's label functions (mesos-dns records/labels/labels.go), RFC 1123 flavour: DC/OS leaves
 * EnforceRFC952 false (records/generator.go:186-189).
 */

const MAX_LABEL = 63;

/** A valid RFC 1123 label from any name (labels.go:33-37). */
export function rfc1123Label(name: string): string {
  let mapped = '';
  // Go maps the name rune by rune and drops every rune it has no counterpart for (labels.go:46-59).
  for (const ch of name) {
    if (ch >= 'A' && ch <= 'Z') mapped += ch.toLowerCase();
    else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) mapped += ch;
    else if (ch === '-' || ch === '.' || ch === '_') mapped += '-';
  }
  return trimCut(mapped, MAX_LABEL);
}

/** labels.go:63-75: trim leading '-', cut at `max`, trim trailing '-' and refill from what follows the cut. */
function trimCut(label: string, max: number): string {
  const trimmed = trimLeftDashes(label);
  const size = Math.min(trimmed.length, max);
  const head = trimmed.slice(0, size).replace(/-+$/, '');
  if (head.length === size) return head;
  const tail = trimLeftDashes(trimmed.slice(size));
  return head + tail.slice(0, size - head.length);
}

function trimLeftDashes(s: string): string {
  return s.replace(/^-+/, '');
}

/** Each `.`-separated part through the label function, empty parts dropped (labels.go:14-22). */
export function domainFrag(name: string): string {
  return name
    .split('.')
    .map(rfc1123Label)
    .filter((label) => label !== '')
    .join('.');
}
