import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '#domain/kernel/errors.js';
import { ApiExceptionFilter } from './api-exception.filter.js';

const graphqlHost = { getType: () => 'graphql' } as unknown as ArgumentsHost;

describe('ApiExceptionFilter in GraphQL', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs an unexpected error with its stack under the reference it returns, and returns nothing of it', () => {
    const logged: unknown[][] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    const result = new ApiExceptionFilter({ PLUMBLINE_MAX_BODY_BYTES: 1_048_576 }).catch(
      new TypeError("Cannot read properties of undefined (reading 'plan')"),
      graphqlHost,
    ) as GraphQLError;
    expect(result).toBeInstanceOf(GraphQLError);
    const reference = result.extensions.reference as string;
    expect(result.message).toBe(`internal server error (reference ${reference})`);
    expect(logged).toHaveLength(1);
    expect(logged[0][0]).toMatchObject({
      reference,
      error: { name: 'TypeError', stack: expect.stringContaining('TypeError') },
    });
  });

  it('returns a refusal without logging it', () => {
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const result = new ApiExceptionFilter({ PLUMBLINE_MAX_BODY_BYTES: 1_048_576 }).catch(
      new DomainError('AUTH.FORBIDDEN', 'no'),
      graphqlHost,
    ) as GraphQLError;
    expect(result.extensions.code).toBe('FORBIDDEN');
    expect(spy).not.toHaveBeenCalled();
  });
});
