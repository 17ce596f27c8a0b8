import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import { idProblem, textProblem } from '#domain/kernel/text.js';

/** Longest strings the API accepts, by kind of text (the request body limit caps the total). */
export const TEXT_LIMITS = {
  /** Ids of projects, activities, WBS elements, control accounts, users. */
  id: 100,
  /** Names and titles. */
  name: 200,
  /** Reasons, feedback, findings, descriptions. */
  text: 4000,
} as const;

/**
 * What a string holds: an `id` refuses control, invisible and bidi formatting characters; a `text` refuses control
 * characters but line breaks and tabs; a `document` (an imported file's text) is left to its parser.
 */
export type StringKind = 'id' | 'text' | 'document';

/**
 * A string input field of at most `max` characters (and not blank unless `allowEmpty`), for `@InputType`
 * classes: every string an input accepts carries one, so a huge string or a stray NUL byte is refused as
 * BAD_USER_INPUT with its path. `each` applies it to every string of a list.
 */
export function BoundedString(
  max: number,
  options: { allowEmpty?: boolean; kind?: StringKind; each?: boolean } = {},
): PropertyDecorator {
  const each = options.each ?? false;
  const decorators = [
    IsString({ each, message: ({ property }: ValidationArguments) => `${property}: must be a string` }),
    MaxLength(max, {
      each,
      message: ({ property, value }: ValidationArguments) =>
        `${property}: at most ${max} characters (got ${String(value).length})`,
    }),
  ];
  const problem = options.kind === 'id' ? idProblem : options.kind === 'document' ? null : textProblem;
  if (problem) {
    decorators.push(
      ValidateBy(
        {
          name: 'hasOnlyAllowedCharacters',
          validator: {
            validate: (value) => typeof value !== 'string' || problem(value) === null,
            defaultMessage: ({ property, value }: ValidationArguments) =>
              `${property}: ${problem(String(value))}`,
          },
        },
        { each },
      ),
    );
  }
  if (!options.allowEmpty) {
    decorators.push(
      IsNotEmpty({ each, message: ({ property }: ValidationArguments) => `${property}: must not be empty` }),
    );
  }
  return applyDecorators(...decorators);
}

/** An id field: at most TEXT_LIMITS.id characters, none of them invisible. */
export function IdString(options: { each?: boolean } = {}): PropertyDecorator {
  return BoundedString(TEXT_LIMITS.id, { kind: 'id', ...options });
}
