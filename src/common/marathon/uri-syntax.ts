/**
 * Whether `java.net.URI` would parse a string (Marathon's `uriIsValid` and `ArtifactValidation` ask it), by the
 * RFC 2396 grammar it follows: no spaces, control characters or `<>"{}|\^` and backtick; `%` followed by two hex
 * digits; a scheme of a letter then letters, digits, `+`, `-`, `.`; a `scheme://` with something after it; an opaque
 * `scheme:` with something after it; square brackets only around an IPv6 host; at most one `#`. Java also accepts
 * other non-ASCII characters, as this does.
 */
const ILLEGAL = /[\s<>"{}|\\^`\u0000-\u001f\u007f]/;

export function isJavaUri(s: string): boolean {
  if (s === '' || ILLEGAL.test(s)) return false;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return false;
  if ((s.match(/#/g) ?? []).length > 1) return false;
  const scheme = /^([^/?#]*):/.exec(s);
  let rest = s;
  if (scheme) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme[1]!)) return false;
    rest = s.slice(scheme[0].length);
    if (rest === '' || rest.startsWith('#')) return false;
    if (rest.startsWith('//')) {
      const authority = rest.slice(2).split(/[/?#]/)[0]!;
      if (authority === '' && rest.length === 2) return false;
      if (/[[\]]/.test(authority) && !/^(?:[^@]*@)?\[[0-9A-Fa-f:.]+\](?::\d*)?$/.test(authority)) return false;
      return !/[[\]]/.test(rest.slice(2 + authority.length));
    }
  }
  return !/[[\]]/.test(rest);
}
