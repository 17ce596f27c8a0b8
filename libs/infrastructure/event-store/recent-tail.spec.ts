import type { RecordedEvent } from './event-store.port.js';
import { RecentTail } from './recent-tail.js';

type Row = [position: bigint, text: string];
const toEvent = ([position, text]: Row) => ({ position, data: text }) as unknown as RecordedEvent;
const rows = (from: number, count: number, text = 'x') =>
  Array.from({ length: count }, (_, i) => ({ row: [BigInt(from + i), text] as Row, chars: text.length }));
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => Number(e.position));

describe('RecentTail', () => {
  it('serves the positions it covers, a page at a time, and leaves everything else to the file', () => {
    const tail = new RecentTail<Row>(toEvent, { events: 100, dataChars: 1000 });
    expect(tail.page(0n, 10)).toBeUndefined();
    tail.add(4n, 7n, rows(5, 3));
    tail.add(7n, 9n, rows(8, 2));
    expect(positions(tail.page(4n, 10))).toEqual([5, 6, 7, 8, 9]);
    expect(positions(tail.page(6n, 2))).toEqual([7, 8]);
    expect(tail.page(3n, 10)).toBeUndefined(); // position 4 is not in the tail
    expect(tail.page(9n, 10)).toBeUndefined(); // caught up: whatever follows is in the file
    expect(tail.page(undefined, 10)).toBeUndefined();
  });

  it('starts afresh after a gap (another writer) and forgets a group that is not the whole range it claims', () => {
    const tail = new RecentTail<Row>(toEvent, { events: 100, dataChars: 1000 });
    tail.add(0n, 2n, rows(1, 2));
    tail.add(3n, 4n, rows(4, 1)); // position 3 was written by someone else
    expect(tail.page(0n, 10)).toBeUndefined();
    expect(positions(tail.page(3n, 10))).toEqual([4]);
    tail.add(4n, 7n, rows(5, 2)); // two rows cannot fill (4, 7]
    expect(tail.page(3n, 10)).toBeUndefined();
    expect(tail.page(4n, 10)).toBeUndefined();
  });

  it('keeps at most the last N events and the last M characters of data', () => {
    const byCount = new RecentTail<Row>(toEvent, { events: 3, dataChars: 1000 });
    byCount.add(0n, 5n, rows(1, 5));
    expect(byCount.page(1n, 10)).toBeUndefined();
    expect(positions(byCount.page(2n, 10))).toEqual([3, 4, 5]);
    const byChars = new RecentTail<Row>(toEvent, { events: 100, dataChars: 10 });
    byChars.add(0n, 3n, rows(1, 3, 'abcd'));
    expect(positions(byChars.page(1n, 10))).toEqual([2, 3]);
    expect(byChars.page(0n, 10)).toBeUndefined();
  });

  it('turns a row into an event once', () => {
    let made = 0;
    const tail = new RecentTail<Row>((row) => (made++, toEvent(row)), { events: 10, dataChars: 100 });
    tail.add(0n, 2n, rows(1, 2));
    const [a] = tail.page(0n, 1)!;
    expect(tail.page(0n, 2)![0]).toBe(a);
    expect(made).toBe(2);
  });
});
