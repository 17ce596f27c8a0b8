/** Interop with MS Project (MSPDI), Primavera P6 (XER, PMXML) and IPMDAR-style JSON; see docs/interop.md. */
export type * from './imported-project.js';
export { importMspdi, type MspdiImportOptions } from './mspdi/mspdi-import.js';
export { exportMspdi, type MspdiExportOptions } from './mspdi/mspdi-export.js';
export {
  compareWithMsProject,
  type TaskComparison,
  type FieldComparison,
} from './mspdi/ms-project-oracle.js';
export { importXer, type XerImportOptions } from './p6/xer-import.js';
export { importPmxml, type PmxmlImportOptions } from './p6/pmxml-import.js';
export { exportIpmdar, type IpmdarInput, type ControlAccountPeriod } from './ipmdar/ipmdar-export.js';
export { performanceFromEvmReports } from './ipmdar/from-evm-reports.js';
export { toScheduleModel, type MappedSchedule } from './schedule-mapping.js';
export { importScheduleFile, loadScheduleModelFromFile } from './load-schedule-model.js';
export { resolveCalendar, exceptionDates, type ResolvedCalendar } from './calendar-resolution.js';
