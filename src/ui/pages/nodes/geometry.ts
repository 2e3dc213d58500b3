/** Where each agent's tile goes on the Nodes canvas, and which tile is under a point. */

export interface GridGeometry {
  /** Tile side, CSS px. */
  tile: number;
  gap: number;
  cols: number;
  rows: number;
  /** Canvas size, CSS px. */
  width: number;
  height: number;
}

export const MIN_TILE = 6;
export const MAX_TILE = 88;

function gapFor(tile: number): number {
  return tile >= 48 ? 6 : tile >= 20 ? 4 : tile >= 10 ? 2 : 1;
}

/** The largest tile (MIN_TILE…MAX_TILE) that fits `n` tiles into `width` × `height`; below MIN_TILE the grid scrolls. */
export function gridGeometry(n: number, width: number, height: number): GridGeometry {
  const w = Math.max(MIN_TILE, Math.floor(width));
  let tile = MIN_TILE;
  for (let s = MAX_TILE; s >= MIN_TILE; s--) {
    const gap = gapFor(s);
    const cols = Math.max(1, Math.floor((w + gap) / (s + gap)));
    if (Math.ceil(n / cols) * (s + gap) - gap <= height) {
      tile = s;
      break;
    }
  }
  const gap = gapFor(tile);
  const cols = Math.max(1, Math.floor((w + gap) / (tile + gap)));
  const rows = Math.ceil(n / cols);
  return { tile, gap, cols, rows, width: w, height: Math.max(0, rows * (tile + gap) - gap) };
}

export function tileOrigin(g: GridGeometry, index: number): [number, number] {
  const pitch = g.tile + g.gap;
  return [(index % g.cols) * pitch, Math.floor(index / g.cols) * pitch];
}

/** The tile under (x, y) in CSS px, or -1 (gaps and empty space count as none). */
export function tileAt(g: GridGeometry, n: number, x: number, y: number): number {
  const pitch = g.tile + g.gap;
  if (x < 0 || y < 0) return -1;
  const col = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  if (col >= g.cols || x - col * pitch > g.tile || y - row * pitch > g.tile) return -1;
  const i = row * g.cols + col;
  return i < n ? i : -1;
}
