import type { ControlsCommand } from '#domain/controls/controls.commands.js';
import {
  CHANGE_REQUEST_ORIGIN_KINDS,
  IBR_ITEM_KINDS,
  IBR_TRIGGERS,
} from '#domain/controls/controls.events.js';
import { ENTRY_CONDITIONS } from '#domain/procedure/execution.machine.js';
import { IBR_CRITERIA, IBR_INPUTS } from '#domain/procedure/ibr.machine.js';
import { ROLES } from '#domain/procedure/roles.js';
import { CAM_CHECKS, DCMA_CHECKS, SEVERITIES } from '#domain/quality/schedule-quality.js';
import { type CommandFieldTable, type FieldSpec, inputType } from './command-inputs.js';

/** Part 2 of the procedure (IBR, status periods, change control, IMS slips, quality policy, execution phase). */
const req = (kind: FieldSpec['kind'], description?: string): FieldSpec => ({
  kind,
  required: true,
  description,
});
const opt = (kind: FieldSpec['kind'], description?: string): FieldSpec => ({ kind, description });
const DATE = 'A date YYYY-MM-DD.';

const severities = inputType(
  'QualitySeveritiesInput',
  Object.fromEntries([...CAM_CHECKS, ...DCMA_CHECKS].map((check) => [check, opt({ oneOf: SEVERITIES })])),
  { description: 'Severity per schedule-quality check; checks left out keep their severity.' },
);
const progress = inputType('ActivityProgressInput', {
  activityId: req('id'),
  percentComplete: req('float'),
  actualStart: opt('id', DATE),
  actualFinish: opt('id', DATE),
});
const actualCost = inputType('ActualCostInput', {
  workPackageId: req('id'),
  amount: req('float', 'Actual cost of this period (not cumulative).'),
});
const origin = inputType('ChangeRequestOriginInput', {
  kind: req({ oneOf: CHANGE_REQUEST_ORIGIN_KINDS }),
  sourceProject: req('id'),
  sourceEventId: req('id'),
});
const slip = inputType('ImsSlipInput', {
  project: req('id'),
  controlAccountId: req('id'),
  baselineDurationDays: req('float'),
  slipDays: req('float'),
});
const member = inputType('TeamMemberInput', { person: req('id'), role: req({ oneOf: ROLES }) });
const staffing = inputType('ResourceStaffingInput', { person: req('id'), activityIds: req('ids') });

const changeRequestId = req('id');

export const CONTROLS_FIELDS = {
  SetScheduleQualityPolicy: {
    severities: opt({ nested: () => severities }),
    requiredMilestoneReferences: opt('texts'),
    reportingPeriodWorkingDays: opt('int'),
  },
  ScheduleIbr: {
    trigger: req({ oneOf: IBR_TRIGGERS }),
    reviewDate: req('id', DATE),
    contractAwardDate: opt('id', `${DATE} Required for the initial IBR.`),
    reason: opt('text'),
    changeRequestId: opt('id'),
  },
  ProvideIbrInput: { input: req({ oneOf: IBR_INPUTS }), reference: req('text') },
  CompleteIbrPreparation: {},
  AssessIbrCriterion: { criterion: req({ oneOf: IBR_CRITERIA }), compliant: req('bool'), notes: opt('text') },
  RecordIbrRisk: {
    kind: req({ oneOf: IBR_ITEM_KINDS }),
    itemId: req('id'),
    description: req('text'),
    owner: req('id'),
  },
  CompleteIbrAssessment: {},
  ConductIbrOutBrief: { summary: req('text') },
  AssessIbrClosing: { mutualUnderstanding: req('bool'), riskPlanAgreed: req('bool'), notes: opt('text') },
  CancelIbr: { reason: req('text') },
  RecordStatusPeriod: {
    statusDate: req('id', DATE),
    progress: opt({ list: () => progress }),
    actualCosts: opt({ list: () => actualCost }),
  },
  SubmitChangeRequest: {
    changeRequestId,
    reason: req('text'),
    scope: req('text'),
    controlAccounts: req('ids'),
    costImpact: req('float'),
    scheduleImpactDays: req('float'),
    breachPeriod: opt('int', 'The status period whose threshold breach is the evidence.'),
    origin: opt({ nested: () => origin }),
  },
  BeginChangeRequestReview: { changeRequestId },
  ApproveChangeRequest: { changeRequestId, notes: opt('text') },
  RejectChangeRequest: { changeRequestId, reason: req('text') },
  WithdrawChangeRequest: { changeRequestId, reason: req('text') },
  AssessImsUpdate: { imsId: req('id'), thresholdPercent: opt('float'), slips: req({ list: () => slip }) },
  RecordEntryCondition: { condition: req({ oneOf: ENTRY_CONDITIONS }), evidence: req('text') },
  BeginExecution: {},
  RecordTeamAssembled: { members: req({ list: () => member }) },
  RecordResourcesAssigned: { assignments: req({ list: () => staffing }) },
  HoldStatusMeeting: { date: req('id', DATE), attendees: req('ids'), notes: opt('text') },
  SubmitDeliverable: { deliverableId: req('id'), name: req('name') },
  ReviewDeliverableQuality: { deliverableId: req('id'), passed: req('bool'), findings: opt('texts') },
  AcceptDeliverable: { deliverableId: req('id') },
  RejectDeliverable: { deliverableId: req('id'), reason: req('text') },
  BeginExecutionReview: {},
  RecordLessonsLearned: { lessons: req('texts') },
  CloseExecution: {},
} satisfies CommandFieldTable<ControlsCommand>;
