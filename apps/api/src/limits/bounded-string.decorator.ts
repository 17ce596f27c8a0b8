import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength, type ValidationArguments } from 'class-validator';

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
 * A string input field of at most `max` characters (and not blank unless `allowEmpty`), for `@InputType`
 * classes: every string an input accepts carries one, so a huge string is refused as BAD_USER_INPUT with its path.
 */
export function BoundedString(max: number, options: { allowEmpty?: boolean } = {}): PropertyDecorator {
  const decorators = [
    IsString({ message: ({ property }: ValidationArguments) => `${property}: must be a string` }),
    MaxLength(max, {
      message: ({ property, value }: ValidationArguments) =>
        `${property}: at most ${max} characters (got ${String(value).length})`,
    }),
  ];
  if (!options.allowEmpty) {
    decorators.push(
      IsNotEmpty({ message: ({ property }: ValidationArguments) => `${property}: must not be empty` }),
    );
  }
  return applyDecorators(...decorators);
}
