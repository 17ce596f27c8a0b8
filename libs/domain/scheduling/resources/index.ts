export { levelScheduleJson, type LevelingReport, type ReportOptions } from './level-report.js';
export {
  levelSchedule,
  type LevelingMode,
  type LevelingOptions,
  type LevelingOutcome,
  type Move,
  type Unresolved,
} from './level-schedule.js';
export {
  assignmentAllocations,
  dailyLoad,
  histogram,
  overAllocations,
  type ActivityDates,
  type AssignmentAllocation,
  type Granularity,
  type HistogramRow,
  type OverAllocation,
} from './loading.js';
export { addMonths, namingRule, type NamingFlag } from './naming-rule.js';
export {
  parseResourcePlan,
  type Assignment,
  type Resource,
  type ResourceKind,
  type ResourcePlan,
} from './resources-json.js';
