/** `#/verify/<code>`: the code a link carries (URL-decoded), or '' for the bare page. */
export function codeFromHash(hash: string): string {
  const rest = hash.replace(/^#\/?verify\/?/, '');
  if (rest === hash) return '';
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** The page's link for `code`. */
export function verifyHref(code: string): string {
  return `#/verify/${encodeURIComponent(code)}`;
}
