import { computeSchedule } from '../cpm.js';
import { formatLocalDateTime } from '../local-time.js';
import { parseScheduleJson } from '../schedule-json.js';
import { levelSchedule, type LevelingOptions, type Move, type Unresolved } from './level-schedule.js';
import {
  assignmentAllocations,
  histogram,
  type AssignmentAllocation,
  type Granularity,
  type HistogramRow,
  type OverAllocation,
} from './loading.js';
import { namingRule, type NamingFlag } from './naming-rule.js';
import { parseResourcePlan } from './resources-json.js';

export interface LevelingReport {
  readonly mode: LevelingOptions['mode'];
  readonly projectFinish: { readonly before: string; readonly after: string };
  readonly activities: readonly {
    readonly id: string;
    readonly start: string;
    readonly finish: string;
    readonly delayDays: number;
  }[];
  readonly moves: readonly Move[];
  readonly unresolved: readonly Unresolved[];
  readonly overAllocations: {
    readonly before: readonly OverAllocation[];
    readonly after: readonly OverAllocation[];
  };
  readonly assignments: readonly AssignmentAllocation[];
  readonly laborCategoriesToName: readonly NamingFlag[];
  readonly histogram?: readonly HistogramRow[];
  readonly schedules: number;
}

export interface ReportOptions extends LevelingOptions {
  readonly histogram?: Granularity;
  /** 4.2.1 footnote 4: the naming window, six months unless the Project Manager decides otherwise. */
  readonly namingWindowMonths?: number;
}

/** Schedule JSON with `resources` and `assignments` in, the leveling report of docs/leveling.md out. */
export function levelScheduleJson(json: unknown, options: ReportOptions): LevelingReport {
  const model = parseScheduleJson(json);
  const plan = parseResourcePlan(json, model);
  const cpm = computeSchedule(model);
  const outcome = levelSchedule(model, plan, cpm, options);
  const project = model.projects[0];
  const moved = new Map(outcome.moves.map((m) => [m.activity, m.delayDays]));
  return {
    mode: options.mode,
    projectFinish: {
      before: formatLocalDateTime(outcome.projectFinishBefore),
      after: formatLocalDateTime(outcome.projectFinishAfter),
    },
    activities: model.activityIds.map((id, j) => ({
      id,
      start: formatLocalDateTime(outcome.dates.start[j]),
      finish: formatLocalDateTime(outcome.dates.finish[j]),
      delayDays: moved.get(id) ?? 0,
    })),
    moves: outcome.moves,
    unresolved: outcome.unresolved,
    overAllocations: { before: outcome.before, after: outcome.after },
    assignments: assignmentAllocations(model, plan),
    laborCategoriesToName: namingRule(
      model,
      plan,
      outcome.dates,
      project.statusDate ?? project.start,
      options.namingWindowMonths,
    ),
    ...(options.histogram ? { histogram: histogram(model, plan, outcome.dates, options.histogram) } : {}),
    schedules: outcome.schedules,
  };
}
