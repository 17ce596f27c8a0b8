import fc from 'fast-check';
import { mulberry32 } from '../leveling/prng.js';
import { levelScheduleJson } from './level-report.js';

/** Random schedules of whole-day activities with FS/SS/FF links and assignments within max units. */
const schedule = fc.integer().map((seed) => {
  const random = mulberry32(seed);
  const n = 2 + random.below(12);
  const resources = Array.from({ length: 1 + random.below(3) }, (_, r) => ({
    id: `R${r}`,
    maxUnits: 1 + random.below(3),
  }));
  const activities = Array.from({ length: n }, (_, j) => ({
    id: `A${j}`,
    duration: random.below(6),
    priority: 500,
  }));
  const links: { from: string; to: string; type: string }[] = [];
  for (let j = 1; j < n; j++)
    for (let i = 0; i < j; i++)
      if (random.next() < 0.2)
        links.push({ from: `A${i}`, to: `A${j}`, type: ['FS', 'SS', 'FF'][random.below(3)] });
  const assignments: { activity: string; resource: string; units: number }[] = [];
  for (const a of activities)
    for (const r of resources)
      if (a.duration > 0 && random.next() < 0.5)
        assignments.push({ activity: a.id, resource: r.id, units: 1 + random.below(r.maxUnits) });
  return { project: { start: '2027-01-04T08:00:00' }, resources, activities, links, assignments };
});

describe('leveling random schedules', () => {
  it('leaves no resource over-allocated, keeps every link, and never moves an activity earlier', () => {
    fc.assert(
      fc.property(schedule, fc.integer(), (json, seed) => {
        const report = levelScheduleJson(json, {
          mode: 'allowSlip',
          random: mulberry32(seed),
          maxSchedules: 200,
        });
        expect(report.overAllocations.after).toEqual([]);
        expect(report.unresolved).toEqual([]);
        const at = new Map(report.activities.map((a) => [a.id, a]));
        for (const l of json.links) {
          const p = at.get(l.from)!;
          const s = at.get(l.to)!;
          if (l.type === 'FS') expect(s.start >= p.finish).toBe(true);
          if (l.type === 'SS') expect(s.start >= p.start).toBe(true);
          if (l.type === 'FF') expect(s.finish >= p.finish).toBe(true);
        }
        for (const a of report.activities) expect(a.delayDays).toBeGreaterThanOrEqual(0);
        for (const m of report.moves) expect(m.to > m.from).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
