import type { ImportedProject, LinkType } from '../imported-project.js';

/** Earned value of one control account in one reporting period (current-period values, not cumulative). */
export interface ControlAccountPeriod {
  readonly controlAccount: string;
  /** `YYYY-MM`. */
  readonly period: string;
  readonly bcws: number;
  readonly bcwp: number;
  readonly acwp: number;
}

export interface IpmdarInput {
  readonly project: ImportedProject;
  /** The status date the dataset reports at (the procedure's TimeNow). */
  readonly statusDate: string;
  /** Per control account and period, from the earned-value engine (libs/domain/earned-value) or the EV tool. */
  readonly performance: readonly ControlAccountPeriod[];
  /** Budget at completion per control account; absent = the sum of its tasks' baseline 0 cost. */
  readonly budgetAtCompletion?: Readonly<Record<string, number>>;
  /** Estimate at completion per control account; absent = not reported (null). */
  readonly estimateAtCompletion?: Readonly<Record<string, number>>;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * An IPMDAR-style dataset (after the DoD Integrated Program Management Data and Analysis Report): a contract
 * performance table per control account and period (current and cumulative BCWS, BCWP, ACWP with SV, CV, SPI,
 * CPI) and schedule performance tables of tasks, relationships and assignments from the plan. docs/interop.md
 * gives the column mapping. Plain JSON-ready data; the caller writes it.
 */
export function exportIpmdar(input: IpmdarInput) {
  const { project } = input;
  const tasks = project.tasks;
  const accounts = [
    ...new Set([
      ...tasks.map((t) => t.ev.controlAccount).filter((c): c is string => c !== null),
      ...input.performance.map((p) => p.controlAccount),
    ]),
  ];
  const camOf = (ca: string) =>
    tasks.find((t) => t.ev.controlAccount === ca && t.ev.cam !== null)?.ev.cam ?? null;
  const baselineBudget = (ca: string) =>
    tasks
      .filter((t) => t.ev.controlAccount === ca && !t.summary)
      .reduce((sum, t) => sum + (t.baselines.find((b) => b.number === 0)?.cost ?? 0), 0);

  const controlAccounts = accounts.map((ca) => {
    const rows = input.performance
      .filter((p) => p.controlAccount === ca)
      .sort((a, b) => a.period.localeCompare(b.period));
    let cumBcws = 0;
    let cumBcwp = 0;
    let cumAcwp = 0;
    const periods = rows.map((r) => {
      cumBcws += r.bcws;
      cumBcwp += r.bcwp;
      cumAcwp += r.acwp;
      return {
        period: r.period,
        current: { BCWS: round(r.bcws), BCWP: round(r.bcwp), ACWP: round(r.acwp) },
        cumulative: {
          BCWS: round(cumBcws),
          BCWP: round(cumBcwp),
          ACWP: round(cumAcwp),
          SV: round(cumBcwp - cumBcws),
          CV: round(cumBcwp - cumAcwp),
          SPI: cumBcws === 0 ? null : cumBcwp / cumBcws,
          CPI: cumAcwp === 0 ? null : cumBcwp / cumAcwp,
        },
      };
    });
    return {
      controlAccount: ca,
      cam: camOf(ca),
      BAC: round(input.budgetAtCompletion?.[ca] ?? baselineBudget(ca)),
      EAC: input.estimateAtCompletion?.[ca] ?? null,
      workPackages: [
        ...new Set(
          tasks
            .filter((t) => t.ev.controlAccount === ca && t.ev.workPackage !== null)
            .map((t) => t.ev.workPackage!),
        ),
      ],
      periods,
    };
  });

  const days = (minutes: number | null) => (minutes === null ? null : round(minutes / project.minutesPerDay));
  const scheduleTasks = tasks.map((t) => {
    const baseline = t.baselines.find((b) => b.number === 0) ?? null;
    return {
      taskId: t.id,
      name: t.name,
      wbs: t.wbs,
      parentTaskId: t.parentId,
      type: t.summary ? 'summary' : t.milestone ? 'milestone' : 'task',
      controlAccount: t.ev.controlAccount,
      workPackage: t.ev.workPackage,
      earnedValueTechnique: t.ev.technique,
      durationDays: days(t.duration.minutes),
      baselineStart: baseline?.start ?? null,
      baselineFinish: baseline?.finish ?? null,
      forecastStart: t.reported.start,
      forecastFinish: t.reported.finish,
      actualStart: t.progress.actualStart,
      actualFinish: t.progress.actualFinish,
      percentComplete: t.progress.percentComplete,
      totalFloatDays: days(t.reported.totalSlackMinutes),
      freeFloatDays: days(t.reported.freeSlackMinutes),
      critical: t.reported.critical,
      constraintType: t.constraint.type,
      constraintDate: t.constraint.date,
      calendarId: t.calendarId ?? project.calendarId,
    };
  });
  const relationships = project.links.map((l) => ({
    predecessorTaskId: l.predecessorId,
    successorTaskId: l.successorId,
    type: l.type as LinkType,
    lagDays: l.lag.percent === null ? days(l.lag.minutes) : null,
    lagPercent: l.lag.percent,
    lagElapsed: l.lag.elapsed,
    external: l.external,
  }));
  const assignments = project.assignments.map((a) => ({
    taskId: a.taskId,
    resourceId: a.resourceId,
    resourceName: project.resources.find((r) => r.id === a.resourceId)?.name ?? null,
    units: a.units,
    budgetHours:
      a.baselines.find((b) => b.number === 0)?.workMinutes === undefined
        ? null
        : round((a.baselines.find((b) => b.number === 0)!.workMinutes ?? 0) / 60),
    remainingHours: a.workMinutes === null ? null : round((a.workMinutes - (a.actualWorkMinutes ?? 0)) / 60),
    actualHours: a.actualWorkMinutes === null ? null : round(a.actualWorkMinutes / 60),
    budgetCost: a.baselines.find((b) => b.number === 0)?.cost ?? null,
    actualCost: a.actualCost,
  }));

  return {
    dataset: 'IPMDAR-style',
    project: project.name,
    statusDate: input.statusDate,
    contractPerformance: { controlAccounts },
    schedulePerformance: { tasks: scheduleTasks, relationships, assignments },
  };
}
