/**
 * Every task whose dates or slack differ from MS Project's saved values, with the reason. The test fails on an
 * unexplained difference and on an explanation that no longer matches a difference (so fixes show up).
 * Kept beside the corpus spec (`ms-project-corpus.int-spec.ts`), which enforces it, and printed by
 * `npm run report:mspdi`.
 */
export const EXPLAINED: Readonly<
  Record<string, { readonly tasks: readonly string[]; readonly reason: string }>
> = {
  'mpxj__legacy__sample.xml': {
    tasks: ['2', '3', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '20', '21'],
    reason:
      "task 2 'Second Task' saves Duration PT800H0M0S, but MS Project scheduled it for 400 working hours (its " +
      'assignments: 200 h at 50 % and 300 h at 75 %; Start 2003-01-07 → Finish 2003-03-18T08:00). We schedule the ' +
      'saved Duration, so task 2 ends 2003-05-26 and sets a project finish 48 working days later than MS Project: ' +
      'every late date and slack in the file moves by 48 days.',
  },
  'mpxj__mspdiduration.xml': {
    tasks: ['1', '2', '3', '4'],
    reason:
      'tasks 1–4 (1 minute, 1 hour, 1 day, 1 week, no successors) have a saved LateFinish of 2009-04-21T17:00, which ' +
      'is the EarlyFinish of task 5 (1 month, the longest working-time task), not the last working instant before ' +
      'the project finish 2009-04-24T08:00 that the elapsed-month task 10 sets. Task 5 itself gets ' +
      '2009-04-23T17:00 from MS Project, as all five do from us: MS Project bounds tasks 1–4 differently from ' +
      'task 5 and we bound every task by the project finish.',
  },
  'mpxj__mspdiresource.xml': {
    tasks: ['2', '3'],
    reason:
      "both tasks are resource-driven. Task 2 'Task A' (Duration 48 h) spans its three assignments on their " +
      "resources' calendars: Brian Leach's 24 h run from 2006-08-25T23:00 to 2006-08-30T08:00, so MS Project " +
      'saves Finish 2006-08-30T08:00 where 48 h on the task calendar end 2006-09-01T17:00. Task 3 has a contoured ' +
      'assignment (WorkContour 7) that stretches 40 h of work over 57.1 h. The engine schedules task durations on ' +
      "the task calendar, so task 3 starts after our later task 2; the engine also writes task 2's late start " +
      'as 2006-08-24T17:00, the same working instant as its early start 2006-08-25T08:00.',
  },
  'mpxj__mspdisplittask.xml': {
    tasks: ['1', '2'],
    reason:
      'split tasks: the saved finish includes the gaps between the split segments (TimephasedData); the engine ' +
      'schedules the Duration as one contiguous piece, so it finishes earlier and the slack differs by the gaps.',
  },
  'mpxj__mspditimephased.xml': {
    tasks: ['1', '2', '3', '5', '9', '10', '11', '13', '17', '18', '19', '21', '29', '37'],
    reason:
      "tasks assigned to the 'Night Shift' and '24 Hour' resources are scheduled by MS Project on those resource " +
      'calendars (e.g. task 9 starts 2008-11-20T23:00), tasks at 50 %/150 % units take their dates from the ' +
      'assignment work, and the project finish comes from 20 in-progress tasks that MS Project resumes from their ' +
      'own Resume dates; the engine uses task calendars only, so dates and slack differ.',
  },
  'mpxj__mspditimephasedsegments.xml': {
    tasks: ['2', '3', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19'],
    reason:
      'the saved late dates are not a CPM result from the saved project finish (2012-07-20T17:00, task 21): ' +
      'unlinked tasks carry LateFinish 2011-03-04T17:00 or 2013-05-24T17:00 and slack to match, which no backward ' +
      'pass from one project finish produces; the engine gives every unlinked task LateFinish 2012-07-20T17:00. ' +
      'Task 18 is also resource-driven (its saved Finish is one working day after its Duration).',
  },
};
