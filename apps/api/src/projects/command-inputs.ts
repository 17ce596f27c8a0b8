import type { Type } from '@nestjs/common';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type as TransformTo } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  CONSTRAINT_TYPES,
  COST_ITEM_CATEGORIES,
  LINK_TYPES,
  MILESTONE_DESIGNATIONS,
  RESOURCE_KINDS,
  WORK_PACKAGE_KINDS,
  type PlanKind,
} from '#domain/baseline/plan.js';
import {
  IMS_IMPACTS,
  PLAN_COMMAND_TYPES,
  SCHEDULE_IMPORT_FORMATS,
  type ProjectCommand,
  type ProjectCommandType,
} from '#domain/baseline/project.commands.js';
import { ROLES } from '#domain/procedure/roles.js';
import { BoundedString, IdString, TEXT_LIMITS } from '../limits/bounded-string.decorator.js';
import { Omittable, PositionValue } from '../limits/position.decorator.js';

/**
 * The mutations' input types, generated from one table of fields per command so that sixty commands do not need
 * sixty hand-written classes, while every field keeps its GraphQL type and its class-validator limits.
 */
type Scalar =
  | 'id'
  | 'name'
  | 'text'
  | 'document'
  | 'revision'
  | 'float'
  | 'int'
  | 'bool'
  | 'ids'
  | 'texts'
  | 'weekdays'
  | 'hourRanges';
export interface FieldSpec {
  readonly kind:
    | Scalar
    | { readonly nested: () => Type }
    | { readonly list: () => Type }
    | { readonly oneOf: readonly string[] };
  readonly required?: boolean;
  /** An optional field that may be left out but not sent as null (it has no "cleared" meaning). */
  readonly omittable?: boolean;
  readonly description?: string;
}
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/**
 * The field table of a command, checked against the domain's command type: one spec for each field the caller
 * supplies (everything but `type` and the envelope the server adds), and no field the command does not have.
 */
export type FieldsOf<C> = {
  readonly [K in Exclude<keyof C, 'type' | 'projectId' | 'actor' | 'at'>]-?: FieldSpec;
};
/** The field tables of a command union, per command type (`satisfies CommandFieldTable<ProjectCommand>`). */
export type CommandFieldTable<U extends { readonly type: string }> = {
  readonly [T in U['type']]: FieldsOf<Extract<U, { type: T }>>;
};

const MAX_LIST = 1000;
/** Schedule JSON is the one large text: the request body limit (PLUMBLINE_MAX_BODY_BYTES) caps it. */
const MAX_IMPORT_CHARS = 104_857_600;

const req = (kind: FieldSpec['kind'], description?: string): FieldSpec => ({
  kind,
  required: true,
  description,
});
const opt = (kind: FieldSpec['kind'], description?: string): FieldSpec => ({ kind, description });
const omittable = (kind: FieldSpec['kind'], description?: string): FieldSpec => ({
  kind,
  omittable: true,
  description,
});

function gqlType(kind: FieldSpec['kind']): () => unknown {
  if (typeof kind === 'object') {
    if ('nested' in kind) return kind.nested;
    if ('list' in kind) return () => [kind.list()];
    return () => String;
  }
  switch (kind) {
    case 'float':
      return () => Float;
    case 'int':
      return () => Int;
    case 'bool':
      return () => Boolean;
    case 'ids':
    case 'texts':
      return () => [String];
    case 'weekdays':
      return () => [Int];
    case 'hourRanges':
      return () => [[String]];
    default:
      return () => String;
  }
}

function validators(kind: FieldSpec['kind']): PropertyDecorator[] {
  if (typeof kind === 'object') {
    if ('oneOf' in kind) return [IsIn(kind.oneOf, { message: `must be one of ${kind.oneOf.join(', ')}` })];
    if ('list' in kind)
      return [IsArray(), ArrayMaxSize(MAX_LIST), ValidateNested({ each: true }), TransformTo(kind.list)];
    return [ValidateNested(), TransformTo(kind.nested)];
  }
  const list = [IsArray(), ArrayMaxSize(MAX_LIST)];
  switch (kind) {
    case 'id':
      return [IdString()];
    case 'name':
      return [BoundedString(TEXT_LIMITS.name)];
    case 'text':
      return [BoundedString(TEXT_LIMITS.text, { allowEmpty: true })];
    case 'document':
      return [BoundedString(MAX_IMPORT_CHARS, { kind: 'document' })];
    case 'revision':
      return [PositionValue('stream revision')];
    case 'float':
      return [IsNumber({ allowNaN: false, allowInfinity: false })];
    case 'int':
      return [IsInt()];
    case 'bool':
      return [IsBoolean()];
    case 'ids':
      return [...list, IdString({ each: true })];
    case 'texts':
      return [...list, BoundedString(TEXT_LIMITS.text, { each: true, allowEmpty: true })];
    case 'weekdays':
      return [...list, IsInt({ each: true })];
    case 'hourRanges':
      return [...list, IsHourRanges()];
  }
}

const HOUR = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Working hours: a list of [from, to] pairs of HH:MM times, e.g. [["08:00", "12:00"], ["13:00", "17:00"]]. */
function IsHourRanges(): PropertyDecorator {
  return ValidateBy({
    name: 'isHourRanges',
    validator: {
      validate: (value) =>
        Array.isArray(value) &&
        value.every(
          (pair) =>
            Array.isArray(pair) &&
            pair.length === 2 &&
            pair.every((t) => typeof t === 'string' && HOUR.test(t)),
        ),
      defaultMessage: () => 'must be a list of [from, to] pairs of HH:MM times, e.g. [["08:00", "12:00"]]',
    },
  });
}

const classes = new Map<string, Type>();
const fieldsByClass = new WeakMap<Type, FieldSpecs>();

/** The field table an input class was generated from (tests build sample inputs from it). */
export function inputFields(cls: Type): FieldSpecs | undefined {
  return fieldsByClass.get(cls);
}

/** An `@InputType` named `name` with the given fields (all optional with `allOptional`, for partial updates). */
export function inputType(
  name: string,
  fields: FieldSpecs,
  options: { allOptional?: boolean; description?: string } = {},
): Type {
  const existing = classes.get(name);
  if (existing) return existing;
  const cls = { [name]: class {} }[name] as Type;
  for (const [key, spec] of Object.entries(fields)) {
    const required = spec.required && !options.allOptional;
    const decorators = [
      Field(gqlType(spec.kind) as never, { nullable: !required, description: spec.description }),
      ...(required ? [] : [spec.omittable ? Omittable() : IsOptional()]),
      ...validators(spec.kind),
    ];
    for (const decorate of decorators) decorate(cls.prototype, key);
  }
  InputType(name, { description: options.description })(cls);
  classes.set(name, cls);
  fieldsByClass.set(cls, options.allOptional ? {} : fields);
  return cls;
}

const answer = inputType('AnswerInput', { answer: req('bool'), reason: req('text') });
const imsAnswer = inputType('ImsAnswerInput', { answer: req('bool'), reason: req('text'), imsId: opt('id') });
const evmCriteria = inputType('EvmCriteriaInput', {
  cpicRequired: req({ nested: () => answer }),
  sixMonthsAndHalfMillion: req({ nested: () => answer }),
  highRiskProfileOrComplex: req({ nested: () => answer }),
  resourcesDedicatedThreeMonths: req({ nested: () => answer }),
});
const dictionaryEntry = inputType('WbsDictionaryEntryInput', {
  description: req('text'),
  deliverables: req('texts'),
  acceptanceCriteria: opt('text'),
});
const constraint = inputType('ConstraintInput', {
  type: req({ oneOf: CONSTRAINT_TYPES }),
  date: opt('id', 'ISO local date-time, e.g. 2027-03-01T08:00:00.'),
});
const milestone = inputType('MilestoneDesignationInput', {
  designation: req({ oneOf: MILESTONE_DESIGNATIONS }),
  reference: opt('name', 'SOW/SLC/contract reference of a mandatory milestone.'),
});

const scheduleSettings = inputType('ScheduleSettingsInput', {
  start: opt('id'),
  calendarId: opt('id'),
  finishBy: opt('id'),
});

/** The fields of each plan entity; `required` marks what an add needs (PlanInputs), updates take any subset. */
const ENTITY_FIELDS: Readonly<Record<PlanKind, FieldSpecs>> = {
  wbsElement: {
    id: req('id'),
    name: req('name'),
    parentId: opt('id'),
    dictionary: opt({ nested: () => dictionaryEntry }),
  },
  controlAccount: { id: req('id'), wbsElementId: req('id'), cam: req('id'), name: opt('name') },
  workPackage: {
    id: req('id'),
    controlAccountId: req('id'),
    technique: req('name', 'Appendix F technique: 0/100, 50/50, X/Y, milestone, percentComplete, LOE, ...'),
    name: opt('name'),
    kind: opt({ oneOf: WORK_PACKAGE_KINDS }),
    budget: opt('float'),
    apportionedTo: opt('id'),
  },
  calendar: {
    id: req('id'),
    workWeek: opt('weekdays'),
    workingHours: opt('hourRanges'),
    holidays: opt('ids'),
    workingExceptions: opt('ids'),
  },
  activity: {
    id: req('id'),
    duration: req('float', 'Working days; 0 for a milestone.'),
    name: opt('name'),
    calendarId: opt('id'),
    wbsElementId: opt('id'),
    workPackageId: opt('id'),
    performer: opt('name'),
    agencyActivity: opt('bool'),
    constraint: opt({ nested: () => constraint }),
    imposedBy: opt('name'),
    constraintNotes: opt('texts'),
    assumptions: opt('texts'),
    milestone: opt({ nested: () => milestone }),
  },
  dependency: {
    from: req('id'),
    to: req('id'),
    fromProject: opt('id'),
    type: opt({ oneOf: LINK_TYPES }),
    lag: opt('float'),
  },
  resource: {
    id: req('id'),
    name: req('name'),
    kind: opt({ oneOf: RESOURCE_KINDS }),
    rate: opt('float'),
    maxUnits: opt('float'),
  },
  assignment: { activityId: req('id'), resourceId: req('id'), units: opt('float'), work: opt('float') },
  costItem: {
    id: req('id'),
    category: req({ oneOf: COST_ITEM_CATEGORIES }),
    amount: req('float'),
    description: opt('text'),
    workPackageId: opt('id'),
    controlAccountId: opt('id'),
  },
};

const pascal = (kind: string) => kind[0].toUpperCase() + kind.slice(1);
const withoutId = (fields: FieldSpecs): FieldSpecs =>
  Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'id'));

type PlanEditCommand = Extract<
  ProjectCommand,
  { type: (typeof PLAN_COMMAND_TYPES)[PlanKind][number] | 'AddMilestone' }
>;

/**
 * The add, update and remove inputs of every plan entity kind, and AddMilestone. Built by a loop over the
 * domain's PLAN_COMMAND_TYPES (the same three shapes per kind), so its type is stated once at the end; every
 * other table is checked field by field (`satisfies CommandFieldTable`).
 */
function planFields(): CommandFieldTable<PlanEditCommand> {
  const table: Partial<Record<ProjectCommandType, FieldSpecs>> = {};
  for (const [kind, [add, update, remove]] of Object.entries(PLAN_COMMAND_TYPES) as [
    PlanKind,
    readonly [ProjectCommandType, ProjectCommandType, ProjectCommandType],
  ][]) {
    const entity = inputType(`${pascal(kind)}Input`, ENTITY_FIELDS[kind]);
    const changes = inputType(`${pascal(kind)}ChangesInput`, withoutId(ENTITY_FIELDS[kind]), {
      allOptional: true,
    });
    table[add] = { entity: req({ nested: () => entity }) };
    table[update] = { id: req('id'), changes: req({ nested: () => changes }) };
    table[remove] = { id: req('id') };
  }
  const milestoneEntity = inputType('MilestoneInput', {
    ...withoutId(ENTITY_FIELDS.activity),
    id: req('id'),
    duration: opt('float'),
    milestone: req({ nested: () => milestone }),
  });
  table.AddMilestone = { entity: req({ nested: () => milestoneEntity }) };
  return table as CommandFieldTable<PlanEditCommand>;
}

const feedback = { feedback: req('text') };
const reason = { reason: req('text', 'Why (recorded in the event).') };

/** The payload of every project command beside `projectId` (the envelope: actor and instant come from the server). */
export const COMMAND_FIELDS = {
  RegisterProject: { name: req('name'), projectManager: req('id') },
  GrantRole: { person: req('id'), role: req({ oneOf: ROLES }) },
  RevokeRole: { person: req('id'), role: req({ oneOf: ROLES }) },
  ...planFields(),
  RecordWbsDictionaryEntry: { wbsElementId: req('id'), entry: req({ nested: () => dictionaryEntry }) },
  SetScheduleSettings: {
    settings: req({ nested: () => scheduleSettings }),
  },
  SetManagementReserve: { amount: req('float') },
  SetDistributedBudget: { amount: req('float') },
  ImportSchedule: {
    format: req({ oneOf: SCHEDULE_IMPORT_FORMATS }),
    sourceName: req('name'),
    content: req('document', 'The schedule JSON text exactly as received (its SHA-256 is recorded).'),
  },
  AssessScalability: {
    durationCalendarDays: req('float'),
    value: req('float'),
    evmCriteria: req({ nested: () => evmCriteria }),
    ims: req({ nested: () => imsAnswer }),
    itDevelopment: req({ nested: () => answer }),
    evmRequired: opt('bool'),
    evmDecisionReason: opt('text'),
  },
  WaiveBaseline: reason,
  SubmitWbs: {},
  ApproveWbs: {},
  ReturnWbs: feedback,
  CompleteScheduleDevelopment: {},
  AcceptScheduleReview: { findings: opt('texts') },
  RequestScheduleAdjustments: { findings: req('texts') },
  EndorseSchedule: {},
  ApproveSchedule: {},
  ReturnSchedule: feedback,
  LoadIntoIms: { imsId: req('id'), controlAccounts: opt('ids') },
  RecordImsImpactReview: {
    controlAccountId: req('id'),
    impact: req({ oneOf: IMS_IMPACTS }),
    notes: opt('text'),
    replanRequiredFor: opt('ids'),
  },
  ApproveImsLoad: {},
  ReturnImsLoad: feedback,
  CompleteEvmsPreparation: {},
  EndorseEvmsSchedule: {},
  ApproveEvmsSchedule: {},
  ReturnEvmsSchedule: feedback,
  CompleteCostBaseline: {},
  EscalateBudget: reason,
  ResumeCostBaseline: {},
  ReturnToPlanning: reason,
  SubmitApprovalPackage: { notes: opt('text') },
  EndorseApprovalPackage: {},
  ApproveApprovalPackage: {},
  ReturnApprovalPackage: feedback,
  StartReplan: reason,
} satisfies CommandFieldTable<ProjectCommand>;

/** Fields every mutation input has beside the command's own. */
const ENVELOPE: FieldSpecs = {
  projectId: req('id'),
  expectedRevision: omittable(
    'revision',
    'Refuse with CONFLICT unless the project stream is at this revision.',
  ),
  reason: omittable('text', 'Why: recorded in every event the command appends (the audit trail).'),
  commandId: omittable('id', 'Makes a retry idempotent: the same commandId appends nothing twice.'),
};

export const mutationName = (type: string) => type[0].toLowerCase() + type.slice(1);

/** The input class of the mutation for command `type` with its own `fields`. */
export function commandInput(type: string, fields: FieldSpecs): Type {
  return inputType(`${type}Input`, { ...ENVELOPE, ...fields });
}
