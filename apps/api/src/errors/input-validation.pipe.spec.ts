import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, Min, ValidateNested } from 'class-validator';
import { DomainError } from '#domain/kernel/errors.js';
import { BoundedString } from '../limits/bounded-string.decorator.js';
import { InputValidationPipe } from './input-validation.pipe.js';

class ItemInput {
  @BoundedString(10) id!: string;
  @IsInt() @Min(0) hours!: number;
}

class PlanInput {
  @BoundedString(20) reason!: string;
  @ValidateNested({ each: true }) @Type(() => ItemInput) items!: ItemInput[];
}

const pipe = new InputValidationPipe();
const run = (value: unknown) => pipe.transform(value, { type: 'body', metatype: PlanInput, data: 'input' });

describe('InputValidationPipe', () => {
  it('returns an instance of the input class when valid', async () => {
    await expect(run({ reason: 'ok', items: [{ id: 'A1', hours: 3 }] })).resolves.toBeInstanceOf(PlanInput);
  });

  it('reports every invalid field as INPUT.INVALID with its path from the argument name', async () => {
    const error = (await run({
      reason: 'x'.repeat(21),
      items: [
        { id: 'A1', hours: 1 },
        { id: '', hours: -1 },
      ],
    }).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INPUT.INVALID');
    expect(error.details.fields).toEqual([
      { path: 'input.reason', messages: ['at most 20 characters (got 21)'] },
      { path: 'input.items[1].id', messages: ['must not be empty'] },
      { path: 'input.items[1].hours', messages: ['hours must not be less than 0'] },
    ]);
  });

  it('refuses properties the input class does not declare', async () => {
    const error = (await run({ reason: 'ok', items: [], extra: 1 }).catch((e: unknown) => e)) as DomainError;
    expect(error.details.fields).toEqual([
      { path: 'input.extra', messages: ['property extra should not exist'] },
    ]);
  });
});
