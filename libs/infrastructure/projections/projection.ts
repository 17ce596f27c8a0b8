import type { RecordedEvent } from '../event-store/event-store.port.js';

/** SQLite column affinity of a read-model column. */
export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL';

/** A read-model table: plain columns, a primary key, optional secondary indexes. */
export interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  readonly primaryKey: readonly string[];
  readonly indexes?: readonly (readonly string[])[];
}

export type Row = Readonly<Record<string, string | number | bigint | null>>;

/** What `apply` may read: the current row of a table by primary key (inside the same transaction). */
export interface RowReader {
  get(table: string, key: Row): Row | undefined;
}

/** A change to a read model, produced by a projection and executed by the runner. */
export type RowChange =
  | { readonly table: string; readonly op: 'upsert'; readonly row: Row }
  | { readonly table: string; readonly op: 'delete'; readonly key: Row };

/**
 * A projection is data plus a pure function: `apply(event, rows)` returns the row changes an event causes.
 * The runner executes them and advances the checkpoint in one transaction, so redelivery is a no-op.
 * Bump `version` when the shape or the meaning of the rows changes: the runner then rebuilds it from the log.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly TableSpec[];
  apply(event: RecordedEvent, rows: RowReader): readonly RowChange[];
}
