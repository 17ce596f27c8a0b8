import { assign, initialTransition, setup, type SnapshotFrom } from 'xstate';
import { pureTransition } from './pure-transition.js';

/**
 * 4.2.6 Integrated Baseline Review: prepare (the listed inputs), assess the PMB against the seven points, capture
 * risks and issues, out-brief, and the PM's closing assessment. When the PM finds no mutual understanding of the
 * PMB or no agreed risk plan, the review goes back to assessment. Pure: no invoke, timers or promises.
 */
export const IBR_INPUTS = [
  'wbs',
  'wbsDictionary',
  'cap',
  'ims',
  'evMethods',
  'evMeasurementCriteria',
] as const;
export type IbrInput = (typeof IBR_INPUTS)[number];

/** The seven compliance points the Project Team Lead confirms (4.2.6, after the NDIA IBR guide). */
export const IBR_CRITERIA = [
  'scopeFullyIncluded',
  'keyMilestonesIdentified',
  'logicalFlow',
  'resourcesAdequate',
  'objectiveMeasurement',
  'rationaleReasonable',
  'managementProcessesInPlace',
] as const;
export type IbrCriterion = (typeof IBR_CRITERIA)[number];

export interface IbrContext {
  readonly inputs: readonly IbrInput[];
  readonly criteria: readonly IbrCriterion[];
  readonly risks: number;
}

export type IbrMachineEvent =
  | { type: 'provideInput'; input: IbrInput }
  | { type: 'completePreparation' }
  | { type: 'assessCriterion'; criterion: IbrCriterion }
  | { type: 'recordRisk' }
  | { type: 'completeAssessment' }
  | { type: 'conductOutBrief' }
  | { type: 'close'; mutualUnderstanding: boolean; riskPlanAgreed: boolean }
  | { type: 'cancel' };

export const ibrMachine = setup({
  types: {} as { context: IbrContext; events: IbrMachineEvent },
  guards: {
    allInputsProvided: ({ context }) => IBR_INPUTS.every((i) => context.inputs.includes(i)),
    allCriteriaAssessed: ({ context }) => IBR_CRITERIA.every((c) => context.criteria.includes(c)),
    purposeAchieved: ({ event }) =>
      event.type === 'close' && event.mutualUnderstanding && event.riskPlanAgreed,
  },
  actions: {
    addInput: assign(({ context, event }) =>
      event.type === 'provideInput' && !context.inputs.includes(event.input)
        ? { inputs: [...context.inputs, event.input] }
        : {},
    ),
    countRisk: assign(({ context }) => ({ risks: context.risks + 1 })),
    addCriterion: assign(({ context, event }) =>
      event.type === 'assessCriterion' && !context.criteria.includes(event.criterion)
        ? { criteria: [...context.criteria, event.criterion] }
        : {},
    ),
  },
}).createMachine({
  id: 'integratedBaselineReview',
  context: { inputs: [], criteria: [], risks: 0 },
  initial: 'preparing',
  states: {
    preparing: {
      on: {
        provideInput: { actions: 'addInput' },
        completePreparation: { guard: 'allInputsProvided', target: 'assessing' },
        cancel: 'cancelled',
      },
    },
    assessing: {
      on: {
        assessCriterion: { actions: 'addCriterion' },
        recordRisk: { actions: 'countRisk' },
        completeAssessment: { guard: 'allCriteriaAssessed', target: 'outBriefPending' },
        cancel: 'cancelled',
      },
    },
    outBriefPending: { on: { recordRisk: { actions: 'countRisk' }, conductOutBrief: 'closingAssessment' } },
    closingAssessment: {
      on: {
        recordRisk: { actions: 'countRisk' },
        close: [{ guard: 'purposeAchieved', target: 'closed' }, { target: 'assessing' }],
      },
    },
    closed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type IbrSnapshot = SnapshotFrom<typeof ibrMachine>;
export const initialIbr = (): IbrSnapshot => initialTransition(ibrMachine)[0];
const stepIbr = pureTransition(ibrMachine);
export const advanceIbr = (s: IbrSnapshot, e: IbrMachineEvent): IbrSnapshot => stepIbr(s, e);
