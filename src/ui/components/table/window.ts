/** Which rows a virtualized list renders: those in view, plus a few either side. */

/** Rows `first` (inclusive) to `last` (exclusive) of the list, in display order. */
export interface RowWindow {
  readonly first: number;
  readonly last: number;
}

/**
 * The rows a scroll box `viewportHeight` pixels tall shows at `scrollTop`, plus `overscan` rows
 * either side so that a fast scroll does not flash empty space. All rows are `rowHeight` tall.
 */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): RowWindow {
  const last = Math.max(0, Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan));
  const first = Math.min(last, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  return { first, last };
}
