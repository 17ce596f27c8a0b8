import { DomainError, InputError } from './errors.js';

describe('DomainError', () => {
  it('carries a stable code and details beside the message', () => {
    const error = new DomainError('APPROVAL_PACKAGE.ALREADY_APPROVED', 'package 3 is already approved', {
      version: 3,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('APPROVAL_PACKAGE.ALREADY_APPROVED');
    expect(error.details).toEqual({ version: 3 });
  });

  it('marks invalid engine input with the INPUT.INVALID code', () => {
    expect(new InputError('activities[2].duration: must be a number ≥ 0').code).toBe('INPUT.INVALID');
  });
});
