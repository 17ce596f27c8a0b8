import type { ConstraintType, LinkType, TimeUnit } from '../imported-project.js';

/** MSPDI `PredecessorLink/Type`: 0 = FF, 1 = FS, 2 = SF, 3 = SS (not in the intuitive order). */
export const LINK_TYPE_BY_CODE: Readonly<Record<string, LinkType>> = {
  '0': 'FF',
  '1': 'FS',
  '2': 'SF',
  '3': 'SS',
};
export const LINK_CODE_BY_TYPE: Readonly<Record<LinkType, number>> = { FF: 0, FS: 1, SF: 2, SS: 3 };

/** MSPDI `ConstraintType`. */
export const CONSTRAINT_BY_CODE: Readonly<Record<string, ConstraintType>> = {
  '0': 'ASAP',
  '1': 'ALAP',
  '2': 'MSO',
  '3': 'MFO',
  '4': 'SNET',
  '5': 'SNLT',
  '6': 'FNET',
  '7': 'FNLT',
};
export const CONSTRAINT_CODE: Readonly<Record<ConstraintType, number>> = {
  ASAP: 0,
  ALAP: 1,
  MSO: 2,
  MFO: 3,
  SNET: 4,
  SNLT: 5,
  FNET: 6,
  FNLT: 7,
};

/**
 * MSPDI duration/lag format codes: 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew, 11 mo, 12 emo, 19 %, 20 e%,
 * 21 "no unit"; +32 = the same unit marked estimated (35 m? … 53).
 */
export interface FormatCode {
  readonly unit: TimeUnit | null;
  readonly elapsed: boolean;
  readonly estimated: boolean;
}

const BASE_FORMATS: Readonly<Record<number, { unit: TimeUnit | null; elapsed: boolean }>> = {
  3: { unit: 'minute', elapsed: false },
  4: { unit: 'minute', elapsed: true },
  5: { unit: 'hour', elapsed: false },
  6: { unit: 'hour', elapsed: true },
  7: { unit: 'day', elapsed: false },
  8: { unit: 'day', elapsed: true },
  9: { unit: 'week', elapsed: false },
  10: { unit: 'week', elapsed: true },
  11: { unit: 'month', elapsed: false },
  12: { unit: 'month', elapsed: true },
  19: { unit: 'percent', elapsed: false },
  20: { unit: 'percent', elapsed: true },
  21: { unit: null, elapsed: false },
};

const FORMAT_CODES = new Map<number, FormatCode>(
  Object.entries(BASE_FORMATS).flatMap(([code, base]) => [
    [Number(code), { ...base, estimated: false }] as const,
    [Number(code) + 32, { ...base, estimated: true }] as const,
  ]),
);

export function formatCode(code: number): FormatCode | null {
  return FORMAT_CODES.get(code) ?? null;
}

export function formatCodeOf(unit: TimeUnit | null, elapsed: boolean, estimated: boolean): number {
  const entry = Object.entries(BASE_FORMATS).find(([, f]) => f.unit === unit && f.elapsed === elapsed);
  const base = entry ? Number(entry[0]) : 7;
  return estimated ? base + 32 : base;
}

/** MS Project task custom field ids (`ExtendedAttribute/FieldID`) of the Appendix H reserved fields. */
export const RESERVED_FIELD_IDS = {
  Text21: '188744007',
  Text22: '188744008',
  Text23: '188744009',
  Text24: '188744010',
  Text25: '188744011',
  Number1: '188743767',
  Date5: '188743949',
} as const;

export type ReservedFieldName = keyof typeof RESERVED_FIELD_IDS;

/** Appendix H aliases the EV tool expects (PROCEDURE.md 4.2.3). */
export const RESERVED_FIELD_ALIASES: Readonly<Record<ReservedFieldName, string>> = {
  Text21: 'EV_WBS',
  Text22: 'EV_WP',
  Text23: 'EV_MS',
  Text24: 'EV_EVT',
  Text25: 'EV_CAM',
  Number1: 'EV_MSWT',
  Date5: 'TimeNow',
};

/** MSPDI's placeholder resource of an unassigned assignment. */
export const UNASSIGNED_RESOURCE_UID = '-65535';
