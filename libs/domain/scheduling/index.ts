/**
 * Scheduling engine: working-time calendars and CPM (docs/formats/schedule-json.md, docs/scheduling.md).
 * Pure: no I/O, no clock. Instants are local minutes since 1970-01-01T00:00 (see local-time.ts).
 */
export {
  type CalendarException,
  type CalendarSpec,
  type Convention,
  type WorkingInterval,
  WorkingTime,
  calendarProblem,
  continuousCalendar,
  uniformCalendar,
} from './calendar.js';
export {
  type BackwardPass,
  type ForwardPass,
  type PreparedNetwork,
  type ScheduleResult,
  activityLabel,
  backwardPass,
  computeSchedule,
  finishResult,
  forwardPass,
  prepareNetwork,
} from './cpm.js';
export {
  MINUTES_PER_CLOCK_DAY,
  createDateTimeFormatter,
  dayNumberOf,
  formatLocalDate,
  formatLocalDateTime,
  isoWeekday,
  parseClockTime,
  parseLocalDate,
  parseLocalDateTime,
} from './local-time.js';
export {
  type ActivityOutput,
  type CrossProjectLinkOutput,
  type ImsOutput,
  type ScheduleOutput,
  formatScheduleJson,
  formatScheduleJsonBytes,
  formatScheduleResult,
  parseScheduleJson,
  writeScheduleJson,
} from './schedule-json.js';
export { scanScheduleJson } from './schedule-json-scan.js';
export {
  CONSTRAINT_TYPE_NAMES,
  ConstraintType,
  type ConstraintTypeName,
  type ActivityIdBytes,
  type ActivityInput,
  LINK_TYPE_NAMES,
  LinkType,
  type LinkInput,
  type LinkTypeName,
  type ProjectSpec,
  type ScheduleModel,
  type ScheduleModelBuilder,
  createScheduleModelBuilder,
} from './schedule-model.js';
