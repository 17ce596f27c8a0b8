import { type Amounts, difference, ratio } from './metrics.js';

/** EAC, typical (future work at the cost efficiency so far): EAC = BAC / CPI = AC + (BAC − EV) / CPI. */
export function eacByCpi(BAC: number, CPI: number | null): number | null {
  return ratio(BAC, CPI);
}

/** EAC, composite (cost and schedule efficiency both drive the rest): EAC = AC + (BAC − EV) / (CPI × SPI). */
export function eacByCpiSpi(
  BAC: number,
  EV: number,
  AC: number,
  CPI: number | null,
  SPI: number | null,
): number | null {
  const remaining = ratio(difference(BAC, EV), CPI === null || SPI === null ? null : CPI * SPI);
  return remaining === null ? null : AC + remaining;
}

/** EAC, atypical (the overrun so far was a one-off; the rest costs what was planned): EAC = AC + (BAC − EV). */
export function eacAtPlan(BAC: number, EV: number, AC: number): number {
  return AC + difference(BAC, EV);
}

/** ETC = (BAC − EV) / CPI; without an index, ETC = BAC − EV. */
export function etcByCpi(BAC: number, EV: number, CPI: number | null = 1): number | null {
  return ratio(difference(BAC, EV), CPI);
}

/** TCPI to BAC = (BAC − EV) / (BAC − AC): the efficiency the remaining work needs to finish on budget. */
export function tcpiToBac(BAC: number, EV: number, AC: number): number | null {
  return ratio(difference(BAC, EV), difference(BAC, AC));
}

/** TCPI to EAC = (BAC − EV) / (EAC − AC): the efficiency the remaining work needs to meet that estimate. */
export function tcpiToEac(BAC: number, EV: number, AC: number, EAC: number | null): number | null {
  return EAC === null ? null : ratio(difference(BAC, EV), difference(EAC, AC));
}

export interface Forecast {
  readonly EAC: number | null;
  readonly VAC: number | null;
  readonly TCPI: number | null;
}

/** Independent estimates at completion, each with its VAC = BAC − EAC and TCPI to that EAC. */
export interface Forecasts {
  readonly byCpi: Forecast;
  readonly byCpiSpi: Forecast;
  readonly atPlan: Forecast;
}

export function independentForecasts({ BAC, PV, EV, AC }: Amounts): Forecasts {
  const CPI = ratio(EV, AC);
  const SPI = ratio(EV, PV);
  const forecast = (EAC: number | null): Forecast => ({
    EAC,
    VAC: EAC === null ? null : difference(BAC, EAC),
    TCPI: tcpiToEac(BAC, EV, AC, EAC),
  });
  return {
    byCpi: forecast(CPI === 0 ? null : eacByCpi(BAC, CPI)),
    byCpiSpi: forecast(CPI === 0 || SPI === 0 ? null : eacByCpiSpi(BAC, EV, AC, CPI, SPI)),
    atPlan: forecast(eacAtPlan(BAC, EV, AC)),
  };
}
