import { own } from '../kernel/text.js';
import { availableActions, type ProcedureView } from '../baseline/available-actions.js';
import { rolesOf } from '../baseline/project.state.js';
import type { ExecutionMachineEvent } from '../procedure/execution.machine.js';
import { ENTRY_CONDITIONS } from '../procedure/execution.machine.js';
import type { IbrMachineEvent } from '../procedure/ibr.machine.js';
import type { Role } from '../procedure/roles.js';
import { CONTROLS_COMMAND_ROLES } from './controls.authorization.js';
import type { ControlsCommandType } from './controls.commands.js';
import { changeRequestStatus, currentIbr, type ControlledProjectState } from './controls.state.js';

export interface ControlsAction {
  readonly command: ControlsCommandType;
  readonly roles: readonly Role[];
  /** The change request or deliverable the action applies to. */
  readonly target?: string;
}

export interface ControlledProjectView extends ProcedureView {
  readonly ibr: {
    readonly ibrNumber: number;
    readonly step: string;
    readonly findings: readonly string[];
  } | null;
  readonly execution: string;
  readonly lastStatusDate: string | null;
  readonly changeRequests: readonly { readonly id: string; readonly status: string }[];
  readonly controlsActions: readonly ControlsAction[];
}

const IBR_EVENTS: Partial<Record<ControlsCommandType, IbrMachineEvent>> = {
  ProvideIbrInput: { type: 'provideInput', input: 'wbs' },
  CompleteIbrPreparation: { type: 'completePreparation' },
  AssessIbrCriterion: { type: 'assessCriterion', criterion: 'logicalFlow' },
  RecordIbrRisk: { type: 'recordRisk' },
  CompleteIbrAssessment: { type: 'completeAssessment' },
  ConductIbrOutBrief: { type: 'conductOutBrief' },
  AssessIbrClosing: { type: 'close', mutualUnderstanding: true, riskPlanAgreed: true },
  CancelIbr: { type: 'cancel' },
};

const EXECUTION_EVENTS: Partial<Record<ControlsCommandType, ExecutionMachineEvent>> = {
  BeginExecution: { type: 'begin' },
  RecordTeamAssembled: { type: 'assembleTeam' },
  RecordResourcesAssigned: { type: 'assignResources' },
  HoldStatusMeeting: { type: 'holdStatusMeeting' },
  BeginExecutionReview: { type: 'beginPhaseReview' },
  RecordLessonsLearned: { type: 'recordLessonsLearned' },
  CloseExecution: { type: 'close' },
};

/**
 * Both parts of the procedure as one view for `actor`: the part-1 step and actions (without `StartReplan`, which
 * only an approved change request does now) and the part-2 actions the fold allows, per change request and
 * deliverable, after roles and segregation of duties. Payload checks still happen in `decide`.
 */
export function controlledProjectView(state: ControlledProjectState, actor: string): ControlledProjectView {
  const base = availableActions(state.project, actor);
  const { project, controls } = state;
  const view = {
    ...base,
    actions: base.actions.filter((a) => a.command !== 'StartReplan'),
    ibr: null as ControlledProjectView['ibr'],
    execution: String(controls.execution.value),
    lastStatusDate: controls.periods.at(-1)?.statusDate ?? null,
    changeRequests: Object.values(controls.changeRequests)
      .map((r) => ({ id: r.request.changeRequestId, status: changeRequestStatus(r) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    controlsActions: [] as ControlsAction[],
  };
  if (project.projectId === null) return view;
  const ibr = currentIbr(controls);
  view.ibr = ibr
    ? {
        ibrNumber: ibr.scheduled.ibrNumber,
        step: String(ibr.snapshot.value),
        findings: ibr.scheduled.findings,
      }
    : null;
  const baselined = project.baselines.length > 0;
  const actions = view.controlsActions;
  for (const command of Object.keys(CONTROLS_COMMAND_ROLES) as ControlsCommandType[]) {
    const roles = rolesOf(project, actor).filter((r) => CONTROLS_COMMAND_ROLES[command].includes(r));
    if (roles.length === 0) continue;
    const push = (target?: string) =>
      actions.push(target === undefined ? { command, roles } : { command, roles, target });
    const ibrEvent = IBR_EVENTS[command];
    const executionEvent = EXECUTION_EVENTS[command];
    if (ibrEvent) {
      if (ibr?.snapshot.can(ibrEvent)) push();
    } else if (executionEvent) {
      if (controls.execution.can(executionEvent)) push();
    } else {
      switch (command) {
        case 'SetScheduleQualityPolicy':
          push();
          break;
        case 'ScheduleIbr':
          if (baselined && !ibr) push();
          break;
        case 'RecordStatusPeriod':
        case 'SubmitChangeRequest':
          if (baselined) push();
          break;
        case 'AssessImsUpdate':
          if (project.assessment?.ims.answer) push();
          break;
        case 'RecordEntryCondition':
          if (
            ENTRY_CONDITIONS.some(
              (c) =>
                controls.execution.can({ type: 'meetCondition', condition: c }) &&
                !controls.execution.context.conditions.includes(c),
            )
          )
            push();
          break;
        case 'BeginChangeRequestReview':
        case 'ApproveChangeRequest':
        case 'RejectChangeRequest':
        case 'WithdrawChangeRequest':
          for (const record of Object.values(controls.changeRequests)) {
            const status = changeRequestStatus(record);
            const requester = record.request.by;
            const ok =
              command === 'BeginChangeRequestReview'
                ? status === 'submitted'
                : command === 'WithdrawChangeRequest'
                  ? status === 'submitted' && requester === actor
                  : requester !== actor &&
                    (status === 'underReview' ||
                      (command === 'RejectChangeRequest' && status === 'submitted'));
            if (ok) push(record.request.changeRequestId);
          }
          break;
        case 'SubmitDeliverable':
          if (controls.execution.value === 'executing') push();
          break;
        case 'ReviewDeliverableQuality':
        case 'AcceptDeliverable':
        case 'RejectDeliverable':
          for (const [id, status] of Object.entries(controls.execution.context.deliverables).sort()) {
            const wanted = command === 'ReviewDeliverableQuality' ? 'submitted' : 'qaPassed';
            if (status === wanted && own(controls.deliverableSubmitters, id) !== actor) push(id);
          }
          break;
        default:
          break;
      }
    }
  }
  return view;
}
