import { computeSchedule, formatLocalDateTime } from '#domain/scheduling/index.js';
import type { ImportedProject, ImportedTask } from '../imported-project.js';
import { toScheduleModel } from '../schedule-mapping.js';

/** The fields compared with MS Project's saved results. */
export const COMPARED_FIELDS = [
  'earlyStart',
  'earlyFinish',
  'lateStart',
  'lateFinish',
  'totalSlack',
  'freeSlack',
  'critical',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldComparison {
  readonly field: ComparedField;
  readonly ours: string;
  readonly msProject: string;
}

export interface TaskComparison {
  readonly id: string;
  readonly name: string;
  /** `compared`: an auto-scheduled, unstarted, non-summary task; otherwise why it is not an oracle. */
  readonly scope: 'compared' | 'summary' | 'manual' | 'started' | 'inactive';
  readonly differences: readonly FieldComparison[];
}

/** Slack is compared in minutes (MS Project saves tenths of a minute); ours comes in days of MinutesPerDay. */
const SLACK_TOLERANCE_MINUTES = 0.5;

function outOfScope(task: ImportedTask): TaskComparison['scope'] | null {
  if (task.summary) return 'summary';
  if (!task.active) return 'inactive';
  if (task.manual) return 'manual';
  if (task.progress.actualStart !== null || task.progress.percentComplete > 0) return 'started';
  return null;
}

/**
 * Schedules an imported MSPDI plan with Plumbline's engine and compares every auto-scheduled, unstarted,
 * non-summary task with the early/late dates, total/free slack and critical flag MS Project saved in the file.
 */
export function compareWithMsProject(project: ImportedProject): TaskComparison[] {
  const { model, scheduled } = toScheduleModel(project);
  const result = computeSchedule(model);
  const index = new Map(scheduled.map((t, i) => [t.id, i]));
  const hasSuccessor = new Set(project.links.map((l) => l.predecessorId));
  return project.tasks.map((task) => {
    const scope = outOfScope(task);
    if (scope !== null) return { id: task.id, name: task.name, scope, differences: [] };
    const i = index.get(task.id)!;
    const r = task.reported;
    const differences: FieldComparison[] = [];
    const date = (field: ComparedField, ours: number, theirs: string | null) => {
      const text = formatLocalDateTime(ours);
      if (theirs === null || text.slice(0, 16) !== theirs.slice(0, 16))
        differences.push({ field, ours: text, msProject: theirs ?? '(absent)' });
    };
    date('earlyStart', result.earlyStart[i], r.earlyStart);
    date('earlyFinish', result.earlyFinish[i], r.earlyFinish);
    date('lateStart', result.lateStart[i], r.lateStart);
    date('lateFinish', result.lateFinish[i], r.lateFinish);
    const slack = (field: ComparedField, oursDays: number, theirs: number | null) => {
      const ours = oursDays * project.minutesPerDay;
      if (theirs === null || Math.abs(ours - theirs) > SLACK_TOLERANCE_MINUTES) {
        differences.push({
          field,
          ours: `${round(ours)} min`,
          msProject: theirs === null ? '(absent)' : `${theirs} min`,
        });
      }
    };
    if (task.duration.elapsed) {
      // MS Project states the slack of an elapsed-duration task in clock minutes (LS − ES on the 24×7 clock).
      const clock = (result.lateStart[i] - result.earlyStart[i]) / project.minutesPerDay;
      // without successors the free slack runs to the project finish, on the same clock
      const free = hasSuccessor.has(task.id)
        ? result.freeFloat[i]
        : (result.projectFinish[0] - result.earlyFinish[i]) / project.minutesPerDay;
      slack('totalSlack', clock, r.totalSlackMinutes);
      slack('freeSlack', free, r.freeSlackMinutes);
    } else {
      slack('totalSlack', result.totalFloat[i], r.totalSlackMinutes);
      slack('freeSlack', result.freeFloat[i], r.freeSlackMinutes);
    }
    const critical = result.critical[i] === 1;
    if (r.critical !== critical)
      differences.push({ field: 'critical', ours: String(critical), msProject: String(r.critical) });
    return { id: task.id, name: task.name, scope: 'compared', differences };
  });
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
