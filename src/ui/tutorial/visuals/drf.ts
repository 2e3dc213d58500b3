/** The "predict the split" picture's arithmetic: predictions in percent, compared with the shares reached. */

/** A typed percentage → a share in [0, 1], or null when it is not a number in 0–100. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n <= 100 ? n / 100 : null;
}

/** "close" within 5 points, "off" beyond 15, else "near". */
export function verdict(predicted: number, actual: number): 'close' | 'near' | 'off' {
  const d = Math.abs(predicted - actual);
  return d <= 0.05 ? 'close' : d <= 0.15 ? 'near' : 'off';
}
