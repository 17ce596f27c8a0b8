/** The evm contract's metric block, for a work package, a control account or the total. */
export interface Metrics {
  readonly BAC: number;
  readonly PV: number;
  readonly EV: number;
  readonly AC: number;
  readonly SV: number;
  readonly CV: number;
  readonly SPI: number | null;
  readonly CPI: number | null;
  readonly EAC: number | null;
  readonly ETC: number | null;
  readonly VAC: number | null;
  readonly TCPI: number | null;
}

export interface Amounts {
  readonly BAC: number;
  readonly PV: number;
  readonly EV: number;
  readonly AC: number;
}

/**
 * a − b, with the rounding noise of binary floating point removed: a difference smaller than 1e-12 of the
 * operands is 0. Used where a comparison decides something (an approved budget exceeded, a forecast's
 * remaining cost), not in the contract metrics, which are evaluated literally.
 */
export function difference(a: number, b: number): number {
  const d = a - b;
  return Math.abs(d) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : d;
}

/** x / y, or null when y is 0 or either side is null (the contract's null propagation). */
export function ratio(x: number | null, y: number | null): number | null {
  return x === null || y === null || y === 0 ? null : x / y;
}

/**
 * The contract's formulas on amounts already summed (sums before ratios), evaluated literally in IEEE double
 * arithmetic in the order the contract writes them, so that an independent implementation of the contract
 * gets the same bits (even its rounding noise: 145238 / (145238 / 1996) − 1996 is −2.3e-13, not 0):
 * SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC, EAC = BAC / CPI (null when CPI is null or 0),
 * ETC = EAC − AC, VAC = BAC − EAC, TCPI = (BAC − EV) / (BAC − AC). A ratio over 0 is null, and so is everything
 * computed from a null.
 */
export function metricsOf({ BAC, PV, EV, AC }: Amounts): Metrics {
  return metricsFrom(BAC, PV, EV, AC);
}

/** `metricsOf` without the argument object, for the per-work-package hot loop. */
export function metricsFrom(BAC: number, PV: number, EV: number, AC: number): Metrics {
  const SPI = ratio(EV, PV);
  const CPI = ratio(EV, AC);
  const EAC = ratio(BAC, CPI);
  return {
    BAC,
    PV,
    EV,
    AC,
    SV: EV - PV,
    CV: EV - AC,
    SPI,
    CPI,
    EAC,
    ETC: EAC === null ? null : EAC - AC,
    VAC: EAC === null ? null : BAC - EAC,
    TCPI: ratio(BAC - EV, BAC - AC),
  };
}
