import { isOneOf } from '../kernel/text.js';
import {
  DEFAULT_CALENDAR,
  type Activity,
  type Assignment,
  type Calendar,
  type Dependency,
  type Plan,
} from '../baseline/plan.js';
import type { ScheduleOutput } from '../scheduling/index.js';
import { schedulePlan, sortedPlanViews } from './plan-schedule.js';
import {
  addCalendarMonths,
  hoursPerDay,
  isWorkingDay,
  workingDayTest,
  workingDaysBetween,
} from './working-days.js';
import { formatIsoDate, parseIsoDate } from '../earned-value/dates.js';

/**
 * The schedule-quality gate run on every approval package: the CAM review questions of 4.2.1 and section 5,
 * and the DCMA 14-point assessment with its standard thresholds. Pure functions of the plan, its CPM result and
 * (once statusing has begun) the progress and the baseline dates.
 */
export const CAM_CHECKS = [
  'deliverablesInSchedule',
  'unlinkedActivities',
  'longActivities',
  'lags',
  'leads',
  'laborCategoriesWithinSixMonths',
  'overAllocation',
  'mandatoryMilestones',
] as const;

export const DCMA_CHECKS = [
  'dcma01Logic',
  'dcma02Leads',
  'dcma03Lags',
  'dcma04RelationshipTypes',
  'dcma05HardConstraints',
  'dcma06HighFloat',
  'dcma07NegativeFloat',
  'dcma08HighDuration',
  'dcma09InvalidDates',
  'dcma10Resources',
  'dcma11MissedTasks',
  'dcma12CriticalPathTest',
  'dcma13Cpli',
  'dcma14Bei',
] as const;

export type QualityCheckId = (typeof CAM_CHECKS)[number] | (typeof DCMA_CHECKS)[number];
export const QUALITY_CHECKS: readonly QualityCheckId[] = [...CAM_CHECKS, ...DCMA_CHECKS];

/** How a failing check counts: a blocking one stops the approval package (PMP-05 gate). */
export const SEVERITIES = ['blocking', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Per project, recorded by `ScheduleQualityPolicySet.v1`: what blocks a submission and what only warns. */
export interface QualityPolicy {
  readonly severities: Readonly<Record<QualityCheckId, Severity>>;
  /** SOW / SLC / contract references that must each have a mandatory milestone (4.2.1). */
  readonly requiredMilestoneReferences: readonly string[];
  /** Section 5: an activity longer than two reporting periods always needs splitting. */
  readonly reportingPeriodWorkingDays: number;
}

/** Logic gaps, negative float, invalid dates and missing mandatory milestones block; the rest warns. */
export const DEFAULT_QUALITY_POLICY: QualityPolicy = {
  severities: Object.fromEntries(
    QUALITY_CHECKS.map((id) => [
      id,
      id === 'dcma01Logic' ||
      id === 'dcma07NegativeFloat' ||
      id === 'dcma09InvalidDates' ||
      id === 'mandatoryMilestones'
        ? 'blocking'
        : 'warning',
    ]),
  ) as Record<QualityCheckId, Severity>,
  requiredMilestoneReferences: [],
  reportingPeriodWorkingDays: 22,
};

export interface ActivityProgress {
  /** `YYYY-MM-DD`. */
  readonly actualStart: string | null;
  readonly actualFinish: string | null;
  readonly percentComplete: number;
}

export interface QualityInput {
  readonly plan: Plan;
  /** CPM of the plan; computed from it when omitted. */
  readonly schedule?: ScheduleOutput | null;
  readonly policy?: QualityPolicy;
  /** TimeNow (`YYYY-MM-DD`), once statusing has begun. */
  readonly statusDate?: string | null;
  readonly progress?: ReadonlyMap<string, ActivityProgress>;
  /** The current baseline's CPM dates (missed tasks, BEI). */
  readonly baselineSchedule?: ScheduleOutput | null;
}

export interface QualityCheck {
  readonly id: QualityCheckId;
  readonly source: '4.2.1' | 'section 5' | 'DCMA 14-point';
  readonly title: string;
  readonly status: 'pass' | 'fail' | 'notApplicable';
  readonly severity: Severity;
  /** The measured value (a count, a percentage or an index) and what it was measured against. */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly threshold: string;
  readonly offending: readonly string[];
  readonly note: string | null;
}

export interface QualityReport {
  readonly checks: readonly QualityCheck[];
  readonly blockingFailures: readonly QualityCheckId[];
  readonly warnings: readonly QualityCheckId[];
  readonly passed: boolean;
}

/** DCMA: high float and high duration are measured against 44 working days (two months). */
export const DCMA_44_DAYS = 44;
/** DCMA critical path test: the delay added to one critical activity. */
export const CRITICAL_PATH_TEST_DELAY = 600;
/** Section 5: activities span no more than two weeks. */
const TWO_WEEKS = 10;
const HARD_CONSTRAINTS = new Set(['MSO', 'MFO', 'SNLT', 'FNLT']);

interface Context {
  readonly plan: Plan;
  readonly schedule: ScheduleOutput | null;
  readonly policy: QualityPolicy;
  readonly statusDate: string | null;
  readonly progress: ReadonlyMap<string, ActivityProgress>;
  readonly baseline: ScheduleOutput | null;
  readonly calendar: Calendar;
  readonly activities: readonly Activity[];
  readonly dates: ReadonlyMap<string, ScheduleOutput['activities'][number]>;
  readonly predecessors: ReadonlyMap<string, number>;
  readonly successors: ReadonlyMap<string, number>;
  /** Computed once per assessment: the plan's sorted views are not free on 10^5 entities. */
  readonly links: readonly Dependency[];
  readonly incomplete: readonly Activity[];
  readonly tasks: readonly Activity[];
  readonly assignments: readonly Assignment[];
}

type Measure = Omit<QualityCheck, 'id' | 'source' | 'title' | 'severity' | 'threshold'>;

function percent(
  offending: readonly string[],
  denominator: number,
  limit: number,
  note: string | null = null,
): Measure {
  const value = denominator === 0 ? 0 : (offending.length / denominator) * 100;
  return {
    status: value <= limit ? 'pass' : 'fail',
    value,
    numerator: offending.length,
    denominator,
    offending,
    note,
  };
}

function zero(offending: readonly string[], denominator: number | null, note: string | null = null): Measure {
  return {
    status: offending.length === 0 ? 'pass' : 'fail',
    value: offending.length,
    numerator: offending.length,
    denominator,
    offending,
    note,
  };
}

function notApplicable(note: string): Measure {
  return { status: 'notApplicable', value: null, numerator: null, denominator: null, offending: [], note };
}

/** Missing a predecessor or a successor; the project's start and finish milestones are open-ended by nature. */
function openEnded(c: Context, a: Activity): boolean {
  const noPredecessor = !c.predecessors.has(a.id);
  const noSuccessor = !c.successors.has(a.id);
  if (a.duration === 0 && noPredecessor !== noSuccessor) return false;
  return noPredecessor || noSuccessor;
}

const done = (c: Context, id: string) => c.progress.get(id)?.actualFinish != null;
const incomplete = (c: Context) => c.incomplete;
const tasks = (c: Context) => c.tasks;
const internalLinks = (c: Context) => c.links;

const CHECKS: Readonly<
  Record<
    QualityCheckId,
    { source: QualityCheck['source']; title: string; threshold: string; run: (c: Context) => Measure }
  >
> = {
  deliverablesInSchedule: {
    source: '4.2.1',
    title: 'Every deliverable of the WBS dictionary appears in the schedule',
    threshold: '0 missing',
    run: (c) => {
      const names = c.activities.map((a) => `${a.id}\n${a.name}`.toLowerCase());
      const missing: string[] = [];
      let total = 0;
      for (const element of c.plan.wbsElement.sortedValues()) {
        for (const deliverable of element.dictionary?.deliverables ?? []) {
          total++;
          if (!names.some((n) => n.includes(deliverable.toLowerCase())))
            missing.push(`${element.id}: ${deliverable}`);
        }
      }
      return zero(missing, total);
    },
  },
  unlinkedActivities: {
    source: '4.2.1',
    title: 'Activities are linked, not date-driven (a predecessor and a successor each)',
    threshold: '0 open ends besides the start and finish milestones',
    run: (c) => {
      const open = c.activities.filter((a) => openEnded(c, a));
      return zero(
        open.map((a) => a.id),
        c.activities.length,
      );
    },
  },
  longActivities: {
    source: 'section 5',
    title: 'Activities span no more than two weeks, or carry status metrics within two reporting periods',
    threshold: `≤ ${TWO_WEEKS} working days, or ≤ 2 reporting periods with a milestone / percent-complete technique`,
    run: (c) => {
      const long = tasks(c).filter((a) => {
        if (a.duration <= TWO_WEEKS) return false;
        if (a.duration > 2 * c.policy.reportingPeriodWorkingDays) return true;
        const technique =
          a.workPackageId === null ? null : (c.plan.workPackage.get(a.workPackageId)?.technique ?? null);
        return technique !== 'milestone' && technique !== 'percentComplete' && technique !== 'LOE';
      });
      return zero(
        long.map((a) => a.id),
        tasks(c).length,
      );
    },
  },
  lags: {
    source: '4.2.1',
    title: 'Lags are minimised',
    threshold: '0 lags',
    run: (c) =>
      zero(
        internalLinks(c)
          .filter((d) => d.lag > 0)
          .map((d) => d.id),
        internalLinks(c).length,
      ),
  },
  leads: {
    source: '4.2.1',
    title: 'No leads (negative lags)',
    threshold: '0 leads',
    run: (c) =>
      zero(
        internalLinks(c)
          .filter((d) => d.lag < 0)
          .map((d) => d.id),
        internalLinks(c).length,
      ),
  },
  laborCategoriesWithinSixMonths: {
    source: '4.2.1',
    title: 'Labor categories on activities starting within six months are replaced by named resources',
    threshold: '0 assignments',
    run: (c) => {
      if (c.schedule === null)
        return notApplicable('no CPM dates (the plan has no start date or no activity)');
      const from = c.statusDate ?? c.schedule.projectStart.slice(0, 10);
      const horizon = addCalendarMonths(from, 6);
      const flagged = c.assignments.filter((assignment) => {
        const resource = c.plan.resource.get(assignment.resourceId);
        const start = c.dates.get(assignment.activityId)?.earlyStart.slice(0, 10);
        return (
          resource?.kind === 'laborCategory' &&
          start !== undefined &&
          start < horizon &&
          !done(c, assignment.activityId)
        );
      });
      return zero(
        flagged.map((a) => a.id),
        c.plan.assignment.size,
        `window ${from} to ${horizon}`,
      );
    },
  },
  overAllocation: {
    source: '4.2.1',
    title: 'Resources are not over-allocated (per assignment and per day)',
    threshold: '≤ max units',
    run: (c) => {
      const offending: string[] = [];
      // resource -> day number -> units: day numbers and nested maps keep 10^5 assignments cheap.
      const daily = new Map<string, Map<number, number>>();
      for (const assignment of c.assignments) {
        const activity = c.plan.activity.get(assignment.activityId);
        const resource = c.plan.resource.get(assignment.resourceId);
        if (!activity || !resource || activity.duration === 0) continue;
        const calendar = (activity.calendarId && c.plan.calendar.get(activity.calendarId)) || c.calendar;
        // 4.2.1: 80 h on a five-day activity of 8-hour days is 200 %.
        const units = assignment.work / (activity.duration * hoursPerDay(calendar));
        if (units > resource.maxUnits + 1e-9) offending.push(assignment.id);
        const dates = c.dates.get(activity.id);
        if (!dates) continue;
        const working = workingDayTest(calendar);
        const first = parseIsoDate(dates.earlyStart.slice(0, 10))!;
        const last = parseIsoDate(dates.earlyFinish.slice(0, 10))!;
        let days = daily.get(resource.id);
        if (!days) daily.set(resource.id, (days = new Map()));
        for (let d = first; d <= last; d++) if (working(d)) days.set(d, (days.get(d) ?? 0) + units);
      }
      const overloadedDays: string[] = [];
      for (const resourceId of [...daily.keys()].sort()) {
        const max = c.plan.resource.get(resourceId)?.maxUnits ?? 1;
        const over = [...daily.get(resourceId)!].filter(([, units]) => units > max + 1e-9).map(([d]) => d);
        if (over.length) overloadedDays.push(`${resourceId}@${formatIsoDate(Math.min(...over))}`);
      }
      return zero(
        [...offending, ...overloadedDays],
        c.plan.assignment.size,
        'assignment ids, then the first overloaded day of each resource',
      );
    },
  },
  mandatoryMilestones: {
    source: '4.2.1',
    title: 'Mandatory milestones (SOW, SLC, contract) are in the schedule',
    threshold: 'every required reference has a mandatory milestone',
    run: (c) => {
      const mandatory = c.activities.filter((a) => a.milestone?.designation === 'mandatory');
      const references = new Set(mandatory.map((a) => (a.milestone as { reference: string }).reference));
      if (c.policy.requiredMilestoneReferences.length === 0) {
        return mandatory.length > 0
          ? zero([], 0)
          : zero(['(none)'], 0, 'the schedule has no mandatory milestone');
      }
      const missing = c.policy.requiredMilestoneReferences.filter((r) => !references.has(r));
      return zero(missing, c.policy.requiredMilestoneReferences.length);
    },
  },
  dcma01Logic: {
    source: 'DCMA 14-point',
    title: 'Logic: incomplete activities missing a predecessor or a successor',
    threshold: '≤ 5 %',
    run: (c) => {
      const open = incomplete(c).filter((a) => openEnded(c, a));
      return percent(
        open.map((a) => a.id),
        incomplete(c).length,
        5,
      );
    },
  },
  dcma02Leads: {
    source: 'DCMA 14-point',
    title: 'Leads: relationships with a negative lag',
    threshold: '0',
    run: (c) =>
      zero(
        internalLinks(c)
          .filter((d) => d.lag < 0)
          .map((d) => d.id),
        internalLinks(c).length,
      ),
  },
  dcma03Lags: {
    source: 'DCMA 14-point',
    title: 'Lags: relationships with a positive lag',
    threshold: '≤ 5 %',
    run: (c) =>
      percent(
        internalLinks(c)
          .filter((d) => d.lag > 0)
          .map((d) => d.id),
        internalLinks(c).length,
        5,
      ),
  },
  dcma04RelationshipTypes: {
    source: 'DCMA 14-point',
    title: 'Relationship types: finish-to-start',
    threshold: '≥ 90 % FS',
    run: (c) => {
      const links = internalLinks(c);
      const other = links.filter((d) => d.type !== 'FS').map((d) => d.id);
      const fs = links.length === 0 ? 100 : ((links.length - other.length) / links.length) * 100;
      return {
        status: fs >= 90 ? 'pass' : 'fail',
        value: fs,
        numerator: links.length - other.length,
        denominator: links.length,
        offending: other,
        note: null,
      };
    },
  },
  dcma05HardConstraints: {
    source: 'DCMA 14-point',
    title: 'Hard constraints (MSO, MFO, SNLT, FNLT)',
    threshold: '≤ 5 %',
    run: (c) =>
      percent(
        incomplete(c)
          .filter((a) => a.constraint !== null && HARD_CONSTRAINTS.has(a.constraint.type))
          .map((a) => a.id),
        incomplete(c).length,
        5,
      ),
  },
  dcma06HighFloat: {
    source: 'DCMA 14-point',
    title: `High float: total float > ${DCMA_44_DAYS} working days`,
    threshold: '≤ 5 %',
    run: (c) =>
      c.schedule === null
        ? notApplicable('no CPM dates')
        : percent(
            incomplete(c)
              .filter((a) => (c.dates.get(a.id)?.totalFloat ?? 0) > DCMA_44_DAYS)
              .map((a) => a.id),
            incomplete(c).length,
            5,
          ),
  },
  dcma07NegativeFloat: {
    source: 'DCMA 14-point',
    title: 'Negative float',
    threshold: '0',
    run: (c) =>
      c.schedule === null
        ? notApplicable('no CPM dates')
        : zero(
            incomplete(c)
              .filter((a) => (c.dates.get(a.id)?.totalFloat ?? 0) < -1e-6)
              .map((a) => a.id),
            incomplete(c).length,
          ),
  },
  dcma08HighDuration: {
    source: 'DCMA 14-point',
    title: `High duration: duration > ${DCMA_44_DAYS} working days`,
    threshold: '≤ 5 %',
    run: (c) =>
      percent(
        tasks(c)
          .filter((a) => a.duration > DCMA_44_DAYS)
          .map((a) => a.id),
        tasks(c).length,
        5,
      ),
  },
  dcma09InvalidDates: {
    source: 'DCMA 14-point',
    title: 'Invalid dates: actuals after TimeNow, or forecasts before it without actuals',
    threshold: '0',
    run: (c) => {
      if (c.statusDate === null) return notApplicable('no status date yet (baseline submission)');
      const now = c.statusDate;
      const invalid = c.activities.filter((a) => {
        const p = c.progress.get(a.id);
        const d = c.dates.get(a.id);
        if ((p?.actualStart ?? '') > now || (p?.actualFinish ?? '') > now) return true;
        if (d && !p?.actualStart && d.earlyStart.slice(0, 10) < now) return true;
        return Boolean(d && !p?.actualFinish && d.earlyFinish.slice(0, 10) < now);
      });
      return zero(
        invalid.map((a) => a.id),
        c.activities.length,
      );
    },
  },
  dcma10Resources: {
    source: 'DCMA 14-point',
    title: 'Resources: activities of a day or more without hours or cost',
    threshold: '0',
    run: (c) => {
      const loaded = new Set(c.assignments.map((a) => a.activityId));
      const costed = new Set(
        c.plan.workPackage
          .sortedValues()
          .filter((w) => (w.budget ?? 0) > 0)
          .map((w) => w.id),
      );
      const bare = tasks(c).filter(
        (a) => a.duration >= 1 && !loaded.has(a.id) && !(a.workPackageId && costed.has(a.workPackageId)),
      );
      return zero(
        bare.map((a) => a.id),
        tasks(c).length,
      );
    },
  },
  dcma11MissedTasks: {
    source: 'DCMA 14-point',
    title: 'Missed tasks: due by TimeNow in the baseline but finished late or not at all',
    threshold: '≤ 5 %',
    run: (c) => {
      if (c.statusDate === null || c.baseline === null)
        return notApplicable('needs a baseline and a status date');
      const due = c.baseline.activities.filter((b) => b.earlyFinish.slice(0, 10) <= c.statusDate!);
      const missed = due.filter((b) => {
        const finish = c.progress.get(b.id)?.actualFinish;
        return !finish || finish > b.earlyFinish.slice(0, 10);
      });
      return percent(
        missed.map((b) => b.id),
        due.length,
        5,
      );
    },
  },
  dcma12CriticalPathTest: {
    source: 'DCMA 14-point',
    title: `Critical path test: ${CRITICAL_PATH_TEST_DELAY} working days added to a critical activity move the finish as much`,
    threshold: 'finish moves by the full delay',
    run: (c) => {
      if (c.schedule === null) return notApplicable('no CPM dates');
      const probe = c.schedule.criticalPath.find((id) => {
        const a = c.plan.activity.get(id);
        return a !== undefined && a.duration > 0 && !done(c, id);
      });
      if (probe === undefined)
        return zero(['(no critical activity)'], null, 'the schedule has no incomplete critical task');
      const delayed = schedulePlan(c.plan, new Map([[probe, CRITICAL_PATH_TEST_DELAY]]));
      const moved =
        delayed === null
          ? 0
          : workingDaysBetween(c.calendar, c.schedule.projectFinish, delayed.projectFinish);
      const ok = Math.abs(moved - CRITICAL_PATH_TEST_DELAY) <= 1;
      return {
        status: ok ? 'pass' : 'fail',
        value: moved,
        numerator: moved,
        denominator: CRITICAL_PATH_TEST_DELAY,
        offending: ok ? [] : [probe],
        note: `delayed ${probe}`,
      };
    },
  },
  dcma13Cpli: {
    source: 'DCMA 14-point',
    title: 'Critical path length index (CPL + total float) / CPL',
    threshold: '≥ 0.95',
    run: (c) => {
      if (c.schedule === null) return notApplicable('no CPM dates');
      // TimeNow counts as worked through its end; without it the remaining path starts on the project start day.
      const start = c.schedule.projectStart.slice(0, 10);
      const cpl =
        c.statusDate !== null
          ? workingDaysBetween(c.calendar, c.statusDate, c.schedule.projectFinish)
          : workingDaysBetween(c.calendar, start, c.schedule.projectFinish) +
            (isWorkingDay(c.calendar, start) ? 1 : 0);
      if (cpl <= 0) return notApplicable('no remaining critical path');
      const floats = c.schedule.criticalPath.map((id) => c.dates.get(id)?.totalFloat ?? 0);
      const tf = floats.length ? Math.min(...floats) : 0;
      const cpli = (cpl + tf) / cpl;
      return {
        status: cpli >= 0.95 ? 'pass' : 'fail',
        value: cpli,
        numerator: cpl + tf,
        denominator: cpl,
        offending: cpli >= 0.95 ? [] : [...c.schedule.criticalPath],
        note: null,
      };
    },
  },
  dcma14Bei: {
    source: 'DCMA 14-point',
    title: 'Baseline execution index: tasks finished / tasks due by TimeNow in the baseline',
    threshold: '≥ 0.95',
    run: (c) => {
      if (c.statusDate === null || c.baseline === null)
        return notApplicable('needs a baseline and a status date');
      const due = c.baseline.activities.filter((b) => b.earlyFinish.slice(0, 10) <= c.statusDate!);
      if (due.length === 0) return notApplicable('nothing due yet in the baseline');
      const finished = c.activities.filter((a) => done(c, a.id)).length;
      const bei = finished / due.length;
      const late = due.filter((b) => !done(c, b.id)).map((b) => b.id);
      return {
        status: bei >= 0.95 ? 'pass' : 'fail',
        value: bei,
        numerator: finished,
        denominator: due.length,
        offending: late,
        note: null,
      };
    },
  },
};

function countEnds(dependencies: readonly Dependency[], end: 'from' | 'to'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of dependencies) {
    // A cross-project predecessor is logic too (4.2.2): it ties the successor, not a local activity.
    if (end === 'from' && d.fromProject !== null) continue;
    counts.set(d[end], (counts.get(d[end]) ?? 0) + 1);
  }
  return counts;
}

export function assessScheduleQuality(input: QualityInput): QualityReport {
  const { plan } = input;
  const schedule = input.schedule === undefined ? schedulePlan(plan) : input.schedule;
  const policy = input.policy ?? DEFAULT_QUALITY_POLICY;
  const progress = input.progress ?? new Map<string, ActivityProgress>();
  const { activities, dependencies } = sortedPlanViews(plan);
  const incompleteActivities = activities.filter((a) => progress.get(a.id)?.actualFinish == null);
  const context: Context = {
    plan,
    schedule,
    policy,
    statusDate: input.statusDate ?? null,
    progress,
    baseline: input.baselineSchedule ?? null,
    calendar: plan.calendar.get(plan.settings.calendarId) ?? DEFAULT_CALENDAR,
    activities,
    dates: new Map((schedule?.activities ?? []).map((a) => [a.id, a])),
    predecessors: countEnds(dependencies, 'to'),
    successors: countEnds(dependencies, 'from'),
    links: dependencies.filter((d) => d.fromProject === null),
    incomplete: incompleteActivities,
    tasks: incompleteActivities.filter((a) => a.milestone === null && a.duration > 0),
    assignments: plan.assignment.sortedValues(),
  };
  const checks = QUALITY_CHECKS.map((id): QualityCheck => {
    const spec = CHECKS[id];
    return {
      id,
      source: spec.source,
      title: spec.title,
      severity: policy.severities[id] ?? 'warning',
      threshold: spec.threshold,
      ...spec.run(context),
    };
  });
  const failed = checks.filter((c) => c.status === 'fail');
  const blockingFailures = failed.filter((c) => c.severity === 'blocking').map((c) => c.id);
  return {
    checks,
    blockingFailures,
    warnings: failed.filter((c) => c.severity === 'warning').map((c) => c.id),
    passed: blockingFailures.length === 0,
  };
}

/** Validates a policy change: known check ids, severities and a positive reporting period. */
export function mergeQualityPolicy(
  current: QualityPolicy,
  change: {
    severities?: Partial<Record<string, string>>;
    requiredMilestoneReferences?: readonly string[];
    reportingPeriodWorkingDays?: number;
  },
): { policy: QualityPolicy; problems: string[] } {
  const problems: string[] = [];
  const severities = { ...current.severities };
  for (const [id, severity] of Object.entries(change.severities ?? {})) {
    if (!isOneOf(QUALITY_CHECKS, id))
      problems.push(`severities.${id}: unknown check; known: ${QUALITY_CHECKS.join(', ')}`);
    else if (!isOneOf(SEVERITIES, severity))
      problems.push(`severities.${id}: must be ${SEVERITIES.map((v) => `'${v}'`).join(' or ')}`);
    else severities[id as QualityCheckId] = severity;
  }
  const references = change.requiredMilestoneReferences ?? current.requiredMilestoneReferences;
  references.forEach((r, i) => {
    if (typeof r !== 'string' || r.trim() === '')
      problems.push(`requiredMilestoneReferences[${i}]: must be a non-empty reference`);
  });
  const period = change.reportingPeriodWorkingDays ?? current.reportingPeriodWorkingDays;
  if (!Number.isInteger(period) || period <= 0)
    problems.push('reportingPeriodWorkingDays: must be a whole number of working days > 0');
  return {
    policy: { severities, requiredMilestoneReferences: [...references], reportingPeriodWorkingDays: period },
    problems,
  };
}
