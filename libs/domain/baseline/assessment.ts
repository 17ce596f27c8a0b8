import { DomainError } from '../kernel/errors.js';
import type { ProcedureCommand } from './project.commands.js';
import type { Answer, ScalabilityAssessment } from './project.events.js';

function answer(field: string, value: unknown): Answer {
  const v = value as Partial<Answer> | null | undefined;
  if (typeof v?.answer !== 'boolean') {
    throw new DomainError('ASSESSMENT.ANSWER_REQUIRED', `${field}.answer: answer yes (true) or no (false)`, {
      field,
    });
  }
  if (typeof v.reason !== 'string' || v.reason.trim() === '') {
    throw new DomainError(
      'ASSESSMENT.REASON_REQUIRED',
      `${field}.reason: every answer of the scalability assessment records its reason (2.2)`,
      { field },
    );
  }
  return { answer: v.answer, reason: v.reason };
}

/** 2.1 / 2.2 / 4.2.6: the answers, their reasons and the decisions they lead to. */
export function assess(
  command: Extract<ProcedureCommand, { type: 'AssessScalability' }>,
): ScalabilityAssessment {
  const number = (field: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new DomainError('INPUT.INVALID', `${field}: must be a number ≥ 0`, { field, value });
    }
    return value;
  };
  const durationCalendarDays = number('durationCalendarDays', command.durationCalendarDays);
  const value = number('value', command.value);
  const criteria = command.evmCriteria ?? ({} as never);
  const evmCriteria = {
    cpicRequired: answer('evmCriteria.cpicRequired', criteria.cpicRequired),
    sixMonthsAndHalfMillion: answer('evmCriteria.sixMonthsAndHalfMillion', criteria.sixMonthsAndHalfMillion),
    highRiskProfileOrComplex: answer(
      'evmCriteria.highRiskProfileOrComplex',
      criteria.highRiskProfileOrComplex,
    ),
    resourcesDedicatedThreeMonths: answer(
      'evmCriteria.resourcesDedicatedThreeMonths',
      criteria.resourcesDedicatedThreeMonths,
    ),
  };
  const ims = { ...answer('ims', command.ims), imsId: command.ims?.imsId ?? null };
  const itDevelopment = answer('itDevelopment', command.itDevelopment);
  const evmIndicated = Object.values(evmCriteria).some((c) => c.answer);
  const evmRequired = command.evmRequired ?? evmIndicated;
  const evmDecisionReason = command.evmDecisionReason ?? null;
  if (evmRequired !== evmIndicated && (evmDecisionReason === null || evmDecisionReason.trim() === '')) {
    throw new DomainError(
      'ASSESSMENT.REASON_REQUIRED',
      `evmDecisionReason: deciding EVM is ${evmRequired ? '' : 'not '}required against the indication of the four criteria needs a reason`,
      { field: 'evmDecisionReason' },
    );
  }
  return {
    durationCalendarDays,
    value,
    evmCriteria,
    ims,
    itDevelopment,
    baselineRequired: durationCalendarDays > 30 || value > 50_000,
    evmIndicated,
    evmRequired,
    evmDecisionReason,
    ibrRequired: itDevelopment.answer && evmRequired,
  };
}
