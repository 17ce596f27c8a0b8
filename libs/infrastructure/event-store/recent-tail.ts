/**
 * The log's most recent events as this process committed them, so that its own subscriptions (projections,
 * process managers) get what it has just appended without reading it back from the file.
 *
 * The tail covers the log positions `(from, to]` completely: a group commit is added only with the log's last
 * position before it (read inside its write transaction, which no other writer can interleave) and only when that
 * is where the tail ends. Anything else — an append by another process in between, a group whose positions are
 * not the consecutive range after it — starts the tail afresh, and a read outside the range goes to the file.
 * Entries keep the row as it would be read back and become events on first read (one JSON parse, shared by every
 * subscription: treat events as read only, as ever).
 */
import type { RecordedEvent } from './event-store.port.js';

export interface TailLimits {
  /** Most events kept. */
  readonly events: number;
  /** Most data text kept, in UTF-16 code units (a baseline of 10^4 activities is about 1 MB). */
  readonly dataChars: number;
}

export class RecentTail<Row> {
  private entries: { row: Row; chars: number; event?: RecordedEvent }[] = [];
  private first = 0; // entries before it were dropped
  private from = -1n; // the covered range is (from, to]
  private to = -1n;
  private chars = 0;

  constructor(
    private readonly toEvent: (row: Row) => RecordedEvent,
    private readonly limits: TailLimits,
  ) {}

  /**
   * Records a committed group: `rows` hold positions `before + 1` … `before + rows.length` in order, and `last` is
   * the log's last position after the commit (the group is kept only when it is exactly that range).
   */
  add(before: bigint, last: bigint, rows: readonly { row: Row; chars: number }[]): void {
    if (before + BigInt(rows.length) !== last) return this.clear();
    if (before !== this.to) {
      this.clear();
      this.from = before;
    }
    for (const entry of rows) {
      this.entries.push({ row: entry.row, chars: entry.chars });
      this.chars += entry.chars;
    }
    this.to = last;
    while (
      this.entries.length - this.first > this.limits.events ||
      (this.chars > this.limits.dataChars && this.first < this.entries.length - 1)
    ) {
      this.chars -= this.entries[this.first].chars;
      this.first += 1;
      this.from += 1n;
    }
    if (this.first > 1024 && this.first * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.first);
      this.first = 0;
    }
  }

  /** Up to `limit` events after `after`, when the tail covers that position; undefined means "read the file". */
  page(after: bigint | undefined, limit: number): RecordedEvent[] | undefined {
    if (after === undefined || after < this.from || after >= this.to) return undefined;
    const start = this.first + Number(after - this.from);
    const end = Math.min(this.entries.length, start + limit);
    const events: RecordedEvent[] = [];
    for (let i = start; i < end; i++) {
      const entry = this.entries[i];
      events.push((entry.event ??= this.toEvent(entry.row)));
    }
    return events;
  }

  clear(): void {
    this.entries = [];
    this.first = 0;
    this.chars = 0;
    this.from = -1n;
    this.to = -1n;
  }
}
