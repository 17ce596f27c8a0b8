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
 * operands is 0. Budgets summed in a different order (30 + 70 vs 0.3·100 + 0.7·100) then compare as the exact
 * arithmetic of the contract would, so EV = PV gives SV = 0 and BAC = AC gives TCPI = null, not 1e17.
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
 * The contract's formulas on amounts already summed (sums before ratios):
 * SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC, EAC = BAC / CPI (null when CPI is null or 0),
 * ETC = EAC − AC, VAC = BAC − EAC, TCPI = (BAC − EV) / (BAC − AC).
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
    SV: difference(EV, PV),
    CV: difference(EV, AC),
    SPI,
    CPI,
    EAC,
    ETC: EAC === null ? null : difference(EAC, AC),
    VAC: EAC === null ? null : difference(BAC, EAC),
    TCPI: ratio(difference(BAC, EV), difference(BAC, AC)),
  };
}
