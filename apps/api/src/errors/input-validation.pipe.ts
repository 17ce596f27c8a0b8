import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '#domain/kernel/errors.js';
import type { FieldProblem } from './api-errors.js';

/**
 * The global pipe for `@InputType` arguments: unknown properties refused, values transformed to the class, and
 * every failure reported as INPUT.INVALID (BAD_USER_INPUT) with the path of each field from the argument name
 * down (`input.items[2].reason`).
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) => invalidInput(problemsOf(errors, '')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INPUT.INVALID' || !metadata.data) throw error;
      const fields = (error.details.fields as FieldProblem[]).map((problem) => ({
        path: problem.path ? `${metadata.data}.${problem.path}` : metadata.data!,
        messages: problem.messages,
      }));
      throw invalidInput(fields);
    }
  }
}

function invalidInput(fields: FieldProblem[]): DomainError {
  const summary = fields.map((f) => `${f.path}: ${f.messages.join('; ')}`).join(' | ');
  return new DomainError('INPUT.INVALID', `invalid input: ${summary}`, { fields });
}

function problemsOf(errors: readonly ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = error.constraints
      ? [{ path, messages: Object.values(error.constraints).map((m) => withoutPrefix(m, error.property)) }]
      : [];
    return [...own, ...problemsOf(error.children ?? [], path)];
  });
}

/** BoundedString messages start with `property: `; the path already says where, so keep the rest. */
function withoutPrefix(message: string, property: string): string {
  return message.startsWith(`${property}: `) ? message.slice(property.length + 2) : message;
}
