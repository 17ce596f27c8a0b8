/**
 * Domain limits: the largest values any input may carry, whoever sends it (API, CLI, an imported file), so that
 * no number or date can make an engine run for hours or allocate gigabytes. Every refusal names the limit.
 * Documented for users in docs/api.md ("Limits") and docs/formats/README.md.
 */

/** Calendar dates an input may name: 1900-01-01 to 2199-12-31 (MS Project itself stops at 2149). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;
export const DATE_RANGE_TEXT = `${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`;

/**
 * The longest duration, remaining duration or lag (either sign) of an activity or link: 36,500 working days, a
 * hundred years of work even on a calendar that works every day.
 */
export const MAX_DURATION_DAYS = 36_500;

/**
 * Days a computed schedule may reach (1800-01-01 to 2299-12-31, day numbers since 1970-01-01): each input is
 * within limits, but a chain of them may not be, and the working-time tables of a calendar grow with the
 * span a schedule covers. Past this a schedule is refused as out of range instead of growing them further.
 */
export const FIRST_COMPUTED_DAY = -62_091;
export const LAST_COMPUTED_DAY = 120_529;
export const COMPUTED_RANGE_TEXT = '1800-01-01 to 2299-12-31';

/** The largest amount of money (budget, cost, rate, reserve) in any currency: a quadrillion. */
export const MAX_AMOUNT = 1e15;

/** The largest resource units of an assignment or of a resource's availability (1 = one full-time person). */
export const MAX_UNITS = 1e6;

/**
 * The largest resource-time profile a leveling run may hold: resources × periods of its horizon (the sum of the
 * durations). 32 million cells are 128 MB per profile; PSPLIB's j120 needs 4 × ~1,000.
 */
export const MAX_PROFILE_CELLS = 32_000_000;

/** Whether a year is one an input date may have. */
export function isSupportedYear(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}
