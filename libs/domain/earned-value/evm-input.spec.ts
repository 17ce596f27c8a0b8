import { InputError } from '../kernel/errors.js';
import { parseEvmInput } from './evm-input.js';

const valid = () => ({
  statusDate: '2027-03-31',
  workPackages: [
    {
      id: 'WP1',
      controlAccount: 'CA1',
      budget: 100,
      technique: '50/50',
      plannedStart: '2027-01-04',
      plannedFinish: '2027-02-26',
    },
    {
      id: 'WP2',
      controlAccount: 'CA1',
      budget: 100,
      technique: 'milestone',
      plannedStart: '2027-01-04',
      plannedFinish: '2027-02-26',
      milestones: [{ id: 'M1', weight: 1, plannedDate: '2027-02-26', completed: null }],
    },
    { id: 'WP3', controlAccount: 'CA2', budget: 100, technique: 'apportioned', apportionedTo: 'WP1' },
  ],
});

type Input = ReturnType<typeof valid> & Record<string, unknown>;

function refusal(change: (input: Input) => void): string {
  const input = valid() as Input;
  change(input);
  try {
    parseEvmInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('input was accepted');
}

const wp = (input: Input, i: number) => input.workPackages[i] as Record<string, unknown>;

describe('parseEvmInput refuses invalid input, naming the work package and the field', () => {
  it.each<[string, (input: Input) => void, RegExp]>([
    [
      'an unknown technique',
      (i) => (wp(i, 0).technique = 'earned-by-magic'),
      /WP1.*technique.*"earned-by-magic"/,
    ],
    ['an X/Y not summing to 100', (i) => (wp(i, 0).technique = '30/80'), /WP1.*technique.*"30\/80"/],
    ['a budget below 0', (i) => (wp(i, 0).budget = -1), /WP1.*budget.*≥ 0.*-1/],
    ['a budget that is not a number', (i) => (wp(i, 0).budget = '100'), /WP1.*budget/],
    [
      'a budget over the amount limit',
      (i) => (wp(i, 0).budget = 1e16),
      /WP1.*budget.*at most 1000000000000000/,
    ],
    ['an actual cost over the amount limit', (i) => (wp(i, 0).actualCost = -2e15), /WP1.*actualCost.*within/],
    [
      'a status date before 1900',
      (i) => (i.statusDate = '1850-03-31'),
      /statusDate.*1900-01-01 to 2199-12-31/,
    ],
    ['a planned date after 2199', (i) => (wp(i, 0).plannedFinish = '2200-01-01'), /WP1.*plannedFinish.*2199/],
    [
      'a milestone date before 1900',
      (i) => ((wp(i, 1).milestones as Record<string, unknown>[])[0].plannedDate = '1899-12-31'),
      /WP2.*milestones\[0\] \(M1\)\.plannedDate.*1900/,
    ],
    [
      'percentComplete above 100',
      (i) => Object.assign(wp(i, 0), { technique: 'percentComplete', percentComplete: 101 }),
      /WP1.*percentComplete.*0 to 100.*101/,
    ],
    [
      'percentComplete below 0',
      (i) => Object.assign(wp(i, 0), { technique: 'percentComplete', percentComplete: -5 }),
      /WP1.*percentComplete/,
    ],
    [
      'percentComplete missing',
      (i) => (wp(i, 0).technique = 'percentComplete'),
      /WP1.*percentComplete.*required/,
    ],
    [
      'a zero milestone weight',
      (i) => ((wp(i, 1).milestones as Record<string, unknown>[])[0].weight = 0),
      /WP2.*milestones\[0\] \(M1\)\.weight.*positive/,
    ],
    [
      'a negative milestone weight',
      (i) => ((wp(i, 1).milestones as Record<string, unknown>[])[0].weight = -3),
      /WP2.*weight/,
    ],
    ['a milestone package without milestones', (i) => (wp(i, 1).milestones = []), /WP2.*milestones/],
    ['an unknown apportionedTo', (i) => (wp(i, 2).apportionedTo = 'WP9'), /WP3.*apportionedTo.*"WP9"/],
    ['apportioned to itself', (i) => (wp(i, 2).apportionedTo = 'WP3'), /WP3.*apportionedTo.*cycle WP3 → WP3/],
    [
      'an apportioning cycle',
      (i) => Object.assign(wp(i, 0), { technique: 'apportioned', apportionedTo: 'WP3' }),
      /apportionedTo.*cycle (WP1 → WP3 → WP1|WP3 → WP1 → WP3)/,
    ],
    [
      'plannedFinish before plannedStart',
      (i) => (wp(i, 0).plannedFinish = '2027-01-01'),
      /WP1.*plannedFinish.*before plannedStart/,
    ],
    [
      'actualFinish without actualStart',
      (i) => (wp(i, 0).actualFinish = '2027-02-01'),
      /WP1.*actualFinish.*without actualStart/,
    ],
    [
      'an unparsable plannedStart',
      (i) => (wp(i, 0).plannedStart = '2027-13-01'),
      /WP1.*plannedStart.*YYYY-MM-DD/,
    ],
    [
      'a non-existent day',
      (i) => (wp(i, 0).plannedFinish = '2027-02-29'),
      /WP1.*plannedFinish.*"2027-02-29"/,
    ],
    ['an unparsable actualStart', (i) => (wp(i, 0).actualStart = '05/01/2027'), /WP1.*actualStart/],
    [
      'an unparsable milestone date',
      (i) => ((wp(i, 1).milestones as Record<string, unknown>[])[0].completed = 'yesterday'),
      /WP2.*milestones\[0\] \(M1\)\.completed/,
    ],
    ['an unparsable status date', (i) => (i.statusDate = '2027-3-31'), /statusDate.*YYYY-MM-DD/],
    ['a missing plannedStart', (i) => delete wp(i, 0).plannedStart, /WP1.*plannedStart.*required/],
    ['a missing control account', (i) => delete wp(i, 0).controlAccount, /WP1.*controlAccount/],
    ['an actual cost that is not a number', (i) => (wp(i, 0).actualCost = 'lots'), /WP1.*actualCost/],
    ['a duplicate id', (i) => (wp(i, 1).id = 'WP1'), /WP1.*used twice/],
    ['a work package without id', (i) => delete wp(i, 1).id, /workPackages\[1\]\.id/],
    [
      'a bad holiday',
      (i) => (i.calendar = { workWeek: [1, 2, 3, 4, 5], holidays: ['2027-02-30'] }),
      /calendar\.holidays\[0\]/,
    ],
    [
      'a bad weekday',
      (i) => (i.calendar = { workWeek: [0, 1], holidays: [] }),
      /calendar\.workWeek\[0\].*1 \(Monday\)/,
    ],
    [
      'no work package list',
      (i) => delete (i as Partial<Input>).workPackages,
      /workPackages: must be an array/,
    ],
  ])('refuses %s', (_, change, message) => {
    expect(refusal(change)).toMatch(message);
  });

  it('refuses input that is not an object', () => {
    expect(() => parseEvmInput([1, 2])).toThrow(/JSON object/);
  });

  it('accepts valid input with defaults: Monday–Friday, no actuals, AC 0', () => {
    const input = parseEvmInput(valid());
    expect(input.calendar.workWeek).toEqual([1, 2, 3, 4, 5]);
    expect(input.workPackages[0]).toMatchObject({ actualStart: null, actualFinish: null, actualCost: 0 });
    expect(input.workPackages[2]).toMatchObject({ plannedStart: null, apportionedTo: 'WP1' });
  });
});
