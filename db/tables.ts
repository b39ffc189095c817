/**
 * Typed table descriptors: the one way rows go in (`insertRow`, every column named and type-checked
 * against `schema.ts`), patches are applied (`updateRow`, kysely `Updateable`), and the hot read path
 * reads rows as arrays by named column (`rawColumns`), so adding a column to a table is a compile error
 * wherever a row is built without it.
 */
import type Database from 'better-sqlite3';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { SCHEMA_VERSION } from './migrations';
import type { DB } from './schema';
import { prepare, prepareRaw } from './sql';
import type { Store } from './store';

export type TableName = keyof DB;

/** A whole new row: every column present (nullable ones too), except generated keys (`rid`). */
export type NewRow<T extends TableName> = Omit<Required<Insertable<DB[T]>>, 'rid'>;
/** A row as read back. */
export type RowOf<T extends TableName> = Selectable<DB[T]>;
/** A patch: some columns. */
export type PatchOf<T extends TableName> = Updateable<DB[T]>;

/** better-sqlite3 binds no booleans or undefined: store them as 0/1 and null. */
function bindable(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v;
}

/** Inserts one whole row; statements are cached by table and column list. */
export function insertRow<T extends TableName>(store: Store, table: T, row: NewRow<T>): void {
  const r = row as Record<string, unknown>;
  const keys = Object.keys(r);
  const sql = `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
  let stmt: Database.Statement;
  try {
    stmt = prepare(store.sqlite, sql);
  } catch (e) {
    // A store at an older schema version (only tests open one: `openStore(path, { migrations })` builds
    // the old stores of the upgrade tests) lacks the newer columns: leave them to the migration that adds
    // them. A store at this build's version still fails here, so a forgotten migration is still caught.
    const older = Number(store.sqlite.pragma('user_version', { simple: true })) < SCHEMA_VERSION;
    if (!older || !(e instanceof Error && /has no column named/.test(e.message))) throw e;
    const have = new Set((store.sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
    const cols = keys.filter((k) => have.has(k));
    stmt = prepare(
      store.sqlite,
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
    return void stmt.run(...cols.map((k) => bindable(r[k])));
  }
  stmt.run(...keys.map((k) => bindable(r[k])));
}

/** Updates the named columns of the row with this `id` (a table keyed by `id`). Returns rows changed. */
export function updateRow<T extends Exclude<TableName, 'meta'>>(
  store: Store,
  table: T,
  id: string,
  patch: PatchOf<T>,
): number {
  const p = patch as Record<string, unknown>;
  const keys = Object.keys(p).filter((k) => p[k] !== undefined);
  if (keys.length === 0) return 0;
  const sql = `UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`;
  return prepare(store.sqlite, sql).run(...keys.map((k) => bindable(p[k])), id).changes;
}

type Cell = string | number | null;

/**
 * A raw (array-mode) reader over named columns of one table: `sql` selects exactly `columns`, and
 * `col.<name>(row)` reads that column from an array row with its schema type. The column list is the
 * only place the order lives, so a reader can't index the wrong column.
 */
export interface RawReader<T extends TableName, C extends keyof RowOf<T> & string> {
  columns: readonly C[];
  sql: string;
  col: { readonly [K in C]: (row: readonly Cell[]) => RowOf<T>[K] };
  all(sqlite: Database.Database, ...params: unknown[]): Cell[][];
}

export function rawColumns<T extends TableName, const C extends keyof RowOf<T> & string>(
  table: T,
  columns: readonly C[],
  where: string,
  alias = '',
): RawReader<T, C> {
  const prefix = alias ? `${alias}.` : '';
  const sql = `SELECT ${columns.map((c) => prefix + c).join(', ')} FROM ${table}${alias ? ` ${alias}` : ''} ${where}`;
  const col = {} as Record<C, (row: readonly Cell[]) => unknown>;
  columns.forEach((c, i) => {
    col[c] = (row) => row[i];
  });
  return {
    columns,
    sql,
    col: col as RawReader<T, C>['col'],
    all: (sqlite, ...params) => prepareRaw(sqlite, sql).all(...params) as Cell[][],
  };
}

/**
 * An object-mode reader whose SELECT names each column `AS` its domain field (`fields`: domain field ->
 * column), so the rows better-sqlite3 builds are the domain objects themselves: no second object per row
 * on the hot read path. The row type follows the columns' schema types.
 */
export interface AliasedReader<T extends TableName, F extends Record<string, keyof RowOf<T> & string>> {
  fields: F;
  sql: string;
  all(sqlite: Database.Database, ...params: unknown[]): { [K in keyof F]: RowOf<T>[F[K]] }[];
}

export function aliasedColumns<T extends TableName, const F extends Record<string, keyof RowOf<T> & string>>(
  table: T,
  fields: F,
  where: string,
): AliasedReader<T, F> {
  const list = Object.entries(fields).map(([field, column]) => (field === column ? column : `${column} AS ${field}`));
  const sql = `SELECT ${list.join(', ')} FROM ${table} ${where}`;
  return {
    fields,
    sql,
    all: (sqlite, ...params) => prepare(sqlite, sql).all(...params) as { [K in keyof F]: RowOf<T>[F[K]] }[],
  };
}
