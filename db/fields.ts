/**
 * Column descriptors: how one contract field (camelCase) is stored in one column (snake_case, 0/1, JSON
 * text), read back and written. A table's descriptor (`ACTION_FIELDS` in `schema.ts`) is the one place that
 * maps its domain fields to columns: the row mappers (`rows.ts`), the hot tree read (`tree.ts`), the
 * inserts (`rowFor`) and the synced fields (`sync/entities.ts`) are all derived from it.
 */

/** A row as better-sqlite3 returns it, by column name. */
export type RowValues = Record<string, unknown>;

export interface Column<C extends string = string> {
  column: C;
  /** The contract value of a stored value. */
  read(stored: unknown): unknown;
  /** The stored value of a contract value (`undefined`: the column's starting value). */
  write(value: unknown): unknown;
  /** Carried by sync packs. False for keys and derived or local columns (recomputed after a merge). */
  sync: boolean;
}

interface Options {
  sync?: boolean;
}

/** A column stored as it is (ids, numbers, dates, nullable text); starts as null. */
export const col = <C extends string>(column: C, o: Options = {}): Column<C> => ({
  column,
  read: (v) => v ?? null,
  write: (v) => v ?? null,
  sync: o.sync ?? true,
});

/** Text (never null); starts empty. */
export const text = <C extends string>(column: C, o: Options = {}): Column<C> => ({
  column,
  read: (v) => v ?? '',
  write: (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v)),
  sync: o.sync ?? true,
});

/** A boolean stored as 0/1; starts false. */
export const bool = <C extends string>(column: C, o: Options = {}): Column<C> => ({
  column,
  read: (v) => v === 1,
  write: (v) => (v === true ? 1 : 0),
  sync: o.sync ?? true,
});

/** JSON text; unreadable text reads as `fallback`, which is also the starting value. */
export const json = <C extends string>(column: C, fallback: string, o: Options = {}): Column<C> => ({
  column,
  read: (v) => {
    if (v === fallback) return JSON.parse(fallback) as unknown;
    try {
      return JSON.parse((v as string) ?? fallback) as unknown;
    } catch {
      return JSON.parse(fallback) as unknown;
    }
  },
  write: (v) => JSON.stringify(v ?? JSON.parse(fallback)),
  sync: o.sync ?? true,
});

/** A table descriptor: every field of the domain type, each a column or null (not a column of this table). */
export type Descriptor = Readonly<Record<string, Column | null>>;

/** The columns a descriptor names, as a type (for the compile-time check that it covers a table). */
export type ColumnsOf<D> = { [K in keyof D]: D[K] extends Column<infer C> ? C : never }[keyof D];

/** The descriptor's columns in field order. */
export function columnList<D extends Descriptor>(d: D): ColumnsOf<D>[] {
  return Object.values(d).flatMap((c) => (c ? [c.column as ColumnsOf<D>] : []));
}

/**
 * A domain object from a row, in the descriptor's field order: `get` reads a column's stored value; the
 * fields that are not columns come from `others`.
 */
export function fromRow<T>(d: Descriptor, get: (column: string) => unknown, others: Partial<T> = {}): T {
  const out: RowValues = {};
  for (const field in d) {
    const c = d[field];
    out[field] = c ? c.read(get(c.column)) : (others as RowValues)[field];
  }
  return out as T;
}

/** A whole row from domain values: every column of the descriptor, missing values at their starting value. */
export function rowFor(d: Descriptor, values: RowValues): RowValues {
  const row: RowValues = {};
  for (const field in d) {
    const c = d[field];
    if (c) row[c.column] = c.write(values[field]);
  }
  return row;
}
