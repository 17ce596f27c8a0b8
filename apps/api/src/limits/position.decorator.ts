import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateBy, ValidateIf } from 'class-validator';

/** The largest log position and stream revision: both are signed 64-bit integers in every store. */
export const MAX_POSITION = 9_223_372_036_854_775_807n;

/**
 * An optional input field that may be left out but not sent as `null` (null has no meaning there: the caller
 * meant to leave it out, or a variable was unset by mistake). It replaces `@IsOptional()`, which lets null through.
 */
export function Omittable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: 'must not be null: leave the field out instead' }),
  );
}

/** An optional log position or stream revision (a string); null is refused. */
export function Position(kind: PositionKind): PropertyDecorator {
  return applyDecorators(Omittable(), PositionValue(kind));
}

type PositionKind = 'log position' | 'stream revision';

/**
 * A log position or stream revision as a string (GraphQL has no 64-bit integer): a whole number from 0 to
 * 2^63 − 1.
 */
export function PositionValue(kind: PositionKind): PropertyDecorator {
  const message = `must be a ${kind}: a whole number from 0 to ${MAX_POSITION}`;
  return applyDecorators(
    ValidateBy({
      name: 'isPosition',
      validator: {
        validate: (value) =>
          typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_POSITION,
        defaultMessage: () => message,
      },
    }),
  );
}
