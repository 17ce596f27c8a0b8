import fc from 'fast-check';

/** Random, valid inputs of docs/formats/evm-json.md for property tests (dates around 2027–2028). */
const BASE_DAY = Date.UTC(2027, 0, 1) / 86_400_000;
export const isoDay = (offset: number): string =>
  new Date((BASE_DAY + offset) * 86_400_000).toISOString().slice(0, 10);

const TECHNIQUES = [
  '0/100',
  '50/50',
  '20/80',
  '35/65',
  '100/0',
  'milestone',
  'percentComplete',
  'LOE',
  'planningPackage',
  'apportioned',
] as const;

const rawWorkPackage = fc.record({
  account: fc.integer({ min: 0, max: 3 }),
  budget: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
  technique: fc.constantFrom(...TECHNIQUES),
  start: fc.integer({ min: 0, max: 400 }),
  length: fc.integer({ min: 0, max: 200 }),
  milestones: fc.array(
    fc.record({
      weight: fc.integer({ min: 1, max: 10 }),
      at: fc.integer({ min: 0, max: 200 }),
      completed: fc.option(fc.integer({ min: -20, max: 250 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  percentComplete: fc.integer({ min: 0, max: 100 }),
  actualStart: fc.option(fc.integer({ min: -10, max: 450 }), { nil: null }),
  actualLength: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null }),
  actualCost: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  base: fc.nat(),
});

export const evmInputArbitrary = (maxWorkPackages = 12) =>
  fc
    .record({
      status: fc.integer({ min: -30, max: 650 }),
      workWeek: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 0 }),
      holidays: fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 6 }),
      omitCalendar: fc.boolean(),
      wps: fc.array(rawWorkPackage, { minLength: 1, maxLength: maxWorkPackages }),
    })
    .map(({ status, workWeek, holidays, omitCalendar, wps }) => ({
      statusDate: isoDay(status),
      ...(omitCalendar ? {} : { calendar: { workWeek, holidays: holidays.map(isoDay) } }),
      workPackages: wps.map((w, i) => {
        const technique = w.technique === 'apportioned' && i === 0 ? 'LOE' : w.technique;
        const wp: Record<string, unknown> = {
          id: `WP${i + 1}`,
          controlAccount: `CA${w.account + 1}`,
          budget: w.budget,
          technique,
          plannedStart: isoDay(w.start),
          plannedFinish: isoDay(w.start + w.length),
          actualStart: w.actualStart === null ? null : isoDay(w.actualStart),
          actualFinish:
            w.actualStart === null || w.actualLength === null ? null : isoDay(w.actualStart + w.actualLength),
        };
        if (w.actualCost !== undefined) wp.actualCost = w.actualCost;
        if (technique === 'milestone') {
          wp.milestones = w.milestones.map((m, k) => ({
            id: `M${k + 1}`,
            weight: m.weight,
            plannedDate: isoDay(w.start + Math.min(m.at, w.length)),
            completed: m.completed === null ? null : isoDay(w.start + m.completed),
          }));
        }
        if (technique === 'percentComplete') wp.percentComplete = w.percentComplete;
        if (technique === 'apportioned') wp.apportionedTo = `WP${(w.base % i) + 1}`;
        return wp;
      }),
    }));
