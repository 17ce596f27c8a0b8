// Random activity-on-node networks for the schedule benchmark, from a seeded PRNG (mulberry32).
import { mulberry32 } from '../../dist/libs/domain/scheduling/leveling/index.js';

/**
 * n activities with integer durations of 1..10 days and about `linksPerActivity` FS links each, every link
 * from one of the 200 activities listed just before (so the network is deep, as real schedules are).
 */
export function randomNetwork(n, linksPerActivity, seed) {
  const random = mulberry32(seed).next;
  const durations = new Int32Array(n);
  const from = [];
  const to = [];
  for (let j = 0; j < n; j++) {
    durations[j] = 1 + Math.floor(random() * 10);
    if (j === 0) continue;
    const window = Math.min(j, 200);
    const chosen = new Set();
    for (let k = 0; k < linksPerActivity && chosen.size < window; k++) {
      const i = j - 1 - Math.floor(random() * window);
      if (chosen.has(i)) continue;
      chosen.add(i);
      from.push(i);
      to.push(j);
    }
  }
  return { n, durations, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** Holidays: ten fixed dates a year for `years` years from 2027. */
export function holidays(years) {
  const days = [];
  for (let y = 2027; y < 2027 + years; y++)
    for (const md of [
      '01-01',
      '01-18',
      '02-15',
      '05-31',
      '07-05',
      '09-06',
      '10-11',
      '11-11',
      '11-25',
      '12-24',
    ])
      days.push(`${y}-${md}`);
  return days;
}

/** The schedule JSON (contract) text of a network, built as one string without an object tree. */
export function scheduleJson(net, calendar) {
  const parts = [
    `{"project":{"start":"2027-01-04T09:00:00","calendar":"standard"},"calendars":[${JSON.stringify(calendar)}],"activities":[`,
  ];
  const acts = new Array(net.n);
  for (let j = 0; j < net.n; j++) acts[j] = `{"id":"A${j}","duration":${net.durations[j]}}`;
  parts.push(acts.join(','), '],"links":[');
  const links = new Array(net.from.length);
  for (let l = 0; l < net.from.length; l++) links[l] = `{"from":"A${net.from[l]}","to":"A${net.to[l]}"}`;
  parts.push(links.join(','), ']}');
  return parts.join('');
}

/** The same network for TaskJuggler 3: tasks as `length Nd` with `depends`, and a CSV report of the dates. */
export function taskJuggler(net, holidayDates) {
  const lines = [
    'project bench "Bench" 2027-01-04 - 2035-12-01 {',
    '  timezone "UTC"',
    '  timeformat "%Y-%m-%dT%H:%M"',
    '}',
    ...holidayDates.map((d) => `leaves holiday "h" ${d}`),
  ];
  const preds = Array.from({ length: net.n }, () => []);
  for (let l = 0; l < net.from.length; l++) preds[net.to[l]].push(`a${net.from[l]}`);
  for (let j = 0; j < net.n; j++)
    lines.push(
      `task a${j} "A${j}" { length ${net.durations[j]}d${preds[j].length ? ` depends ${preds[j].join(', ')}` : ''} }`,
    );
  lines.push('taskreport dates "dates" { formats csv columns id, start, end }');
  return lines.join('\n') + '\n';
}
