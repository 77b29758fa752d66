/** Small typed accessors over Arquero tables. */
import type { ColumnTable } from "arquero";

/** A column's values as a typed array-like (no copy when the column already is an array). */
export function col<T>(table: ColumnTable, name: string): T[] {
  const values = table.array(name) as ArrayLike<T>;
  return Array.isArray(values) ? (values as T[]) : Array.from(values);
}
