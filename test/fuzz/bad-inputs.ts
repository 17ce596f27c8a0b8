/**
 * Issue 15: a seeded generator of bad inputs for the API (GraphQL over HTTP) and the CLI (`schedule`, `evm`,
 * `level`). Everything here is pure and deterministic for a given seed: the same seed gives the same cases in
 * the same order (the spec prints the seed on failure; `PLUMBLINE_FUZZ_SEED` overrides it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildSchema,
  getNamedType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The campaign's seed: a constant, or `PLUMBLINE_FUZZ_SEED` (a decimal or 0x… integer). */
export const DEFAULT_SEED = 0x15_2027;
export function fuzzSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.PLUMBLINE_FUZZ_SEED?.trim();
  if (!text) return DEFAULT_SEED;
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new Error(`PLUMBLINE_FUZZ_SEED: expected an integer, got '${text}'`);
  return value >>> 0;
}

// --- A small seeded PRNG (mulberry32) ------------------------------------------------------------------------

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A child generator: a stream of its own, so that one family's count does not shift another's values. */
  fork(salt: number): Rng {
    return new Rng((this.int(0, 0xffffffff) ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// --- Values: raw number tokens and deep nesting, written as JSON or as GraphQL literals -----------------------

/** A number token written as is (`1e309`, `9007199254740993`): JSON.stringify cannot write these. */
export class RawToken {
  constructor(readonly text: string) {}
}
/** `[[[…x…]]]` or `{"a":{"a":…}}` nested `depth` times, written without recursion. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: 'list' | 'object',
    readonly inner: unknown = 1,
  ) {}
}
/** A GraphQL enum-like bare word in a literal (`NaN`, `Infinity`); in JSON it is written as a string. */
export class BareWord {
  constructor(readonly word: string) {}
}

export const raw = (text: string) => new RawToken(text);

/** Placeholders for the values JSON.stringify cannot write, replaced in its output (fast for MB documents). */
const SPECIAL = /"\\u0000\\u0001(\d+)\\u0001\\u0000"/g;

export function toJson(value: unknown): string {
  const specials: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (!(inner instanceof RawToken || inner instanceof Deep || inner instanceof BareWord)) return inner;
    specials.push(specialJson(inner));
    return `\u0000\u0001${specials.length - 1}\u0001\u0000`;
  });
  if (text === undefined) return 'null';
  return specials.length ? text.replace(SPECIAL, (_m, i: string) => specials[Number(i)]) : text;
}

function specialJson(value: RawToken | Deep | BareWord): string {
  if (value instanceof RawToken) return value.text;
  if (value instanceof BareWord) return JSON.stringify(value.word);
  const [open, close] = value.kind === 'list' ? ['[', ']'] : ['{"a":', '}'];
  return open.repeat(value.depth) + toJson(value.inner) + close.repeat(value.depth);
}

export function toGraphqlLiteral(value: unknown): string {
  if (value instanceof RawToken) return value.text;
  if (value instanceof BareWord) return value.word;
  if (value instanceof Deep) {
    const [open, close] = value.kind === 'list' ? ['[', ']'] : ['{a:', '}'];
    return open.repeat(value.depth) + toGraphqlLiteral(value.inner) + close.repeat(value.depth);
  }
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(toGraphqlLiteral).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${k}: ${toGraphqlLiteral(v)}`).join(' ')}}`;
}

/** A short, printable excerpt of a case for the failure table. */
export function excerpt(text: string, max = 160): string {
  // only the head is shown, so only the head is looked at (a repeat past it is counted up to there)
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const flat = head.replace(
    // eslint-disable-next-line no-control-regex -- showing control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/g,
    (c) => (c === '\n' ? '⏎' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
  // long repeats are shown as `x×100000`
  const folded = flat.replace(
    /(.{1,8}?)\1{20,}/g,
    (run, unit: string) => `${unit}×${run.length / unit.length}`,
  );
  return folded.length > max ? `${folded.slice(0, max - 1)}…` : folded;
}

// --- Poison values --------------------------------------------------------------------------------------------

export const POISON_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'A\u0000B',
  '\uD800',
  'A\uDC00B',
  '\u202E',
  'A\u202EB',
  'A\u2066B',
  '\u200B',
  '\uFEFF',
  'A\u2028B',
  'x'.repeat(100_000),
  '\u{1F9E8}'.repeat(2_000),
  'A\u0301\u0301\u0301\u0301',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '%s%s%s%n',
  '${7*7}',
  '\n',
  '\r\n',
  '\t',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  '\u216B',
  '\uFF12\uFF10\uFF12\uFF17',
  'A->B',
  'A@dev',
  'FP0',
];

export const BAD_DATES: readonly string[] = [
  '0001-01-01',
  '0001-01-01T00:00:00',
  '9999-12-31',
  '9999-12-31T23:59:59',
  '0000-13-45',
  '0000-13-45T25:61:61',
  '2027-02-30',
  '2027-02-29',
  '2028-02-29T24:00:00',
  '2027-01-04T23:59:60',
  '1899-12-31',
  '1899-12-31T23:59:00',
  '2200-01-01',
  '2200-01-01T00:00:00',
  '1900-01-01T00:00:00',
  '2199-12-31T23:59:00',
  '2199-12-31',
  '1900-01-01',
  '2027-01-04T08:00:00Z',
  '2027-01-04T08:00:00+05:00',
  '+002027-01-04',
  '-000001-01-01',
  '2027-1-4',
  '20270104',
  '2027-01-04 08:00',
  '2027-01-04T08',
  '2027-W01-1',
  '2027-001',
  'yesterday',
  '2027-01-04T08:00:00.123456789',
  '1e9',
  '\uFF12\uFF10\uFF12\uFF17-01-04',
  '2027-01-04\u0000',
  '275760-09-13',
];

/** Numbers at and past the limits; RawToken for those JSON cannot write. */
export const EXTREME_NUMBERS: readonly unknown[] = [
  0,
  -1,
  0.5,
  1e-9,
  36_500,
  36_501,
  -36_500,
  -36_501,
  1e6,
  1e6 + 1,
  1e8,
  1e9,
  1e15,
  1e15 + 2,
  1e16,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  raw('9007199254740993'),
  -1e300,
  1e300,
  raw('1e309'),
  raw('-1e309'),
  raw('1e-400'),
  raw('-0'),
  5e-324,
  0.30000000000000004,
  raw('123456789012345678901234567890'),
];

export const NAN_LIKE: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e9',
  '0x1F',
  '1_000',
  ' 5 ',
  '5d',
];

/** Values for int64-string fields (positions, revisions). */
export const BAD_POSITIONS: readonly string[] = [
  '-1',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '99999999999999999999999999',
  '1.5',
  '1e3',
  '0x10',
  ' 1',
  '',
  'abc',
  '00001',
  '+1',
  '\u0661',
  '1\u0000',
];

// --- API cases ------------------------------------------------------------------------------------------------

/** Lanes run concurrently; each has its own projects so that its sequence, and so its results, are repeatable. */
export const LANES = 8;
/** A project left in plan development: plan edits (valid, borderline and poison) land here. */
export const planProjectId = (lane: number) => `FP${lane}`;
/** A project through baseline 1 (controls phase): procedure and controls commands land here. */
export const controlledProjectId = (lane: number) => `FR${lane}`;

export const FUZZ_PEOPLE = {
  admin: 'admin',
  pm: 'pat.manager',
  teamLead: 'tina.lead',
  cam1: 'carl.cam',
  cam2: 'cleo.cam',
  coordinator: 'cora.coordinator',
  sponsor: 'sam.sponsor',
  outsider: 'oscar.outsider',
  quality: 'quinn.quality',
  contracts: 'chris.contracts',
  member: 'mia.member',
  contractorPm: 'cody.contractor',
} as const;

const ROLE_PERSON: Record<string, string> = {
  projectManager: FUZZ_PEOPLE.pm,
  projectTeamLead: FUZZ_PEOPLE.teamLead,
  controlAccountManager: FUZZ_PEOPLE.cam1,
  scheduleEvCoordinator: FUZZ_PEOPLE.coordinator,
  projectSponsor: FUZZ_PEOPLE.sponsor,
  qualityManager: FUZZ_PEOPLE.quality,
  contractManager: FUZZ_PEOPLE.contracts,
  teamMember: FUZZ_PEOPLE.member,
  contractorProjectManager: FUZZ_PEOPLE.contractorPm,
};

/** Who a request is sent as: a valid token of a user, no token, a kind of bad token, or a raw header value. */
export type Auth =
  { readonly user: string } | { readonly none: true } | { readonly bad: BadToken } | { readonly raw: string };
export type BadToken =
  | 'expired'
  | 'noExp'
  | 'tooLong'
  | 'wrongSecret'
  | 'algNone'
  | 'wrongIssuer'
  | 'wrongAudience'
  | 'notYetValid'
  | 'emptySub'
  | 'hugeSub'
  | 'nulSub'
  | 'numericSub'
  | 'truncated'
  | 'flippedSignature'
  | 'garbage';
export const BAD_TOKENS: readonly BadToken[] = [
  'expired',
  'noExp',
  'tooLong',
  'wrongSecret',
  'algNone',
  'wrongIssuer',
  'wrongAudience',
  'notYetValid',
  'emptySub',
  'hugeSub',
  'nulSub',
  'numericSub',
  'truncated',
  'flippedSignature',
  'garbage',
];

export interface ApiCase {
  readonly id: number;
  readonly lane: number;
  readonly family: string;
  readonly method: string;
  /** The request target as sent (may be odd: `//graphql`, `/graphql?query=…`, absolute form). */
  readonly path: string;
  /** Header lines as sent, in order; `content-length` is added unless `noContentLength` or present here. */
  readonly headers: readonly (readonly [string, string])[];
  readonly auth: Auth;
  readonly body?: string | Uint8Array;
  readonly httpVersion?: '1.0' | '1.1';
  readonly noContentLength?: boolean;
  /** Raw bytes sent instead of a composed request (broken framing); `auth` and headers are then unused. */
  readonly rawRequest?: string;
  /** The client drops the connection the moment the answer is complete (instead of waiting for the server). */
  readonly closeEarly?: boolean;
  /** A read of stored data that must answer with data and no error (nothing stored may break it). */
  readonly mustAnswer?: boolean;
  readonly excerpt: string;
}

let schemaCache: GraphQLSchema | undefined;
export function apiSchema(): GraphQLSchema {
  schemaCache ??= buildSchema(readFileSync(join(ROOT, 'apps/api/schema.graphql'), 'utf8'));
  return schemaCache;
}

const JSON_HEADERS: readonly (readonly [string, string])[] = [['content-type', 'application/json']];

type Slot = { path: (string | number)[]; type: GraphQLInputType; required: boolean; name: string };

/** Mutations that edit the working plan (they go to the lane's plan project); the rest are procedure steps. */
function isPlanEdit(name: string): boolean {
  return (
    /^(add|update|remove|assign|unassign)[A-Z]/.test(name) ||
    [
      'importSchedule',
      'setScheduleSettings',
      'setDistributedBudget',
      'setManagementReserve',
      'setScheduleQualityPolicy',
      'recordWbsDictionaryEntry',
    ].includes(name)
  );
}

/** The person whose role the mutation's description names first ("allowed to: …"). */
function actorOf(field: GraphQLField<unknown, unknown>): string {
  if (field.name === 'registerProject') return FUZZ_PEOPLE.admin;
  const roles = /allowed to: ([^.]+)/.exec(field.description ?? '')?.[1].split(/,\s*/) ?? [];
  return ROLE_PERSON[roles[0]?.trim()] ?? FUZZ_PEOPLE.admin;
}

const EXISTING = {
  activity: ['A', 'B', 'R', 'M1'],
  dependency: ['A->R', 'R->B', 'B->M1'],
  assignment: ['A@dev', 'B@dev'],
  costItem: ['LIC'],
  resource: ['dev'],
  wbsElement: ['1', '1.1', '1.2'],
  workPackage: ['WP1', 'WP2'],
  controlAccount: ['CA1', 'CA2'],
  calendar: ['standard'],
};

/** A plausible value for a field, by its name and type (the values the fixtures' projects know). */
function plausible(
  rng: Rng,
  name: string,
  type: GraphQLNamedType,
  context: { mutation: string; project: string; fresh: string },
): unknown {
  const m = context.mutation;
  const entityOf = (): keyof typeof EXISTING | null => {
    const word = /^(?:add|update|remove|assign|unassign)(\w+)$/.exec(m)?.[1] ?? '';
    const map: Record<string, keyof typeof EXISTING> = {
      Activity: 'activity',
      Milestone: 'activity',
      Dependency: 'dependency',
      Assignment: 'assignment',
      Resource: m === 'assignResource' || m === 'unassignResource' ? 'assignment' : 'resource',
      CostItem: 'costItem',
      WbsElement: 'wbsElement',
      WorkPackage: 'workPackage',
      ControlAccount: 'controlAccount',
      Calendar: 'calendar',
    };
    return map[word] ?? null;
  };
  switch (name) {
    case 'projectId':
      return context.project;
    case 'id': {
      if (m.startsWith('add')) return context.fresh;
      const entity = entityOf();
      if (!entity) return 'x';
      // removals aim mostly at what the campaign added, so that the fixture's plan stays to carry the poison
      if (m.startsWith('remove') || m === 'unassignResource')
        return rng.chance(0.85) ? `FZ${rng.int(0, 400)}` : rng.pick(EXISTING[entity]);
      return rng.chance(0.8) ? rng.pick(EXISTING[entity]) : `FZ${rng.int(0, 400)}`;
    }
    case 'activityId':
    case 'from':
    case 'to':
      return rng.pick(['A', 'B', 'R', 'M1']);
    case 'activityIds':
      return ['A', 'B'];
    case 'resourceId':
      return 'dev';
    case 'wbsElementId':
    case 'parentId':
      return rng.pick(['1.1', '1.2']);
    case 'workPackageId':
      return rng.pick(['WP1', 'WP2']);
    case 'controlAccountId':
      return rng.pick(['CA1', 'CA2']);
    case 'controlAccounts':
    case 'replanRequiredFor':
      return ['CA1'];
    case 'calendarId':
      return 'standard';
    case 'apportionedTo':
      return 'WP1';
    case 'duration':
      return rng.int(0, 10);
    case 'lag':
      return rng.int(-2, 3);
    case 'units':
    case 'maxUnits':
      return 1;
    case 'work':
      return 40;
    case 'amount':
    case 'budget':
    case 'costImpact':
      return 1_000;
    case 'rate':
      return 100;
    case 'value':
      return 1_200_000;
    case 'durationCalendarDays':
      return 365;
    case 'percentComplete':
      return 50;
    case 'scheduleImpactDays':
    case 'slipDays':
      return 1;
    case 'baselineDurationDays':
      return 10;
    case 'thresholdPercent':
      return 10;
    case 'reportingPeriodWorkingDays':
      return 20;
    case 'breachPeriod':
      return 1;
    case 'first':
      return 10;
    case 'type':
      return m.includes('ependency') ? 'FS' : 'SNET';
    case 'date':
    case 'start':
      return '2027-02-01T08:00:00';
    case 'finishBy':
      return '2027-12-31T17:00:00';
    case 'statusDate':
      return '2027-01-08';
    case 'actualStart':
      return '2027-01-04';
    case 'actualFinish':
      return null;
    case 'reviewDate':
    case 'contractAwardDate':
      return '2027-03-15';
    case 'holidays':
    case 'workingExceptions':
      return ['2027-12-24'];
    case 'workWeek':
      return [1, 2, 3, 4, 5];
    case 'workingHours':
      return [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ];
    case 'technique':
      return rng.pick(['50/50', '0/100', 'milestone', 'percentComplete', 'LOE']);
    case 'category':
      return 'odc';
    case 'kind':
      if (m.includes('Resource')) return 'laborCategory';
      if (m.includes('WorkPackage')) return 'work';
      if (m === 'recordIbrRisk') return 'risk';
      return 'x';
    case 'designation':
      return 'mandatory';
    case 'person':
    case 'cam':
    case 'owner':
    case 'projectManager':
      return FUZZ_PEOPLE.cam1;
    case 'attendees':
      return [FUZZ_PEOPLE.pm, FUZZ_PEOPLE.cam1];
    case 'role':
      return 'controlAccountManager';
    case 'criterion':
      return 'logicalFlow';
    case 'trigger':
      return 'initial';
    case 'input':
      return 'wbs';
    case 'impact':
      return 'none';
    case 'format':
      return 'schedule-json';
    case 'content':
      return JSON.stringify({
        project: { start: '2027-01-04T08:00:00' },
        activities: [
          { id: 'I1', duration: 2 },
          { id: 'I2', duration: 3 },
        ],
        links: [{ from: 'I1', to: 'I2' }],
      });
    case 'changeRequestId':
      return 'CR-1';
    case 'deliverableId':
      return 'D1';
    case 'imsId':
      return 'IMS-1';
    case 'project':
    case 'sourceProject':
      return 'FR0';
  }
  switch (type.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    default:
      return `fuzz ${name}`;
  }
}

/** A valid-looking value of an input type: every required field, some optional ones. */
function sampleOf(
  rng: Rng,
  type: GraphQLInputType,
  name: string,
  context: { mutation: string; project: string; fresh: string },
  depth = 0,
): unknown {
  if (isNonNullType(type)) return sampleOf(rng, type.ofType, name, context, depth);
  const pre = plausible(rng, name, getNamedType(type), context);
  if (isListType(type)) {
    if (Array.isArray(pre) && !isInputObjectType(getNamedType(type))) return pre;
    return [sampleOf(rng, type.ofType, name, context, depth + 1)];
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (['commandId', 'expectedRevision', 'reason'].includes(field.name) && depth === 0) continue;
      const required = isNonNullType(field.type);
      const changes = name === 'changes';
      if (required || rng.chance(changes ? 0.5 : 0.3))
        out[field.name] = sampleOf(rng, field.type, field.name, context, depth + 1);
    }
    if (name === 'changes' && Object.keys(out).length === 0) {
      const first = Object.values(type.getFields())[0];
      out[first.name] = sampleOf(rng, first.type, first.name, context, depth + 1);
    }
    return out;
  }
  return pre;
}

/** Every field slot of a value of an input type (present fields and absent optional ones). */
function slotsOf(value: unknown, type: GraphQLInputType, path: (string | number)[], name: string): Slot[] {
  const required = isNonNullType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  const here: Slot[] = path.length ? [{ path, type: inner, required, name }] : [];
  if (isListType(inner) && Array.isArray(value) && value.length > 0)
    return [...here, ...slotsOf(value[0], inner.ofType, [...path, 0], name)];
  if (isInputObjectType(inner) && value && typeof value === 'object' && !Array.isArray(value)) {
    const fields: GraphQLInputField[] = Object.values((inner as GraphQLInputObjectType).getFields());
    return [
      ...here,
      ...fields.flatMap((f) =>
        slotsOf((value as Record<string, unknown>)[f.name], f.type, [...path, f.name], f.name),
      ),
    ];
  }
  return here;
}

function setAt(
  root: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
  remove = false,
): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  // an own property even for `__proto__` (as JSON.parse would make it)
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

const clone = <T>(value: T): T => structuredClone(value);

/** A value of the wrong type for a slot. */
function wrongTypeFor(rng: Rng, slot: Slot): unknown {
  const named = getNamedType(slot.type).name;
  if (isListType(slot.type)) return rng.pick(['not a list', 42, { a: 1 }, [[['deep']]], [null]]);
  if (isInputObjectType(slot.type)) return rng.pick(['not an object', 7, [], [{}], true]);
  if (named === 'String' || named === 'ID')
    return rng.pick([42, 3.5, true, { a: 'b' }, ['x'], raw('1e309'), new BareWord('ENUM')]);
  if (named === 'Int') return rng.pick(['1', 1.5, true, 2 ** 31, raw('9007199254740993'), ...NAN_LIKE]);
  if (named === 'Float')
    return rng.pick(['1', true, { n: 1 }, raw('1e309'), ...NAN_LIKE, new BareWord('NaN')]);
  if (named === 'Boolean') return rng.pick(['true', 1, 0, 'yes', null]);
  return 'x';
}

function poisonFor(rng: Rng, slot: Slot): unknown {
  const named = getNamedType(slot.type).name;
  if (named === 'Int' || named === 'Float') return rng.pick(EXTREME_NUMBERS);
  if (/date|start|finish|instant|statusDate|^from$|^to$|At$/i.test(slot.name) && rng.chance(0.7))
    return rng.pick(BAD_DATES);
  if (/position|revision|after$/i.test(slot.name)) return rng.pick(BAD_POSITIONS);
  if (isListType(slot.type)) {
    const item = isInputObjectType(getNamedType(slot.type)) ? {} : rng.pick(POISON_STRINGS.slice(0, 12));
    return rng.pick([
      [],
      Array.from({ length: rng.pick([1_001, 5_000, 20_000]) }, () => item),
      [null],
      new Deep(rng.pick([50, 500, 5_000]), 'list', 'x'),
    ]);
  }
  return rng.pick(POISON_STRINGS);
}

/** Values that pass every check yet sit on a limit: they get stored, and later reads must cope with them. */
function borderlineFor(rng: Rng, slot: Slot): unknown | undefined {
  switch (slot.name) {
    case 'duration':
      return rng.pick([36_500, 36_499.999, 0, 1e-6]);
    case 'lag':
      return rng.pick([36_500, -36_500, -36_499]);
    case 'amount':
    case 'budget':
    case 'rate':
    case 'costImpact':
      return rng.pick([1e15, 0, 1e15 - 1]);
    case 'units':
    case 'maxUnits':
      return rng.pick([1e6, 1e-6]);
    case 'work':
      return rng.pick([1e9, 0]);
    case 'date':
    case 'start':
    case 'finishBy':
      return rng.pick(['1900-01-01T00:00:00', '2199-12-31T23:59:00', '1900-01-01', '2199-12-31']);
    case 'holidays':
    case 'workingExceptions':
      return Array.from({ length: 1_000 }, (_, i) => {
        const d = new Date(Date.UTC(1900 + rng.int(0, 299), 0, 1 + i));
        return d.toISOString().slice(0, 10);
      });
    case 'workWeek':
      return rng.pick([[7], [1, 1, 1], [6, 7]]);
    case 'workingHours':
      return rng.pick([[['00:00', '00:01']], [['00:00', '24:00']], [['23:59', '24:00']]]);
    default:
      return undefined;
  }
}

const ACK_SELECTION = '{ id stream revision position events }';

interface MutationPlan {
  field: GraphQLField<unknown, unknown>;
  inputType: GraphQLInputObjectType;
  planEdit: boolean;
}

function mutations(schema: GraphQLSchema): MutationPlan[] {
  const root = schema.getMutationType()!;
  return Object.values(root.getFields()).map((field) => {
    const inputArg = field.args.find((a) => a.name === 'input')!;
    return {
      field,
      inputType: getNamedType(inputArg.type) as GraphQLInputObjectType,
      planEdit: isPlanEdit(field.name),
    };
  });
}

/** One mutation request: a valid sample of its input, then one to three mutators. */
function mutationCase(rng: Rng, plan: MutationPlan, lane: number, fresh: string) {
  const { field, inputType } = plan;
  const unknownProject = rng.chance(0.05);
  const project = unknownProject
    ? rng.pick(['NOPE', 'FP99', 'fp0', ' FP0', 'FP0 ', 'F\u0000P0', 'x'.repeat(300), '\uD800', ''])
    : plan.planEdit
      ? planProjectId(lane)
      : controlledProjectId(lane);
  const context = { mutation: field.name, project, fresh };
  const input = sampleOf(rng, inputType, 'input', context) as Record<string, unknown>;
  const notes: string[] = [];
  const slots = () => slotsOf(input, inputType, [], 'input');
  const mutators = rng.chance(0.08) ? 0 : rng.chance(0.75) ? 1 : rng.int(2, 3);
  for (let k = 0; k < mutators; k++) {
    const all = slots();
    const kind = rng.pick([
      'drop',
      'null',
      'nullAll',
      'wrong',
      'wrong',
      'poison',
      'poison',
      'poison',
      'borderline',
      'borderline',
      'unknown',
      'revision',
      'commandId',
    ]);
    const slot = all.length ? rng.pick(all) : undefined;
    if (kind === 'drop') {
      const required = all.filter((s) => s.required);
      const target = required.length ? rng.pick(required) : slot;
      if (target) {
        setAt(input, target.path, undefined, true);
        notes.push(`drop ${target.path.join('.')}`);
      }
    } else if (kind === 'null' && slot) {
      setAt(input, slot.path, null);
      notes.push(`${slot.path.join('.')}=null`);
    } else if (kind === 'nullAll') {
      for (const s of all.filter((s) => !s.required)) setAt(input, s.path, null);
      notes.push('every optional field null');
    } else if (kind === 'wrong' && slot) {
      setAt(input, slot.path, wrongTypeFor(rng, slot));
      notes.push(`${slot.path.join('.')} wrong type`);
    } else if (kind === 'poison' && slot) {
      const value = poisonFor(rng, slot);
      setAt(input, slot.path, value);
      notes.push(`${slot.path.join('.')}=${excerpt(toJson(value), 40)}`);
    } else if (kind === 'borderline') {
      const candidates = all.map((s) => ({ s, v: borderlineFor(rng, s) })).filter((c) => c.v !== undefined);
      if (candidates.length) {
        const { s, v } = rng.pick(candidates);
        setAt(input, s.path, v);
        notes.push(`${s.path.join('.')}=${excerpt(toJson(v), 40)} (borderline)`);
      }
    } else if (kind === 'unknown') {
      const target = rng.pick(['bogusField', '__proto__', 'constructor', 'projectID']);
      const objects = all.filter((s) => isInputObjectType(s.type)).map((s) => s.path);
      setAt(input, [...(objects.length && rng.chance(0.5) ? rng.pick(objects) : []), target], 1);
      notes.push(`unknown field ${target}`);
    } else if (kind === 'revision') {
      input.expectedRevision = rng.pick([...BAD_POSITIONS, '0', '5', null]);
      notes.push(`expectedRevision=${JSON.stringify(input.expectedRevision)}`);
    } else if (kind === 'commandId') {
      input.commandId = rng.pick([`fz-dup-${lane}`, '', 'x'.repeat(10_000), '\u0000', 42]);
      notes.push(`commandId=${excerpt(JSON.stringify(input.commandId), 30)}`);
    }
  }
  return { input, notes, project };
}

function authFor(rng: Rng, user: string): Auth {
  const r = rng.next();
  if (r < 0.04) return { none: true };
  if (r < 0.07) return { user: FUZZ_PEOPLE.outsider };
  if (r < 0.09) return { user: FUZZ_PEOPLE.admin };
  if (r < 0.1) return { bad: rng.pick(BAD_TOKENS) };
  return { user };
}

function graphqlBody(query: string, variables?: unknown, extra: Record<string, unknown> = {}): string {
  return toJson({ query, ...(variables === undefined ? {} : { variables }), ...extra });
}

/** The leaves of an output type to a small depth: a selection that asks for real data. */
export function selectionOf(type: GraphQLNamedType, depth: number, budget = { left: 40 }): string {
  if (!isObjectType(type)) return '';
  const parts: string[] = [];
  for (const field of Object.values((type as GraphQLObjectType).getFields())) {
    if (budget.left <= 0) break;
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      parts.push(field.name);
      budget.left--;
    } else if (depth > 0) {
      const inner = selectionOf(named, depth - 1, budget);
      if (inner) parts.push(`${field.name} ${inner}`);
    }
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '';
}

/** Valid arguments of a query field for a lane. */
function queryArgs(rng: Rng, field: GraphQLField<unknown, unknown>, lane: number): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const project = rng.chance(0.5) ? planProjectId(lane) : controlledProjectId(lane);
  for (const arg of field.args) {
    const required = isNonNullType(arg.type);
    if (!required && rng.chance(0.5)) continue;
    switch (arg.name) {
      case 'projectId':
      case 'id':
        args[arg.name] = project;
        break;
      case 'version':
      case 'from':
      case 'to':
        args[arg.name] = 1;
        break;
      case 'asOf':
        args[arg.name] = rng.chance(0.5)
          ? { position: String(rng.int(0, 200)) }
          : { instant: '2027-01-05T00:00:00Z' };
        break;
      case 'filter':
        args[arg.name] = field.name === 'auditTrail' ? { first: 20 } : {};
        break;
      case 'page':
        args[arg.name] = { first: 20 };
        break;
      default:
        args[arg.name] = 'x';
    }
  }
  return args;
}

function argsLiteral(args: Record<string, unknown>): string {
  const entries = Object.entries(args);
  return entries.length ? `(${entries.map(([k, v]) => `${k}: ${toGraphqlLiteral(v)}`).join(', ')})` : '';
}

/** Reads of the lane's stored data that must keep answering (plan, baselines, audit trail, log…). */
function probeCase(rng: Rng, lane: number, index: number): Omit<ApiCase, 'id'> {
  const schema = apiSchema();
  const queryType = schema.getQueryType()!;
  const project = index % 2 === 0 ? planProjectId(lane) : controlledProjectId(lane);
  const probes: [string, string, string][] = [
    [
      'plan',
      `{ plan(projectId: "${project}") ${selectionOf(getNamedType(queryType.getFields().plan.type), 0)} }`,
      FUZZ_PEOPLE.cam1,
    ],
    [
      'plan',
      `{ plan(projectId: "${project}") { projectFinish notes criticalPath activities { id duration earlyStart earlyFinish lateStart lateFinish totalFloat } dependencies { id lag type } plannedValue { period PV cumulativePV } cost { performanceMeasurementBaseline } } }`,
      FUZZ_PEOPLE.pm,
    ],
    ['baselines', `{ baselines(projectId: "${project}") { version hash } }`, FUZZ_PEOPLE.sponsor],
    [
      'auditTrail',
      `{ auditTrail(filter: { first: 200, stream: "project-${project}" }) { position type changes { field after } } }`,
      FUZZ_PEOPLE.admin,
    ],
    ['log', `{ log(page: { first: 200 }) { position type } }`, FUZZ_PEOPLE.admin],
    ['project', `{ project(id: "${project}") { id } }`, FUZZ_PEOPLE.pm],
    [
      'scheduleChecks',
      `{ scheduleChecks(projectId: "${project}") ${selectionOf(getNamedType(queryType.getFields().scheduleChecks.type), 1)} }`,
      FUZZ_PEOPLE.pm,
    ],
    [
      'capReport',
      `{ capReport(projectId: "${project}") ${selectionOf(getNamedType(queryType.getFields().capReport.type), 1)} }`,
      FUZZ_PEOPLE.pm,
    ],
  ];
  const [name, query, user] = probes[(index + rng.int(0, probes.length - 1)) % probes.length];
  return {
    lane,
    family: `probe:${name}`,
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    auth: { user },
    body: graphqlBody(query),
    mustAnswer: name !== 'baselines' && name !== 'scheduleChecks' && name !== 'capReport',
    excerpt: excerpt(query),
  };
}

/** Reads of stored data after the campaign: every lane's projects, every read that takes a project. */
export function finalProbes(): Omit<ApiCase, 'id'>[] {
  const out: Omit<ApiCase, 'id'>[] = [];
  const rng = new Rng(1);
  for (let lane = 0; lane < LANES; lane++)
    for (let i = 0; i < 8; i++) {
      const probe = probeCase(rng, lane, i);
      out.push({ ...probe, family: `final-${probe.family}` });
    }
  for (let lane = 0; lane < LANES; lane++)
    out.push({
      lane,
      family: 'final-probe:baselineDiff',
      method: 'POST',
      path: '/graphql',
      headers: JSON_HEADERS,
      auth: { user: FUZZ_PEOPLE.pm },
      body: graphqlBody(
        `{ baselineDiff(projectId: "${controlledProjectId(lane)}", from: 1, to: 1) ${selectionOf(getNamedType(apiSchema().getQueryType()!.getFields().baselineDiff.type), 1)} }`,
      ),
      excerpt: 'baselineDiff 1..1',
    });
  return out;
}

function gqlPost(
  lane: number,
  family: string,
  query: string,
  auth: Auth,
  variables?: unknown,
  extra: Record<string, unknown> = {},
): Omit<ApiCase, 'id'> {
  return {
    lane,
    family,
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    auth,
    body: graphqlBody(query, variables, extra),
    excerpt: excerpt(`${query}${variables === undefined ? '' : ` ${toJson(variables)}`}`),
  };
}

function fragmentBomb(levels: number, onType: string, leaf: string, variant: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => {
    const extra =
      variant === 1 ? ` f${i}: __typename` : variant === 2 ? ` __typename @include(if: true)` : '';
    return `fragment F${i} on ${onType}{...F${i + 1} ...F${i + 1}${extra}}`;
  });
  return `${fragments.join(' ')} fragment F${levels} on ${onType}{${leaf}}`;
}

/** HTTP-level families: bodies, content types, headers, methods, batching, framing. */
function httpCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const okQuery = '{ serverInfo { name } }';
  const user: Auth = { user: FUZZ_PEOPLE.cam1 };
  const family = rng.pick([
    'http:malformed-json',
    'http:malformed-json',
    'http:content-type',
    'http:content-type',
    'http:headers',
    'http:headers',
    'http:method',
    'http:batch',
    'http:non-string-query',
    'http:non-string-query',
    'http:framing',
    'http:path',
    'http:get-query',
    'http:early-close',
  ]);
  const base = { lane, family, method: 'POST', path: '/graphql', headers: JSON_HEADERS, auth: user };
  switch (family) {
    case 'http:malformed-json': {
      const body = rng.pick([
        '{bad',
        '',
        ' ',
        '{"query":',
        '{"query":"{ serverInfo { name } }"',
        '{"query":"{ serverInfo { name } }"}}',
        "{'query':'{ serverInfo { name } }'}",
        '{"query":"{ serverInfo { name } }",}',
        '{"query":"\\x41"}',
        '{"query":"\\ud800"}',
        '\uFEFF{"query":"{ serverInfo { name } }"}',
        'null',
        'true',
        '42',
        '"just a string"',
        '{"query":NaN}',
        '{"query":"{ serverInfo { name } }","variables":{"a":1e99999}}',
        '[' + '['.repeat(100_000) + ']'.repeat(100_000) + ']',
        '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
        '{"query":"' + 'x'.repeat(200_000),
        '{"__proto__":{"query":"{ viewer { id } }"}}',
        '{"query":"{ serverInfo { name } }","query":"{ viewer { id } }"}',
        '\u0000\u0001\u0002',
        '{"query":"{ serverInfo { name } }"}\u0000',
        '/* comment */ {"query":"{ serverInfo { name } }"}',
      ]);
      return { ...base, body, excerpt: excerpt(body) };
    }
    case 'http:content-type': {
      const type = rng.pick([
        'text/plain',
        'text/plain;charset=utf-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'multipart/form-data',
        'application/graphql',
        'application/xml',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'APPLICATION/JSON',
        'application/json;;;',
        'application/json; charset="utf-8"; boundary=x',
        'application/jsonx',
        'application/graphql-response+json',
        '*/*',
        '',
        'a'.repeat(4_000),
        'application/json\u00e9',
      ]);
      const bodies = [
        graphqlBody(okQuery),
        'query={serverInfo{name}}',
        '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ serverInfo { name } }"}\r\n--xyz--',
        okQuery,
      ];
      const body = rng.pick(bodies);
      const headers: [string, string][] = rng.chance(0.15) ? [] : [['content-type', type]];
      if (rng.chance(0.2)) headers.push(['content-type', 'application/json']);
      return { ...base, headers, body, excerpt: `content-type ${excerpt(type, 40)}: ${excerpt(body, 80)}` };
    }
    case 'http:headers': {
      const headers: [string, string][] = [['content-type', 'application/json']];
      const kind = rng.pick([
        'huge',
        'many',
        'huge-auth',
        'odd-auth',
        'dup-auth',
        'accept',
        'encoding',
        'latin1',
        'expect',
        'origin',
        'preflight',
        'forwarded',
      ]);
      let auth: Auth = user;
      switch (kind) {
        case 'huge':
          headers.push(['x-padding', 'a'.repeat(rng.pick([8_000, 17_000, 40_000, 100_000]))]);
          break;
        case 'many':
          for (let i = 0; i < rng.pick([100, 500, 3_000]); i++) headers.push([`x-h${i}`, String(i)]);
          break;
        case 'huge-auth':
          auth = { raw: `Bearer ${'a'.repeat(rng.pick([2_000, 15_000, 60_000]))}` };
          break;
        case 'odd-auth':
          auth = {
            raw: rng.pick([
              'Bearer',
              'Bearer ',
              'Bearer  x.y.z',
              'bearer x',
              'Basic YWRtaW46YWRtaW4=',
              'Token abc',
              'Bearer a.b',
              'Bearer ...',
              'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
              'Bearer \u00ff\u00fe',
              'Bearer x, Bearer y',
              '',
            ]),
          };
          break;
        case 'dup-auth':
          headers.push(['authorization', 'Bearer garbage']);
          break;
        case 'accept':
          headers.push([
            'accept',
            rng.pick([
              'application/xml',
              'text/event-stream',
              'multipart/mixed',
              '*/*;q=0',
              'application/graphql-response+json',
            ]),
          ]);
          break;
        case 'encoding':
          headers.push(['content-encoding', rng.pick(['gzip', 'br', 'deflate', 'identity', 'x-bogus'])]);
          break;
        case 'latin1':
          headers.push(['x-name', '\u00e9\u00e8\u00ff']);
          break;
        case 'expect':
          headers.push(['expect', rng.pick(['100-continue', 'something'])]);
          break;
        case 'origin':
          headers.push(['origin', rng.pick(['null', 'http://evil.example', 'x'.repeat(3_000)])]);
          break;
        case 'preflight':
          headers.push(['apollo-require-preflight', 'true'], ['x-apollo-operation-name', 'x'.repeat(5_000)]);
          break;
        case 'forwarded':
          headers.push(['x-forwarded-for', rng.pick(['1.1.1.1, 2.2.2.2', 'garbage', '::::'])]);
          headers.push(['x-request-id', rng.pick(['x'.repeat(1_000), '', '\u00ff'])]);
          break;
      }
      return { ...base, headers, auth, body: graphqlBody(okQuery), excerpt: `headers: ${kind}` };
    }
    case 'http:method': {
      const method = rng.pick([
        'GET',
        'PUT',
        'DELETE',
        'PATCH',
        'HEAD',
        'OPTIONS',
        'TRACE',
        'PROPFIND',
        'FOO',
      ]);
      const body = method === 'GET' || method === 'HEAD' ? undefined : graphqlBody(okQuery);
      return { ...base, method, body, excerpt: `${method} /graphql` };
    }
    case 'http:batch': {
      const n = rng.pick([0, 1, 2, 50, 1_000]);
      const body = toJson(Array.from({ length: n }, () => ({ query: okQuery })));
      return { ...base, body, excerpt: `batch of ${n}` };
    }
    case 'http:non-string-query': {
      const payload = rng.pick<unknown>([
        { query: 1 },
        { query: null },
        { query: {} },
        { query: [] },
        { query: ['{ serverInfo { name } }'] },
        { query: true },
        {},
        { variables: {} },
        { query: okQuery, variables: 'not an object' },
        { query: okQuery, variables: [1] },
        { query: okQuery, variables: 7 },
        { query: okQuery, operationName: 5 },
        { query: okQuery, operationName: 'Nope' },
        { query: 'query A { serverInfo { name } } query B { viewer { id } }' },
        { query: okQuery, extensions: 'x' },
        { query: okQuery, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
        { query: '' },
        { query: ' ' },
        { query: '#' },
        { query: '\u0000' },
        { query: '{' },
        { query: '}' },
        { query: '{ serverInfo { name } ' },
        { query: 'subscription' },
        { query: '"string"' },
      ]);
      return { ...base, body: toJson(payload), excerpt: excerpt(toJson(payload)) };
    }
    case 'http:framing': {
      const body = graphqlBody(okQuery);
      const kind = rng.pick([
        'short-length',
        'bad-length',
        'neg-length',
        'both-lengths',
        'chunked-bad',
        'chunked-smuggle',
        'no-host',
        'http10',
        'bare-lf',
        'header-no-colon',
        'space-in-name',
        'absolute-target',
        'obs-fold',
        'garbage-line',
      ]);
      const lines = (extra: string[], target = '/graphql', version = 'HTTP/1.1') =>
        [
          `POST ${target} ${version}`,
          'host: 127.0.0.1',
          'connection: close',
          'content-type: application/json',
          ...extra,
        ].join('\r\n');
      let rawRequest: string;
      switch (kind) {
        case 'short-length':
          rawRequest = `${lines([`content-length: ${body.length - 5}`])}\r\n\r\n${body}`;
          break;
        case 'bad-length':
          rawRequest = `${lines(['content-length: abc'])}\r\n\r\n${body}`;
          break;
        case 'neg-length':
          rawRequest = `${lines(['content-length: -1'])}\r\n\r\n${body}`;
          break;
        case 'both-lengths':
          rawRequest = `${lines([`content-length: ${body.length}`, 'transfer-encoding: chunked'])}\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
          break;
        case 'chunked-bad':
          rawRequest = `${lines(['transfer-encoding: chunked'])}\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`;
          break;
        case 'chunked-smuggle':
          rawRequest = `${lines(['transfer-encoding: chunked', 'transfer-encoding: identity'])}\r\n\r\n0\r\n\r\n`;
          break;
        case 'no-host':
          rawRequest = `POST /graphql HTTP/1.1\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
          break;
        case 'http10':
          rawRequest = `POST /graphql HTTP/1.0\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
          break;
        case 'bare-lf':
          rawRequest = `${lines([`content-length: ${body.length}`]).replace(/\r\n/g, '\n')}\n\n${body}`;
          break;
        case 'header-no-colon':
          rawRequest = `${lines([`content-length: ${body.length}`, 'no colon here'])}\r\n\r\n${body}`;
          break;
        case 'space-in-name':
          rawRequest = `${lines([`content-length: ${body.length}`, 'bad name: x'])}\r\n\r\n${body}`;
          break;
        case 'absolute-target':
          rawRequest = `${lines([`content-length: ${body.length}`], 'http://evil.example/graphql')}\r\n\r\n${body}`;
          break;
        case 'obs-fold':
          rawRequest = `${lines([`content-length: ${body.length}`, 'x-folded: a', ' continued'])}\r\n\r\n${body}`;
          break;
        default:
          rawRequest = `\u0000\u0001GARBAGE\r\n\r\n`;
      }
      return { ...base, rawRequest, excerpt: `framing: ${kind}` };
    }
    case 'http:path': {
      const path = rng.pick([
        '/graphql/',
        '//graphql',
        '/GRAPHQL',
        '/graphql%00',
        '/graphql?',
        '/graphql?a=%ZZ',
        '/graphql#x',
        '/graphql/../graphql',
        '/%2e%2e/graphql',
        `/graphql?${'a=1&'.repeat(2_000)}`,
        '/nope',
        '/health/x',
        '/graphiql/../../etc/passwd',
        `/${'a'.repeat(10_000)}`,
      ]);
      return { ...base, path, body: graphqlBody(okQuery), excerpt: `POST ${excerpt(path, 60)}` };
    }
    case 'http:early-close': {
      const query = rng.pick([
        okQuery,
        `{ plan(projectId: "${planProjectId(lane)}") { projectFinish } }`,
        `mutation { submitWbs(input: { projectId: "${controlledProjectId(lane)}" }) { id } }`,
        '{ nope }',
      ]);
      return {
        ...base,
        body: graphqlBody(query),
        closeEarly: true,
        excerpt: `closed right after the answer: ${query}`,
      };
    }
    default: {
      // GET with a query string (CSRF prevention, mutations over GET, bad encodings)
      const q = rng.pick([
        okQuery,
        'mutation { submitWbs(input: { projectId: "FP0" }) { id } }',
        'subscription { approvalsInboxChanged { projectId } }',
        '{',
        '',
      ]);
      const preflight = rng.chance(0.6);
      const encoded = rng.chance(0.1) ? `${encodeURIComponent(q)}%` : encodeURIComponent(q);
      const vars = rng.pick([
        '',
        '&variables=%7Bbad',
        '&variables=null',
        '&variables=%5B%5D',
        '&extensions=%7B',
      ]);
      return {
        ...base,
        method: 'GET',
        path: `/graphql?query=${encoded}${vars}`,
        headers: preflight ? [['apollo-require-preflight', 'true']] : [],
        body: undefined,
        excerpt: `GET ?query=${excerpt(q, 60)}${vars}${preflight ? ' (preflight)' : ''}`,
      };
    }
  }
}

/** Query-shape families: depth, fragment and alias bombs, huge field lists, unknown fields, directives. */
function shapeCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const auth: Auth = rng.chance(0.3) ? { none: true } : { user: FUZZ_PEOPLE.pm };
  const project = planProjectId(lane);
  const kind = rng.pick([
    'deep-selection',
    'deep-introspection',
    'fragment-bomb',
    'fragment-bomb',
    'fragment-cycle',
    'alias-bomb',
    'alias-bomb',
    'field-list',
    'unknown-field',
    'unknown-arg',
    'directives',
    'deep-literal',
    'many-operations',
    'variables-unused',
    'mutation-alias-bomb',
  ]);
  let query: string;
  switch (kind) {
    case 'deep-selection': {
      const depth = rng.pick([20, 200, 5_000, 50_000]);
      query = `{${'plan(projectId: "FP0") { wbsElements {'.repeat(1)}${' a {'.repeat(depth)} id ${'}'.repeat(depth)} } } }`;
      break;
    }
    case 'deep-introspection': {
      const depth = rng.pick([10, 20, 60]);
      query = `{ __schema { types { ${'fields { type { ofType { '.repeat(depth)} name ${'} } } '.repeat(depth)} } } }`;
      break;
    }
    case 'fragment-bomb': {
      const levels = rng.int(20, 40);
      const onPlan = rng.chance(0.4);
      const variant = rng.int(0, 2);
      query = onPlan
        ? `{ plan(projectId: "${project}") { ...F0 } } ${fragmentBomb(levels, 'PlanView', 'activities { id earlyStart }', variant)}`
        : `{ ...F0 } ${fragmentBomb(levels, 'Query', 'serverInfo { name }', variant)}`;
      break;
    }
    case 'fragment-cycle':
      query = '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }';
      break;
    case 'alias-bomb': {
      const n = rng.pick([100, 1_000, 10_000, 40_000]);
      const field = rng.pick([
        'serverInfo { name }',
        '__typename',
        `plan(projectId: "${project}") { projectFinish }`,
        `scheduleChecks(projectId: "${project}") { __typename }`,
        'viewer { id }',
      ]);
      query = `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      break;
    }
    case 'field-list': {
      const n = rng.pick([1_000, 10_000, 50_000]);
      query = `{ plan(projectId: "${project}") { activities { ${'id '.repeat(n)} } } }`;
      break;
    }
    case 'unknown-field':
      query = rng.pick([
        '{ nope }',
        '{ serverInfo { nope } }',
        `{ plan(projectId: "${project}") { secrets } }`,
        '{ __type(name: "Query") { name } }',
        '{ __schema { queryType { name } } }',
        `{ plan(projectId: "${project}") }`,
        '{ serverInfo }',
        `{ plan { projectFinish } }`,
        'mutation { nope }',
        `{ ${'x'.repeat(100_000)} }`,
      ]);
      break;
    case 'unknown-arg':
      query = rng.pick([
        `{ plan(projectId: "${project}", bogus: 1) { projectFinish } }`,
        `{ serverInfo(x: 1) { name } }`,
        `{ plan(projectId: "${project}", projectId: "FR0") { projectFinish } }`,
        `{ plan(projectId: ${project}) { projectFinish } }`,
        `{ plan(projectId: $p) { projectFinish } }`,
        `{ plan(projectId: 12) { projectFinish } }`,
        `{ plan(projectId: null) { projectFinish } }`,
        `{ baseline(projectId: "${project}", version: 1.5) { version } }`,
        `{ baseline(projectId: "${project}", version: 2147483648) { version } }`,
        `{ baseline(projectId: "${project}", version: -1) { version } }`,
        `{ baselineDiff(projectId: "${project}", from: 9999999, to: -9999999) { __typename } }`,
      ]);
      break;
    case 'directives': {
      const n = rng.pick([10, 1_000, 20_000]);
      query = rng.pick([
        `{ serverInfo ${'@include(if: true) '.repeat(n)} { name } }`,
        `{ serverInfo @nope { name } }`,
        `{ serverInfo @skip(if: "yes") { name } }`,
        `{ serverInfo @deprecated { name } }`,
        `query @include(if: true) { serverInfo { name } }`,
      ]);
      break;
    }
    case 'deep-literal': {
      const depth = rng.pick([100, 5_000, 100_000]);
      query = `mutation { addCalendar(input: { projectId: "${project}", entity: { id: "deep", workingHours: ${'['.repeat(depth)}"08:00"${']'.repeat(depth)} } }) { id } }`;
      break;
    }
    case 'many-operations': {
      const n = rng.pick([2, 100, 5_000]);
      query = Array.from({ length: n }, (_, i) => `query Q${i} { serverInfo { name } }`).join(' ');
      break;
    }
    case 'variables-unused': {
      const n = rng.pick([10, 2_000]);
      query = `query(${Array.from({ length: n }, (_, i) => `$v${i}: String`).join(', ')}) { serverInfo { name } }`;
      break;
    }
    default: {
      const n = rng.pick([10, 100, 300]);
      query = `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: addWbsElement(input: { projectId: "${project}", entity: { id: "AB${lane}-${i}", name: "alias ${i}", parentId: "1" } }) { revision }`).join(' ')} }`;
    }
  }
  return { ...gqlPost(lane, `shape:${kind}`, query, auth), excerpt: `${kind}: ${excerpt(query, 120)}` };
}

/** Query fields with bad arguments (types, nulls, positions beyond int64, poison ids). */
function queryArgCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const queryType = apiSchema().getQueryType()!;
  const fields = Object.values(queryType.getFields());
  const field = rng.pick(fields);
  const args = queryArgs(rng, field, lane);
  const argSlots: Slot[] = field.args.flatMap((a) => {
    const value = args[a.name];
    const named = getNamedType(a.type);
    const self: Slot = {
      path: [a.name],
      type: isNonNullType(a.type) ? a.type.ofType : a.type,
      required: isNonNullType(a.type),
      name: a.name,
    };
    if (isInputObjectType(named))
      return [
        self,
        ...Object.values(named.getFields()).map((f) => ({
          path: [a.name, f.name],
          type: isNonNullType(f.type) ? f.type.ofType : f.type,
          required: isNonNullType(f.type),
          name: f.name,
        })),
      ];
    return value === undefined && !self.required ? [self] : [self];
  });
  let note = 'valid';
  if (argSlots.length && rng.chance(0.9)) {
    const slot = rng.pick(argSlots);
    const how = rng.pick(['null', 'wrong', 'poison', 'poison', 'drop']);
    if (how === 'null') setAt(args, slot.path, null);
    else if (how === 'wrong') setAt(args, slot.path, wrongTypeFor(rng, slot));
    else if (how === 'drop') setAt(args, slot.path, undefined, true);
    else setAt(args, slot.path, /position/i.test(slot.name) ? rng.pick(BAD_POSITIONS) : poisonFor(rng, slot));
    note = `${how} ${slot.path.join('.')}`;
  }
  const selection = selectionOf(getNamedType(field.type), rng.int(0, 2));
  const user = rng.pick([FUZZ_PEOPLE.pm, FUZZ_PEOPLE.cam1, FUZZ_PEOPLE.admin, FUZZ_PEOPLE.outsider]);
  const useVariables = rng.chance(0.4) && field.args.length > 0;
  if (useVariables) {
    const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const query = `query(${decl}) { ${field.name}(${call}) ${selection} }`;
    return {
      ...gqlPost(lane, `query-args:${field.name}`, query, { user }, args),
      excerpt: `${field.name} ${note}: ${excerpt(toJson(args), 100)}`,
    };
  }
  const query = `{ ${field.name}${argsLiteral(args)} ${selection} }`;
  return {
    ...gqlPost(lane, `query-args:${field.name}`, query, { user }),
    excerpt: `${field.name} ${note}: ${excerpt(query, 100)}`,
  };
}

function tokenCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const bad = rng.pick(BAD_TOKENS);
  const query = rng.pick([
    '{ viewer { id } }',
    `{ plan(projectId: "${planProjectId(lane)}") { projectFinish } }`,
    `mutation { submitWbs(input: { projectId: "${planProjectId(lane)}" }) { id } }`,
    `mutation { registerProject(input: { projectId: "TK${lane}", name: "t", projectManager: "x" }) { id } }`,
    '{ serverInfo { name } }',
  ]);
  return { ...gqlPost(lane, `token:${bad}`, query, { bad }), excerpt: `${bad} token: ${excerpt(query, 80)}` };
}

function subscriptionCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const auth: Auth = rng.pick<Auth>([
    { none: true },
    { user: FUZZ_PEOPLE.pm },
    { bad: 'expired' },
    { user: FUZZ_PEOPLE.admin },
  ]);
  const query = rng.pick([
    'subscription { approvalsInboxChanged { projectId } }',
    'subscription { nope }',
    'subscription { approvalsInboxChanged { projectId } approvalsInboxChanged { step } }',
    'subscription S { approvalsInboxChanged { projectId } } query Q { serverInfo { name } }',
    'subscription { __typename }',
  ]);
  return {
    ...gqlPost(lane, 'subscription-over-post', query, auth),
    excerpt: `${'user' in auth ? auth.user : 'none' in auth ? 'no token' : 'bad token'}: ${query}`,
  };
}

function mutationRequest(rng: Rng, plan: MutationPlan, lane: number, fresh: string): Omit<ApiCase, 'id'> {
  const { field } = plan;
  const { input, notes } = mutationCase(rng, plan, lane, fresh);
  const auth = authFor(rng, actorOf(field));
  const family = `mutation:${field.name}`;
  const selection = rng.chance(0.03)
    ? rng.pick(['{ nope }', '', '{ id id id }', '{ events { x } }'])
    : ACK_SELECTION;
  const r = rng.next();
  const inputTypeName = plan.inputType.name;
  let query: string;
  let variables: unknown;
  if (r < 0.65) {
    query = `mutation($input: ${inputTypeName}!) { ${field.name}(input: $input) ${selection} }`;
    variables = { input };
  } else if (r < 0.93) {
    query = `mutation { ${field.name}(input: ${toGraphqlLiteral(input)}) ${selection} }`;
  } else {
    const how = rng.int(0, 5);
    query = [
      `mutation($input: String!) { ${field.name}(input: $input) ${selection} }`,
      `mutation($input: ${inputTypeName}!) { ${field.name}(input: $input) ${selection} }`,
      `mutation($input: ${inputTypeName}) { ${field.name}(input: $input) ${selection} }`,
      `mutation { ${field.name.slice(0, -1)}(input: ${toGraphqlLiteral(input)}) ${selection} }`,
      `mutation { ${field.name} ${selection} }`,
      `query { ${field.name}(input: ${toGraphqlLiteral(input)}) ${selection} }`,
    ][how];
    variables = [
      { input },
      rng.pick<unknown>([{}, null, 'input', [input]]),
      {},
      undefined,
      undefined,
      undefined,
    ][how];
    notes.push(`operation shape ${how}`);
  }
  const c = gqlPost(lane, family, query, auth, variables);
  return { ...c, excerpt: `${field.name} [${notes.join('; ') || 'valid'}] ${excerpt(toJson(input), 110)}` };
}

/**
 * The network each lane's plan project holds before the campaign starts (setup, not judged): 1,000 activities
 * and 1,993 links, each an event of its own, so that later requests meet a project of some size. (With 5,000
 * activities every later import, which replaces the working schedule, appends 15,000 removals: 2.3 s each with
 * two lanes at once, and the server held 1.35 GB: see issue 15's note.)
 */
export function setupNetwork(seed: number, lane: number, size = 1_000): string {
  const rng = new Rng(seed).fork(500 + lane);
  const activities = Array.from({ length: size }, (_, i) => ({ id: `a${i}`, duration: rng.int(0, 20) }));
  const links = activities.flatMap((_, i) =>
    [i + 1, i + 7].filter((j) => j < size).map((j) => ({ from: `a${i}`, to: `a${j}`, lag: rng.int(-3, 3) })),
  );
  return toJson({ project: { start: '2027-01-04T08:00:00' }, activities, links });
}

/** Mutations of a schedule import: the one large text field, with schedule JSON gone bad. */
function importCase(rng: Rng, lane: number): Omit<ApiCase, 'id'> {
  const plan = mutations(apiSchema()).find((m) => m.field.name === 'importSchedule')!;
  const content = rng.chance(0.4)
    ? scheduleNetwork(rng, rng.pick([10, 100, 1_000])).text
    : badScheduleJson(rng).text;
  const input = { projectId: planProjectId(lane), format: 'schedule-json', sourceName: 'fuzz.json', content };
  const query = `mutation($input: ${plan.inputType.name}!) { importSchedule(input: $input) ${ACK_SELECTION} }`;
  return {
    ...gqlPost(lane, 'mutation:importSchedule(content)', query, { user: FUZZ_PEOPLE.coordinator }, { input }),
    excerpt: `importSchedule content ${excerpt(content, 120)}`,
  };
}

/**
 * The API campaign: per lane, a deterministic sequence of cases (plan edits against the lane's plan project,
 * procedure and controls commands against its controlled project, query arguments, HTTP and query-shape
 * families, tokens, subscriptions), with reads of the lane's stored data every 40 cases.
 */
export function apiCases(seed: number, perLane = 1_060): ApiCase[] {
  const schema = apiSchema();
  const plans = mutations(schema);
  const planEdits = plans.filter((p) => p.planEdit);
  const procedure = plans.filter((p) => !p.planEdit);
  const lanes: Omit<ApiCase, 'id'>[][] = [];
  for (let lane = 0; lane < LANES; lane++) {
    const rng = new Rng(seed).fork(lane);
    const cases: Omit<ApiCase, 'id'>[] = [];
    let fresh = 0;
    let probes = 0;
    while (cases.length < perLane) {
      if (cases.length % 40 === 39) {
        cases.push(probeCase(rng, lane, probes++));
        continue;
      }
      const r = rng.next();
      if (r < 0.36) cases.push(mutationRequest(rng, rng.pick(planEdits), lane, `FZ${fresh++}`));
      else if (r < 0.6) cases.push(mutationRequest(rng, rng.pick(procedure), lane, `FZ${fresh++}`));
      else if (r < 0.62) cases.push(importCase(rng, lane));
      else if (r < 0.74) cases.push(queryArgCase(rng, lane));
      else if (r < 0.86) cases.push(httpCase(rng, lane));
      else if (r < 0.94) cases.push(shapeCase(rng, lane));
      else if (r < 0.985) cases.push(tokenCase(rng, lane));
      else cases.push(subscriptionCase(rng, lane));
    }
    lanes.push(cases);
  }
  let id = 0;
  return lanes.flatMap((cases) => cases.map((c) => ({ ...c, id: id++ })));
}

/** Every mutation name of the schema (for the coverage check). */
export function mutationNames(): string[] {
  return Object.keys(apiSchema().getMutationType()!.getFields());
}

// --- CLI cases ------------------------------------------------------------------------------------------------

export type CliCommand = 'schedule' | 'evm' | 'level';
export interface CliFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}
export interface CliCase {
  readonly id: number;
  readonly family: string;
  readonly command: CliCommand;
  /** Arguments; `@0`, `@1`… stand for the case's files, `@missing` for a path that does not exist. */
  readonly args: readonly string[];
  readonly files: readonly CliFile[];
  /** The input is certainly invalid: exit 0 is a failure too. */
  readonly mustFail?: boolean;
  /** The message must name one of these (case-insensitive) when the command refuses the input. */
  readonly mentions?: readonly string[];
  readonly excerpt: string;
}

type Json = null | boolean | number | string | RawToken | Deep | Json[] | { [key: string]: Json };

interface JsonPath {
  path: (string | number)[];
  value: Json;
}
function jsonPaths(value: Json, path: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  if (path.length) out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...path, i], out));
  else if (value && typeof value === 'object' && !(value instanceof RawToken) && !(value instanceof Deep))
    for (const [k, v] of Object.entries(value)) jsonPaths(v, [...path, k], out);
  return out;
}

/** What a message about a path could name: the key, the item (`activities[3]`), the item's id. */
function mentionsOf(root: Json, path: (string | number)[]): string[] {
  const names = new Set<string>();
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (last) names.add(String(last));
  let node: Json = root;
  let prefix = '';
  for (const key of path) {
    prefix += typeof key === 'number' ? `[${key}]` : prefix ? `.${key}` : key;
    if (typeof key === 'number') names.add(prefix);
    if (node && typeof node === 'object' && !(node instanceof RawToken) && !(node instanceof Deep)) {
      node = (node as Record<string | number, Json>)[key];
      const id =
        node && typeof node === 'object' && !Array.isArray(node)
          ? (node as Record<string, Json>).id
          : undefined;
      if (typeof id === 'string' && id) names.add(id);
    } else break;
  }
  return [...names];
}

interface Mutated {
  text: string;
  note: string;
  mentions?: string[];
  mustFail?: boolean;
}

/** One to three mutations of a JSON document (structural, or of its text). */
function mutateJson(rng: Rng, doc: Json, dateKeys: RegExp): Mutated {
  const root = clone(doc) as Json;
  if (rng.chance(0.15)) {
    const text = toJson(root);
    const kind = rng.int(0, 11);
    const cut = rng.int(1, Math.max(1, text.length - 1));
    const out: [string, string][] = [
      [text.slice(0, cut), `truncated at ${cut}`],
      [`${text.slice(0, cut)}\u0000${text.slice(cut)}`, `NUL at ${cut}`],
      ['\uFEFF' + text, 'BOM'],
      [text.replace(/,/, ',,'), 'double comma'],
      [text.replace(/}$/, ',}'), 'trailing comma'],
      ['', 'empty file'],
      ['   \n\t', 'whitespace only'],
      [rng.pick(['null', '[]', '0', '"schedule"', 'true', '{}', '[{}]', '1e999']), 'not an object'],
      [text.replace(/"/g, "'"), 'single quotes'],
      [`// comment\n${text}`, 'comment'],
      [text.replace(/:/, ': NaN, "x":'), 'NaN literal'],
      [text + text, 'two documents'],
    ];
    const [t, note] = out[kind];
    // every text corruption but the BOM leaves something that is not a JSON document of the expected shape
    return {
      text: t,
      note,
      mustFail: kind !== 2,
      mentions: ['JSON', 'line', 'input', 'must be', 'missing', 'expected'],
    };
  }
  const notes: string[] = [];
  let mentions: string[] | undefined;
  const mustFail = false;
  const n = rng.chance(0.8) ? 1 : rng.int(2, 3);
  for (let k = 0; k < n; k++) {
    const paths = jsonPaths(root);
    if (!paths.length) break;
    const { path, value } = rng.pick(paths);
    const kind = rng.pick([
      'drop',
      'null',
      'wrong',
      'number',
      'number',
      'string',
      'date',
      'array',
      'deep',
      'unknown',
      'proto',
    ]);
    const set = (v: Json) => {
      let node = root as Record<string | number, Json>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
      node[path[path.length - 1]] = v;
    };
    const remove = () => {
      let node = root as Record<string | number, Json>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
      if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
      else delete node[path[path.length - 1]];
    };
    const where = path.join('.');
    mentions = mentionsOf(root, path);
    switch (kind) {
      case 'drop':
        remove();
        notes.push(`drop ${where}`);
        mentions = undefined;
        break;
      case 'null':
        set(null);
        notes.push(`${where}=null`);
        break;
      case 'wrong': {
        const v: Json =
          typeof value === 'number'
            ? rng.pick<Json>([String(value), true, [value], { n: value }])
            : typeof value === 'string'
              ? rng.pick<Json>([42, false, [value], { s: value }])
              : Array.isArray(value)
                ? rng.pick<Json>(['list', 1, { 0: 'x' }])
                : rng.pick<Json>(['object', 7, [value]]);
        set(v);
        notes.push(`${where} wrong type`);
        break;
      }
      case 'number': {
        const v = rng.pick([...EXTREME_NUMBERS, ...NAN_LIKE]) as Json;
        set(v);
        notes.push(`${where}=${toJson(v)}`);
        break;
      }
      case 'string': {
        const v = rng.pick(POISON_STRINGS);
        set(v);
        notes.push(`${where}=${excerpt(JSON.stringify(v), 30)}`);
        break;
      }
      case 'date': {
        const dated = paths.filter((p) => dateKeys.test(String(p.path[p.path.length - 1])));
        const target = dated.length ? rng.pick(dated) : { path, value };
        const v = rng.pick(BAD_DATES);
        let node = root as Record<string | number, Json>;
        for (const key of target.path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
        node[target.path[target.path.length - 1]] = v;
        notes.push(`${target.path.join('.')}=${v}`);
        mentions = mentionsOf(root, target.path);
        break;
      }
      case 'array': {
        const arrays = paths.filter((p) => Array.isArray(p.value) && (p.value as Json[]).length > 0);
        if (arrays.length) {
          const target = rng.pick(arrays);
          const items = target.value as Json[];
          const picked = rng.pick([1_000, 20_000, 100_000]);
          // at most ~20 MB of JSON: a list grown by an earlier mutation of the same case is large already
          const itemChars = Math.max(1, JSON.stringify(items).length / items.length);
          const count = Math.max(1, Math.min(picked, Math.floor(20_000_000 / itemChars)));
          // one deep copy of the whole list (a structuredClone per item was a second per 100,000)
          const grown = JSON.parse(
            JSON.stringify(Array.from({ length: count }, (_, i) => items[i % items.length])),
          ) as Json[];
          let node = root as Record<string | number, Json>;
          for (const key of target.path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
          node[target.path[target.path.length - 1]] = grown;
          notes.push(`${target.path.join('.')} ×${count} (duplicates)`);
          mentions = undefined;
        }
        break;
      }
      case 'deep':
        set(new Deep(rng.pick([100, 10_000, 200_000]), rng.chance(0.5) ? 'list' : 'object'));
        notes.push(`${where} deeply nested`);
        break;
      case 'unknown':
        set(value);
        if (
          value &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          !(value instanceof RawToken) &&
          !(value instanceof Deep)
        )
          (value as Record<string, Json>)[rng.pick(['bogus', '__proto__', 'constructor'])] = {
            polluted: true,
          };
        notes.push(`${where} unknown member`);
        mentions = undefined;
        break;
      default: {
        // ids that are also names of Object.prototype members
        const ids = paths.filter((p) =>
          /^(id|from|to|calendar|resource|activity|controlAccount|apportionedTo)$/.test(
            String(p.path[p.path.length - 1]),
          ),
        );
        const target = ids.length ? rng.pick(ids) : { path, value };
        let node = root as Record<string | number, Json>;
        for (const key of target.path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
        const v = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']);
        node[target.path[target.path.length - 1]] = v;
        notes.push(`${target.path.join('.')}=${v}`);
        mentions = undefined;
      }
    }
  }
  return { text: toJson(root), note: notes.join('; '), mentions: n === 1 ? mentions : undefined, mustFail };
}

const SCHEDULE_BASE: Json = {
  project: {
    start: '2027-03-01T08:00:00',
    calendar: 'office',
    finishBy: null,
    statusDate: '2027-03-05T17:00:00',
  },
  calendars: [
    {
      id: 'office',
      workWeek: [1, 2, 3, 4, 5],
      workingHours: [
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ],
      holidays: ['2027-03-08'],
      workingExceptions: ['2027-03-13'],
    },
  ],
  activities: [
    { id: 'SPEC', name: 'Write specification', duration: 3 },
    { id: 'REV', name: 'Specification reviewed', duration: 0 },
    { id: 'BUILD', name: 'Build', duration: 4.5, actualStart: '2027-03-04T08:00:00', percentComplete: 10 },
    {
      id: 'DOCS',
      name: 'User guide',
      duration: 2,
      constraint: { type: 'SNET', date: '2027-03-05T08:00:00' },
    },
    { id: 'TEST', name: 'Acceptance test', duration: 2, calendar: 'office' },
  ],
  links: [
    { from: 'SPEC', to: 'REV' },
    { from: 'REV', to: 'BUILD', type: 'FS', lag: 0 },
    { from: 'REV', to: 'DOCS', type: 'SS', lag: -1 },
    { from: 'BUILD', to: 'TEST' },
    { from: 'DOCS', to: 'TEST', type: 'FF', lag: 1 },
  ],
};

const IMS_BASE: Json = {
  projects: [
    {
      id: 'P1',
      start: '2027-03-01T08:00:00',
      activities: [{ id: 'A', duration: 2 }],
      links: [],
    },
    {
      id: 'P2',
      start: '2027-03-01T08:00:00',
      activities: [{ id: 'B', duration: 3 }],
      links: [],
    },
  ],
  links: [{ fromProject: 'P1', from: 'A', toProject: 'P2', to: 'B' }],
};

const DATE_KEYS = /date|start|finish|holidays|Exceptions|statusDate|completed|actual|planned/i;

export function badScheduleJson(rng: Rng): Mutated {
  return mutateJson(rng, rng.chance(0.85) ? SCHEDULE_BASE : IMS_BASE, DATE_KEYS);
}

/** Generated networks: chains, fans, dense graphs (valid or not), as schedule JSON text. */
export function scheduleNetwork(rng: Rng, size: number, options: { resources?: boolean } = {}): Mutated {
  const kind = rng.pick(['chain', 'fan', 'random', 'cycle', 'multi-link']);
  const activities: Json[] = [];
  const links: Json[] = [];
  for (let i = 0; i < size; i++) activities.push({ id: `a${i}`, duration: rng.int(0, 20) });
  if (kind === 'chain') for (let i = 1; i < size; i++) links.push({ from: `a${i - 1}`, to: `a${i}` });
  else if (kind === 'fan')
    for (let i = 1; i < size; i++)
      links.push({ from: 'a0', to: `a${i}`, type: rng.pick(['FS', 'SS', 'FF', 'SF']) });
  else if (kind === 'random')
    for (let i = 0; i < size * 2; i++) {
      const a = rng.int(0, size - 2);
      const b = rng.int(a + 1, size - 1);
      links.push({ from: `a${a}`, to: `a${b}`, lag: rng.int(-3, 3) });
    }
  else if (kind === 'cycle') {
    for (let i = 1; i < size; i++) links.push({ from: `a${i - 1}`, to: `a${i}` });
    links.push({ from: `a${size - 1}`, to: 'a0' });
  } else
    for (let i = 0; i < Math.min(size, 2_000); i++)
      links.push({ from: 'a0', to: `a${Math.min(1, size - 1)}`, lag: i % 7 });
  const doc: Record<string, Json> = { project: { start: '2027-01-04T08:00:00' }, activities, links };
  if (options.resources) {
    doc.resources = [{ id: 'r1', maxUnits: 1 }];
    doc.assignments = activities.map((a) => ({
      activity: (a as { id: string }).id,
      resource: 'r1',
      units: 1,
    }));
  }
  return { text: toJson(doc), note: `${kind} of ${size}`, mustFail: kind === 'cycle' };
}

/** Structurally odd networks named by the issue (long chains at the limits, cycles, many links, one huge lag). */
function oddNetworks(): { doc: () => string; note: string; mustFail: boolean; mentions?: string[] }[] {
  const chain =
    (n: number, duration: number, lag = 0) =>
    () =>
      toJson({
        project: { start: '2027-01-04T08:00:00' },
        activities: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, duration })),
        links: Array.from({ length: n - 1 }, (_, i) => ({ from: `c${i}`, to: `c${i + 1}`, lag })),
      });
  return [
    {
      doc: chain(10_000, 36_500),
      note: '10^4 chain, each 36500 days',
      mustFail: true,
      mentions: ['1800-01-01', '2299', 'reach'],
    },
    { doc: chain(10_000, 36_500, -36_500), note: '10^4 chain, 36500 days, lag -36500', mustFail: false },
    {
      doc: chain(10_000, 0, 36_500),
      note: '10^4 milestones, lags 36500',
      mustFail: true,
      mentions: ['1800-01-01', '2299', 'reach'],
    },
    {
      // late dates stop at the project finish (as MS Project's do), so nothing leaves the range
      doc: chain(10_000, 0, -36_500),
      note: '10^4 milestones, leads 36500',
      mustFail: false,
    },
    {
      doc: () =>
        toJson({
          project: { start: '2027-01-04T08:00:00' },
          activities: Array.from({ length: 300 }, (_, i) => ({ id: `d${i}`, duration: 1 })),
          links: Array.from({ length: 300 * 299 }, (_, k) => {
            const a = Math.floor(k / 299);
            const b = k % 299 >= a ? (k % 299) + 1 : k % 299;
            return { from: `d${a}`, to: `d${b}` };
          }),
        }),
      note: 'dense cycles: 300 activities, every ordered pair linked',
      mustFail: true,
      mentions: ['cycle'],
    },
    {
      doc: () =>
        toJson({
          project: { start: '2027-01-04T08:00:00' },
          activities: [
            { id: 'X', duration: 1 },
            { id: 'Y', duration: 1 },
          ],
          links: Array.from({ length: 50_000 }, (_, i) => ({
            from: 'X',
            to: 'Y',
            type: ['FS', 'SS', 'FF', 'SF'][i % 4],
            lag: (i % 100) - 50,
          })),
        }),
      note: '50,000 links between two activities',
      mustFail: false,
    },
    {
      doc: () =>
        toJson({
          project: { start: '2027-01-04T08:00:00' },
          activities: Array.from({ length: 100_000 }, (_, i) => ({ id: `h${i}`, duration: i % 5 })),
          links: [
            { from: 'h0', to: 'h99999', lag: 36_500 },
            ...Array.from({ length: 99_998 }, (_, i) => ({ from: `h${i}`, to: `h${i + 1}` })),
          ],
        }),
      note: '10^5 activities in a chain with one lag of 36500',
      mustFail: false,
    },
    {
      doc: () =>
        toJson({
          project: { start: '2027-01-04T08:00:00' },
          activities: Array.from({ length: 100_000 }, (_, i) => ({ id: `g${i}`, duration: 1 })),
          links: [{ from: 'g0', to: 'g1', lag: 1e9 }],
        }),
      note: '10^5 activities, one lag of 1e9',
      mustFail: true,
      mentions: ['lag', '36500'],
    },
  ];
}

const EVM_BASE: Json = {
  statusDate: '2027-03-31',
  calendar: { workWeek: [1, 2, 3, 4, 5], holidays: ['2027-01-18'], workingExceptions: ['2027-01-23'] },
  workPackages: [
    {
      id: 'WP1',
      controlAccount: 'CA1',
      budget: 12_000,
      plannedStart: '2027-01-04',
      plannedFinish: '2027-02-26',
      technique: '50/50',
      actualStart: '2027-01-05',
      actualFinish: null,
      actualCost: 7_000,
    },
    {
      id: 'WP2',
      controlAccount: 'CA1',
      budget: 8_000,
      plannedStart: '2027-02-01',
      plannedFinish: '2027-04-30',
      technique: 'milestone',
      milestones: [
        { id: 'M1', weight: 30, plannedDate: '2027-02-26', completed: '2027-03-02' },
        { id: 'M2', weight: 70, plannedDate: '2027-04-30', completed: null },
      ],
      actualStart: '2027-02-01',
      actualCost: 3_100,
    },
    {
      id: 'WP3',
      controlAccount: 'CA2',
      budget: 5_000,
      plannedStart: '2027-01-04',
      plannedFinish: '2027-06-30',
      technique: 'LOE',
      actualStart: '2027-01-04',
      actualCost: 2_600,
    },
    {
      id: 'WP4',
      controlAccount: 'CA2',
      budget: 4_000,
      plannedStart: '2027-02-01',
      plannedFinish: '2027-05-28',
      technique: 'percentComplete',
      percentComplete: 40,
      actualStart: '2027-02-01',
      actualCost: 1_500,
    },
    {
      id: 'WP5',
      controlAccount: 'CA2',
      budget: 1_000,
      technique: 'apportioned',
      apportionedTo: 'WP4',
      actualCost: 300,
    },
    {
      id: 'WP6',
      controlAccount: 'CA3',
      budget: 2_000,
      plannedStart: '2027-06-01',
      plannedFinish: '2027-09-30',
      technique: 'planningPackage',
    },
  ],
};

/** Earned value inputs that are valid one field at a time but huge together (long spans, long chains). */
function oddEvm(rng: Rng): Mutated {
  const kind = rng.int(0, 6);
  const wp = (i: number, extra: Record<string, Json> = {}): Json => ({
    id: `W${i}`,
    controlAccount: `C${i % 10}`,
    budget: 1_000,
    plannedStart: '2027-01-04',
    plannedFinish: '2027-12-31',
    technique: 'percentComplete',
    percentComplete: 50,
    ...extra,
  });
  switch (kind) {
    case 0:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          workPackages: Array.from({ length: 2_000 }, (_, i) =>
            wp(i, { plannedStart: '0001-01-01', plannedFinish: '9999-12-31' }),
          ),
        }),
        note: '2,000 packages planned 0001-01-01 to 9999-12-31',
        mustFail: true,
        mentions: ['plannedStart', 'plannedFinish', '1900', '2199'],
      };
    case 1:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          workPackages: [
            wp(0),
            ...Array.from({ length: 20_000 }, (_, i) =>
              wp(i + 1, { technique: 'apportioned', apportionedTo: `W${i}` }),
            ),
          ],
        }),
        note: 'an apportioned chain 20,000 long',
        mustFail: false,
      };
    case 2:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          workPackages: Array.from({ length: 500 }, (_, i) =>
            wp(i, { plannedStart: '1900-01-01', plannedFinish: '2199-12-31' }),
          ),
        }),
        note: '500 packages over 1900–2199',
        mustFail: false,
      };
    case 3:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          workPackages: [
            wp(0, {
              technique: 'milestone',
              milestones: Array.from({ length: 100_000 }, (_, i) => ({
                id: `m${i}`,
                weight: 1,
                plannedDate: '2027-03-01',
                completed: null,
              })),
            }),
          ],
        }),
        note: 'one package with 100,000 milestones',
        mustFail: false,
      };
    case 4:
      return {
        text: toJson({
          statusDate: '9999-12-31',
          workPackages: [wp(0, { budget: 1e300, actualCost: -1e300 })],
        }),
        note: 'status date 9999, budget 1e300',
        mustFail: true,
        mentions: ['statusDate', 'budget'],
      };
    case 5:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          calendar: {
            workWeek: [],
            holidays: Array.from({ length: 50_000 }, (_, i) =>
              new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
            ),
          },
          workPackages: [wp(0)],
        }),
        note: 'empty work week, 50,000 holidays',
        mustFail: false,
      };
    default:
      return {
        text: toJson({
          statusDate: '2027-06-30',
          workPackages: Array.from({ length: 50_000 }, (_, i) =>
            wp(i, { technique: rng.pick(['50/50', '0/100', 'LOE', '33.5/66.5']) }),
          ),
        }),
        note: '50,000 packages',
        mustFail: false,
      };
  }
}

/** PSPLIB text mutations: numbers, counts, lines, sections. */
function mutatePsplib(rng: Rng, text: string): Mutated {
  const lines = text.split('\n');
  const kind = rng.pick([
    'number',
    'number',
    'number',
    'count',
    'drop-line',
    'dup-line',
    'truncate',
    'successor',
    'garbage',
    'section',
  ]);
  const numberLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => /\d/.test(l));
  const pickLine = () => rng.pick(numberLines);
  const replaceNumber = (line: string, value: string) => {
    const matches = [...line.matchAll(/-?\d+/g)];
    if (!matches.length) return line;
    const m = rng.pick(matches);
    return line.slice(0, m.index) + value + line.slice(m.index! + m[0].length);
  };
  const bigs = [
    '1000000000',
    '2147483648',
    '9007199254740993',
    '-1',
    '0',
    '1e300',
    'NaN',
    '99999999999999999999',
    '-2147483649',
    '1.5',
    '0x10',
  ];
  let note: string;
  switch (kind) {
    case 'number': {
      const { l, i } = pickLine();
      const v = rng.pick(bigs);
      lines[i] = replaceNumber(l, v);
      note = `line ${i + 1}: a number → ${v}`;
      break;
    }
    case 'count': {
      const i = lines.findIndex((l) =>
        rng.pick([/jobs \(incl/, /renewable/, /horizon/, /^\s*1\s+\d+\s+\d+/]).test(l),
      );
      const v = rng.pick(bigs);
      if (i >= 0) lines[i] = replaceNumber(lines[i], v);
      note = `line ${i + 1}: a count → ${v}`;
      break;
    }
    case 'drop-line': {
      const i = rng.int(0, lines.length - 1);
      lines.splice(i, 1);
      note = `line ${i + 1} dropped`;
      break;
    }
    case 'dup-line': {
      const { l, i } = pickLine();
      const times = rng.pick([1, 1_000, 50_000]);
      lines.splice(i, 0, ...Array.from({ length: times }, () => l));
      note = `line ${i + 1} repeated ${times}×`;
      break;
    }
    case 'truncate': {
      const cut = rng.int(0, text.length);
      return {
        text: text.slice(0, cut),
        note: `truncated at ${cut}`,
        mentions: ['line', 'missing', 'expected', 'section', 'PSPLIB', 'jobs'],
      };
    }
    case 'successor': {
      const start = lines.findIndex((l) => /PRECEDENCE RELATIONS/.test(l));
      const i = start + 2 + rng.int(0, 5);
      if (start >= 0 && lines[i]) lines[i] = `${lines[i]}   ${rng.pick(['1', '0', '99999', '-3', '2'])}`;
      note = `line ${i + 1}: an odd successor`;
      break;
    }
    case 'garbage': {
      const i = rng.int(0, lines.length - 1);
      lines[i] = rng.pick([
        '\u0000\u0001',
        'x'.repeat(100_000),
        '\uFEFF',
        '%%%',
        '   ',
        '1 2 3 4 5 6 7 8 9 10 11 12 13 14',
      ]);
      note = `line ${i + 1}: garbage`;
      break;
    }
    default: {
      const i = lines.findIndex((l) => /REQUESTS\/DURATIONS|RESOURCEAVAILABILITIES|PRECEDENCE/.test(l));
      if (i >= 0) lines[i] = rng.pick(['', 'SOMETHING ELSE:', lines[i].toLowerCase()]);
      note = `section header at line ${i + 1} broken`;
    }
  }
  return { text: lines.join('\n'), note, mentions: ['line'] };
}

/** XML text mutations: truncation, numbers, dates, nesting, entities, encodings, repeated elements. */
function mutateXml(rng: Rng, text: string): Mutated {
  const kind = rng.pick([
    'truncate',
    'number',
    'number',
    'date',
    'date',
    'deep',
    'entity',
    'repeat',
    'drop-element',
    'poison',
    'mismatch',
    'nul',
    'empty-values',
  ]);
  const valueRe = /<(\w+)>([^<]{1,60})<\/\1>/g;
  const values = [...text.matchAll(valueRe)];
  const replaceValue = (
    filter: (tag: string, value: string) => boolean,
    replacement: () => string,
  ): string => {
    const candidates = values.filter((m) => filter(m[1], m[2]));
    if (!candidates.length) return text;
    const m = rng.pick(candidates);
    const at = m.index! + m[1].length + 2;
    return text.slice(0, at) + replacement() + text.slice(at + m[2].length);
  };
  switch (kind) {
    case 'truncate': {
      const cut = rng.int(0, text.length);
      return { text: text.slice(0, cut), note: `truncated at ${cut}` };
    }
    case 'number': {
      const v = rng.pick([
        '99999999999',
        '-1',
        '1e309',
        'NaN',
        '9007199254740993',
        'PT99999999999H0M0S',
        'PT-8H0M0S',
        'P9999999D',
        '2147483648',
        '1.7976931348623157e308',
        '',
        '0x10',
      ]);
      return {
        text: replaceValue(
          (_t, val) => /^[-\d.PTHMS]+$/.test(val.trim()),
          () => v,
        ),
        note: `a number → ${v}`,
      };
    }
    case 'date': {
      const v = rng.pick([
        ...BAD_DATES,
        '0001-01-01T00:00:00',
        '9999-12-31T23:59:59',
        '2027-13-45T08:00:00',
        '2027-01-04T08:00:00+99:00',
      ]);
      return {
        text: replaceValue(
          (_t, val) => /^\d{4}-\d\d-\d\d/.test(val.trim()),
          () => v,
        ),
        note: `a date → ${v}`,
      };
    }
    case 'deep': {
      const depth = rng.pick([1_000, 50_000, 200_000]);
      const at = text.indexOf('<Task>') >= 0 ? text.indexOf('<Task>') : Math.floor(text.length / 2);
      const inner = rng.pick(['Task', 'x', 'Project']);
      return {
        text: text.slice(0, at) + `<${inner}>`.repeat(depth) + `</${inner}>`.repeat(depth) + text.slice(at),
        note: `${depth} nested <${inner}>`,
      };
    }
    case 'entity': {
      const bomb =
        '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY x SYSTEM "file:///etc/passwd">]>';
      const at = text.indexOf('?>') >= 0 ? text.indexOf('?>') + 2 : 0;
      const body = text
        .slice(at)
        .replace(/<Name>[^<]*<\/Name>/, rng.chance(0.5) ? '<Name>&f;</Name>' : '<Name>&x;</Name>');
      return { text: text.slice(0, at) + bomb + body, note: 'entity expansion bomb / external entity' };
    }
    case 'repeat': {
      const m =
        /<(Task|Resource|Assignment|PredecessorLink|Activity|Relationship|Calendar)>[\s\S]*?<\/\1>/.exec(
          text,
        );
      if (!m) return { text: text + text, note: 'doubled document' };
      // at most about 8 MB of repeats: the case is about many elements, not about the runner's memory
      const times = Math.max(2, Math.min(rng.pick([1_000, 20_000]), Math.floor(8_000_000 / m[0].length)));
      return {
        text: text.slice(0, m.index) + m[0].repeat(times) + text.slice(m.index),
        note: `<${m[1]}> repeated ${times}×`,
      };
    }
    case 'drop-element': {
      const tags = [
        'UID',
        'ID',
        'Start',
        'Finish',
        'Duration',
        'CalendarUID',
        'PredecessorUID',
        'Type',
        'StartDate',
        'FinishDate',
        'ObjectId',
        'ProjectObjectId',
      ];
      const tag = rng.pick(tags);
      const re = new RegExp(`<${tag}>[^<]*</${tag}>`, 'g');
      let n = 0;
      const keep = rng.int(0, 3);
      return {
        text: text.replace(re, (m) => (n++ % 4 === keep ? '' : m)),
        note: `every 4th <${tag}> dropped`,
      };
    }
    case 'poison': {
      const v = rng.pick(POISON_STRINGS.filter((s) => !/[<&]/.test(s)));
      return {
        text: replaceValue(
          () => true,
          () => v,
        ),
        note: `a value → ${excerpt(JSON.stringify(v), 30)}`,
      };
    }
    case 'mismatch':
      return { text: text.replace(/<\/Task>/, '</Tsak>'), note: 'mismatched close tag' };
    case 'nul':
      return { text: text.replace(/<Name>/, '<Name>\u0000\uFFFE'), note: 'NUL and U+FFFE in a name' };
    default:
      return {
        text: text.replace(/<(UID|Duration|Start|PredecessorUID|LinkLag)>[^<]*</g, '<$1><'),
        note: 'values emptied',
      };
  }
}

/** XER text mutations: fields, rows, tables, encodings. */
function mutateXer(rng: Rng, text: string): Mutated {
  const lines = text.split(/\r?\n/);
  const kind = rng.pick([
    'field',
    'field',
    'field',
    'truncate',
    'drop-fields',
    'rows',
    'columns',
    'no-end',
    'table-name',
    'dates',
  ]);
  const rowIndexes = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('%R'));
  let note: string;
  switch (kind) {
    case 'field': {
      const { l, i } = rng.pick(rowIndexes);
      const cells = l.split('\t');
      const c = rng.int(1, Math.max(1, cells.length - 1));
      const v = rng.pick([
        ...EXTREME_NUMBERS.map((x) => toJson(x)),
        ...BAD_DATES,
        '',
        '\u0000',
        'x'.repeat(50_000),
        '-',
        'NaN',
      ]);
      cells[c] = v;
      lines[i] = cells.join('\t');
      note = `line ${i + 1} field ${c} → ${excerpt(v, 30)}`;
      break;
    }
    case 'truncate': {
      const cut = rng.int(0, text.length);
      return { text: text.slice(0, cut), note: `truncated at ${cut}` };
    }
    case 'drop-fields': {
      const fields = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('%F'));
      const { i } = rng.pick(fields);
      lines.splice(i, 1);
      note = `%F line ${i + 1} dropped`;
      break;
    }
    case 'rows': {
      const tasks = rowIndexes.filter(({ i }) =>
        lines
          .slice(0, i)
          .reverse()
          .find((l) => l.startsWith('%T'))
          ?.includes(rng.pick(['TASK', 'TASKPRED', 'CALENDAR'])),
      );
      const { l, i } = tasks.length ? rng.pick(tasks) : rng.pick(rowIndexes);
      const times = rng.pick([1_000, 30_000]);
      lines.splice(i, 0, ...Array.from({ length: times }, () => l));
      note = `row at line ${i + 1} repeated ${times}×`;
      break;
    }
    case 'columns': {
      const { l, i } = rng.pick(rowIndexes);
      lines[i] = rng.chance(0.5) ? l.split('\t').slice(0, 2).join('\t') : `${l}${'\textra'.repeat(1_000)}`;
      note = `row at line ${i + 1}: wrong column count`;
      break;
    }
    case 'no-end':
      note = '%E removed, a %T without rows added';
      return { text: lines.filter((l) => !l.startsWith('%E')).join('\r\n') + '\r\n%T\tTASK\r\n', note };
    case 'table-name': {
      const tables = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.startsWith('%T'));
      const { i } = rng.pick(tables);
      lines[i] = rng.pick(['%T', '%T\t', '%T\t\u0000', '%X\tTASK']);
      note = `table header at line ${i + 1} broken`;
      break;
    }
    default: {
      const v = rng.pick(BAD_DATES);
      const out = text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, (m) => (rng.chance(0.1) ? v : m));
      return { text: out, note: `some dates → ${v}` };
    }
  }
  return { text: lines.join('\r\n'), note };
}

function listFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => join(ROOT, dir, f));
}

/**
 * The CLI campaign: bad schedule JSON, bad EVM JSON (with and without --analysis), bad PSPLIB and schedule JSON
 * with resources (`level`), mutated MS Project XML, XER and PMXML, odd networks, bad options and missing files.
 */
export function cliCases(seed: number, total = 2_100): CliCase[] {
  const root = new Rng(seed).fork(1_000);
  const cases: Omit<CliCase, 'id'>[] = [];
  const mspdi = listFiles('test/fixtures/mspdi', /\.xml$/).filter(
    (f) => !/timephased|durations-project|baselines-project2019/.test(f),
  );
  const p6xml = listFiles('test/fixtures/p6', /\.xml$/).filter((f) => !/PrimaveraProject/.test(f));
  const xer = listFiles('test/fixtures/p6', /\.xer$/);
  const psplib = [
    ...listFiles('test/fixtures/psplib/j30', /\.sm$/).slice(0, 20),
    ...listFiles('test/fixtures/psplib/j120', /\.sm$/).slice(0, 5),
  ];
  const officeMove = JSON.parse(readFileSync(join(ROOT, 'test/level/office-move.json'), 'utf8')) as Json;
  const read = (f: string, enc: BufferEncoding = 'utf8') => readFileSync(f, enc);
  const texts = new Map<string, string>();
  const text = (f: string, enc: BufferEncoding = 'utf8') => {
    if (!texts.has(f)) texts.set(f, read(f, enc));
    return texts.get(f)!;
  };
  const short = (f: string) => f.slice(f.lastIndexOf('/') + 1);

  const push = (c: Omit<CliCase, 'id'>): void => {
    cases.push(c);
  };
  const jsonCase = (
    family: string,
    command: CliCommand,
    m: Mutated,
    pre: string[] = [],
    post: string[] = [],
  ): void =>
    push({
      family,
      command,
      args: [...pre, '@0', ...post],
      files: [{ name: 'input.json', content: m.text }],
      mustFail: m.mustFail,
      mentions: m.mentions,
      excerpt: `${m.note}: ${excerpt(m.text, 90)}`,
    });

  const quota: [string, number][] = [
    ['schedule-json', 430],
    ['schedule-network', 60],
    ['evm-json', 330],
    ['evm-odd', 14],
    ['level-psplib', 300],
    ['level-json', 280],
    ['mspdi', 300],
    ['pmxml', 120],
    ['xer', 150],
    ['options', 60],
  ];
  const scale = total / quota.reduce((s, [, n]) => s + n, 0);
  for (const [family, n0] of quota) {
    const rng = root.fork(family.length * 31 + n0);
    const n = Math.round(n0 * scale);
    for (let i = 0; i < n; i++) {
      switch (family) {
        case 'schedule-json':
          jsonCase('schedule:json', 'schedule', badScheduleJson(rng));
          break;
        case 'schedule-network': {
          const m = scheduleNetwork(rng, rng.pick([10, 1_000, 20_000]));
          jsonCase('schedule:network', 'schedule', m);
          break;
        }
        case 'evm-json': {
          const m = mutateJson(rng, EVM_BASE, DATE_KEYS);
          jsonCase('evm:json', 'evm', m, rng.chance(0.5) ? ['--analysis'] : []);
          break;
        }
        case 'evm-odd':
          jsonCase('evm:odd', 'evm', oddEvm(rng), rng.chance(0.5) ? ['--analysis'] : []);
          break;
        case 'level-psplib': {
          const file = rng.pick(psplib);
          const m = mutatePsplib(rng, text(file));
          push({
            family: 'level:psplib',
            command: 'level',
            args: ['--time-limit-ms', String(rng.pick([0, 5, 20])), '@0'],
            files: [{ name: 'input.sm', content: m.text }],
            mentions: m.mentions,
            excerpt: `${short(file)}: ${m.note}`,
          });
          break;
        }
        case 'level-json': {
          const m = rng.chance(0.9)
            ? mutateJson(rng, officeMove, DATE_KEYS)
            : scheduleNetwork(rng, rng.pick([50, 2_000]), { resources: true });
          const opts = ['--time-limit-ms', String(rng.pick([0, 5, 20]))];
          if (rng.chance(0.3)) opts.push('--histogram', rng.pick(['day', 'week', 'month']));
          if (rng.chance(0.3)) opts.push('--mode', rng.pick(['allowSlip', 'withinFloat']));
          jsonCase('level:json', 'level', m, opts);
          break;
        }
        case 'mspdi': {
          const file = rng.pick(mspdi);
          const m = mutateXml(rng, text(file));
          push({
            family: 'schedule:mspdi',
            command: 'schedule',
            args: ['@0'],
            files: [{ name: 'input.xml', content: m.text }],
            excerpt: `${short(file)}: ${m.note}`,
          });
          break;
        }
        case 'pmxml': {
          const file = rng.pick(p6xml);
          const m = mutateXml(rng, text(file));
          push({
            family: 'schedule:pmxml',
            command: 'schedule',
            args: ['@0'],
            files: [{ name: 'input.xml', content: m.text }],
            excerpt: `${short(file)}: ${m.note}`,
          });
          break;
        }
        case 'xer': {
          const file = rng.pick(xer);
          const m = mutateXer(rng, text(file, 'latin1'));
          push({
            family: 'schedule:xer',
            command: 'schedule',
            args: ['@0'],
            files: [{ name: 'input.xer', content: Buffer.from(m.text, 'latin1') }],
            excerpt: `${short(file)}: ${m.note}`,
          });
          break;
        }
        default: {
          const command = rng.pick<CliCommand>(['schedule', 'evm', 'level']);
          const good =
            command === 'evm'
              ? toJson(EVM_BASE)
              : command === 'level'
                ? toJson(officeMove)
                : toJson(SCHEDULE_BASE);
          const args = rng.pick<string[]>([
            [],
            ['@missing'],
            ['@missing.xml'],
            ['@missing.xer'],
            ['@0', '@0'],
            ['--bogus', '@0'],
            ['-x', '@0'],
            ['--analysis'],
            ['--time-limit-ms', '-5', '@0'],
            ['--time-limit-ms', '1e9', '@0'],
            ['--time-limit-ms', 'abc', '@0'],
            ['--time-limit-ms'],
            ['--seed', '1.5', '@0'],
            ['--seed', '99999999999999999999', '@0'],
            ['--mode', 'fast', '@0'],
            ['--histogram', 'year', '@0'],
            ['--histogram'],
            ['@dir'],
            ['', '@0'],
            ['--', '@0'],
            ['\u0000'],
          ]);
          const mustFail =
            !(args.length === 2 && args[0] === '--' && command !== 'level') &&
            !(command === 'level' && args[0] === '@0' && args[1] === '@0');
          push({
            family: `options:${command}`,
            command,
            args,
            files: [{ name: 'input.json', content: good }],
            mustFail: mustFail && !(command === 'evm' && args.length === 2 && args[0] === '--'),
            excerpt: `${command} ${args.join(' ')}`,
          });
        }
      }
    }
  }
  for (const odd of oddNetworks()) {
    const m = { text: odd.doc(), note: odd.note, mustFail: odd.mustFail, mentions: odd.mentions };
    jsonCase('schedule:odd-network', 'schedule', m);
    const withResources = JSON.parse(m.text) as Record<string, Json>;
    if ((withResources.activities as Json[]).length <= 10_000) {
      withResources.resources = [{ id: 'r', maxUnits: 1 }];
      withResources.assignments = (withResources.activities as { id: string }[])
        .slice(0, 2_000)
        .map((a) => ({ activity: a.id, resource: 'r', units: 1 }));
      jsonCase('level:odd-network', 'level', { ...m, text: toJson(withResources) }, [
        '--time-limit-ms',
        '20',
      ]);
    }
  }
  return cases.map((c, id) => ({ ...c, id }));
}
