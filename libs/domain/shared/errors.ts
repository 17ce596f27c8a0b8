/**
 * A refusal of the domain: a stable namespaced code (`APPROVAL_PACKAGE.ALREADY_APPROVED`), a message a person
 * can act on and safe details. No HTTP status: the API maps codes to GraphQL `extensions.code` in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Invalid input to a pure engine (schedule JSON, EVM JSON, a PSPLIB file): names the field, item or line. */
export class InputError extends DomainError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('INPUT.INVALID', message, details);
    this.name = 'InputError';
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
