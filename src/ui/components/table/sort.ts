/** A table's columns and its one-column sort, as the header shows and changes them. */

/** A table's sort: one column, one direction. */
export interface ColumnSort<K extends string> {
  key: K;
  descending: boolean;
}

export interface Column<K extends string> {
  label: string;
  /** Sortable by this key; without one the header is a plain label. */
  sortKey?: K;
  /** The first click sorts descending (biggest first): figures and statuses. */
  firstDescending?: boolean;
  /** Right-aligned, as numbers are. */
  num?: boolean;
  /** The label is for screen readers only (a column of menu buttons). */
  hidden?: boolean;
  /** Fixed width in pixels. Give widths and the table lays out by them, not by the rows in view. */
  width?: number;
  /**
   * In a box narrower than the table's `minWidth` (a phone) the column goes, so the table fits instead of
   * scrolling sideways; the row's detail view (or the row's own title) still has what it said.
   */
  optional?: boolean;
  /** The fixed width in a box narrower than the table's `minWidth` (default: `width`). */
  narrowWidth?: number;
}

/** A header click: the sorted column flips direction; another column starts in its first direction. */
export function nextSort<K extends string>(sort: ColumnSort<K>, key: K, firstDescending: boolean): ColumnSort<K> {
  return sort.key === key ? { key, descending: !sort.descending } : { key, descending: firstDescending };
}

/** The header cell's `aria-sort`. */
export function ariaSort<K extends string>(sort: ColumnSort<K>, key: K): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key) return 'none';
  return sort.descending ? 'descending' : 'ascending';
}

/** The arrow after the sorted column's label. */
export function sortArrow<K extends string>(sort: ColumnSort<K>, key: K): string {
  if (sort.key !== key) return '';
  return sort.descending ? '▾' : '▴';
}
