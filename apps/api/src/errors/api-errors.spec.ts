import { BadRequestException, NotFoundException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConcurrencyConflict, DomainError, InputError } from '#domain/kernel/errors.js';
import { type ErrorCode, isErrorCode } from '#domain/kernel/error-codes.js';
import { toApiError } from './api-errors.js';

const reference = () => 'ref-1';
const map = (error: unknown) => toApiError(error, reference);
const extensions = (error: unknown) => map(error).error.extensions;

/** Every `'FAMILY.REASON'` code literal in libs/domain and libs/application sources. */
function codesInSources(): string[] {
  const root = resolve(import.meta.dirname, '../../../../libs');
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.includes('.spec.')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/DomainError\(\s*'([A-Z_]+\.[A-Z_]+)'/g)) codes.add(match[1]);
        for (const match of text.matchAll(/code: '([A-Z_]+\.[A-Z_]+)'/g)) codes.add(match[1]);
      }
    }
  };
  walk(join(root, 'domain'));
  walk(join(root, 'application'));
  return [...codes].sort();
}

describe('the mapping of thrown errors to GraphQL errors', () => {
  it('maps every DomainError code raised in libs/domain and libs/application to a known API code', () => {
    const codes = codesInSources();
    expect(codes.length).toBeGreaterThan(10);
    // A new code needs its entry in libs/domain/kernel/error-codes.ts and in API_CODES (api-errors.ts).
    expect(codes.filter((code) => !isErrorCode(code))).toEqual([]);
    for (const code of codes) {
      const mapped = extensions(new DomainError(code as ErrorCode, 'refused'));
      expect(mapped.code).toMatch(
        /^(UNAUTHENTICATED|FORBIDDEN|BAD_USER_INPUT|CONFLICT|ILLEGAL_TRANSITION|NOT_FOUND|INTERNAL_SERVER_ERROR)$/,
      );
      if (!code.startsWith('BASELINE.')) expect(mapped.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });

  it('maps a concurrency conflict to CONFLICT with the expected and actual revision', () => {
    expect(extensions(new ConcurrencyConflict('project-P1', 4n, 6n))).toEqual({
      code: 'CONFLICT',
      domainCode: 'STREAM.CONCURRENCY_CONFLICT',
      stream: 'project-P1',
      expectedRevision: '4',
      actualRevision: '6',
    });
  });

  it('maps an illegal transition to ILLEGAL_TRANSITION with the current state and the allowed actions', () => {
    const error = new DomainError(
      'PROCEDURE.ILLEGAL_TRANSITION',
      'ApproveWbs is not allowed in step developingSchedule',
      {
        state: 'developingSchedule',
        command: 'ApproveWbs',
        allowed: ['CompleteScheduleDevelopment'],
      },
    );
    expect(extensions(error)).toEqual({
      code: 'ILLEGAL_TRANSITION',
      domainCode: 'PROCEDURE.ILLEGAL_TRANSITION',
      currentState: 'developingSchedule',
      allowedActions: ['CompleteScheduleDevelopment'],
      details: { command: 'ApproveWbs' },
    });
  });

  it('maps input and rule refusals to BAD_USER_INPUT with the field path', () => {
    expect(
      extensions(
        new DomainError('PLAN.INVALID_FIELD', 'amount: must be a finite number ≥ 0', {
          field: 'amount',
          value: -1,
        }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      domainCode: 'PLAN.INVALID_FIELD',
      fields: [{ path: 'amount', messages: ['amount: must be a finite number ≥ 0'] }],
      details: { value: -1 },
    });
    expect(extensions(new InputError('findings: say which adjustments the schedule needs')).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  // Found by the bad-input campaign: a schedule import whose link `to` was a 200,000-level array overflowed the
  // stack when the refusal echoed the value (INTERNAL_SERVER_ERROR instead of BAD_USER_INPUT).
  it('echoes a refused value only in a bounded form, however deep, long or wide the caller made it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const result = extensions(
      new DomainError('PLAN.INVALID_FIELD', 'links[1].to: must be a string', {
        field: 'links[1].to',
        value: deep,
        text: 'a'.repeat(1_000_000),
        list: Array.from({ length: 1_000 }, (_, i) => i),
        wide,
        huge: 10n ** 30n,
      }),
    );
    expect(result.code).toBe('BAD_USER_INPUT');
    const details = result.details as Record<string, unknown>;
    expect(JSON.stringify(details.value)).toBe('[[[[["…"]]]]]');
    expect(details.text).toBe(`${'a'.repeat(200)}…`);
    expect(details.list).toEqual([...Array.from({ length: 20 }, (_, i) => i), '… 980 more']);
    expect(Object.keys(details.wide as object)).toHaveLength(20);
    expect(details.huge).toBe('1000000000000000000000000000000');
    expect(JSON.stringify(result).length).toBeLessThan(2_000);
  });
  it.each([
    ['BASELINE.NOT_FOUND', 'NOT_FOUND'],
    ['PROJECT.NOT_REGISTERED', 'NOT_FOUND'],
    ['PROJECT.ALREADY_REGISTERED', 'CONFLICT'],
    ['AUTH.FORBIDDEN', 'FORBIDDEN'],
    ['AUTH.UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['APPROVAL_PACKAGE.ALREADY_APPROVED', 'ILLEGAL_TRANSITION'],
    ['ROLES.LAST_PROJECT_MANAGER', 'BAD_USER_INPUT'],
    ['IBR.ILLEGAL_TRANSITION', 'ILLEGAL_TRANSITION'],
    ['IBR.OWNER_UNKNOWN', 'BAD_USER_INPUT'],
    ['CHANGE_REQUEST.NOT_REQUESTER', 'FORBIDDEN'],
    ['CHANGE_REQUEST.NOT_FOUND', 'NOT_FOUND'],
    ['SCHEDULE_QUALITY.BLOCKING_FINDINGS', 'ILLEGAL_TRANSITION'],
  ])('maps %s to %s', (code, expected) => {
    expect(extensions(new DomainError(code as ErrorCode, 'refused')).code).toBe(expected);
  });

  it('turns an unexpected error into INTERNAL_SERVER_ERROR with a reference and nothing of the error, and asks for it to be logged', () => {
    const secret = new Error('SQLITE_CORRUPT at /var/lib/plumbline/data.db');
    const { error, log } = map(secret);
    expect(log).toBe(true);
    expect(error.message).toBe('internal server error (reference ref-1)');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/SQLITE|\/var\/lib|at .*\.js/);
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reference: 'ref-1' });
  });

  it('treats a code outside the table (only a cast makes one) as a fault of the mapping, not as a refusal', () => {
    const { error, log } = map(new DomainError('WIDGET.BROKEN' as ErrorCode, 'widget broken'));
    expect(log).toBe(true);
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('maps Nest HTTP exceptions and passes GraphQL errors through', () => {
    expect(extensions(new BadRequestException('bad')).code).toBe('BAD_USER_INPUT');
    expect(extensions(new NotFoundException('gone')).code).toBe('NOT_FOUND');
    const graphqlError = new GraphQLError('x', { extensions: { code: 'SOMETHING' } });
    expect(map(graphqlError).error).toBe(graphqlError);
  });
});
