/** Small typed accessors over Arquero tables. */
import type { ColumnTable } from "arquero";

/**
 * A column's values, read-only. On an unfiltered, unordered table this is the column's own
 * array (Arquero's `array()` copies every value through a callback, which on a million rows
 * costs more than the work done with them); otherwise a copy in table order. Never mutate it.
 */
export function col<T>(table: ColumnTable, name: string): readonly T[] {
  if (!table.isFiltered() && !table.isOrdered()) {
    const data = table.column(name) as unknown;
    if ((Array.isArray(data) || ArrayBuffer.isView(data)) && (data as ArrayLike<T>).length === table.numRows()) return data as readonly T[];
  }
  return table.array(name) as T[];
}
