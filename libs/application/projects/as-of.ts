import { DomainError } from '#domain/kernel/errors.js';

/** A point of the past: a global log position (inclusive) or an instant (events that occurred at or before it). */
export interface AsOf {
  readonly position?: string | null;
  readonly instant?: string | null;
}

/** Whether `asOf` names a point of the past (an absent argument arrives as an empty object). */
export function isPast(asOf: AsOf | null | undefined): asOf is AsOf {
  return asOf != null && (asOf.position != null || asOf.instant != null);
}

/** How many of the log's events lie at or before `asOf` (the log's positions and instants, in log order). */
export function eventsUpTo(
  log: { readonly positions: readonly bigint[]; readonly occurredAt: readonly string[] },
  asOf: AsOf,
): number {
  if ((asOf.position == null) === (asOf.instant == null)) {
    throw new DomainError('INPUT.INVALID', 'asOf: give exactly one of position or instant', {
      fields: [{ path: 'asOf', messages: ['give exactly one of position or instant'] }],
    });
  }
  if (asOf.position != null) {
    const position = BigInt(asOf.position);
    return countWhile(log.positions, (p) => p <= position);
  }
  const instant = Date.parse(asOf.instant!);
  return countWhile(log.occurredAt, (at) => Date.parse(at) <= instant);
}

/** Events are in log order, so positions and instants ascend: binary search for the first one past the point. */
function countWhile<T>(values: readonly T[], within: (value: T) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (within(values[mid])) low = mid + 1;
    else high = mid;
  }
  return low;
}
