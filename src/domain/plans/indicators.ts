// Administrative indicators (not survey results): a definition with a unit, an owner and a direction, and values
// per period as the one-stop software exports them (a year "2024", a month "2024-09", a quarter "2024-Q3").
// A target's year reads the year's own value, else the latest period reported within that year.

export interface IndicatorValue {
  readonly period: string;
  readonly value: number;
}

const periodPattern = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** Whether a period is written as the indicators take it. */
export function isPeriod(period: string): boolean {
  const m = periodPattern.exec(period);
  return m !== null && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** The year of a period and the last month it covers (12 for a year). */
export function periodEnd(period: string): { year: number; month: number } | null {
  const m = periodPattern.exec(period);
  if (!m) return null;
  const month = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? Number(m[3]) * 3 : 12;
  return { year: Number(m[1]), month };
}

/**
 * The value that stands for a year: the annual value when there is one, else the latest month or quarter of
 * that year (the exports are year-to-date rates, so the latest is the year's figure so far).
 * @example valueForYear([{ period: '2024-03', value: 31 }, { period: '2024-09', value: 38 }], 2024)
 *   // { period: '2024-09', value: 38 }
 */
export function valueForYear(values: readonly IndicatorValue[], year: number): IndicatorValue | null {
  const annual = values.find((v) => v.period === String(year));
  if (annual) return annual;
  let best: { v: IndicatorValue; month: number; quarter: boolean } | null = null;
  for (const v of values) {
    const end = periodEnd(v.period);
    if (!end || end.year !== year) continue;
    const quarter = v.period.includes('Q');
    // A month and the quarter that ends with it: the month is the finer, later-reported figure.
    if (!best || end.month > best.month || (end.month === best.month && best.quarter && !quarter))
      best = { v, month: end.month, quarter };
  }
  return best?.v ?? null;
}

export interface IndicatorRecord {
  readonly indicator: string;
  readonly period: string;
  readonly value: number;
}

/** Checks the rows of an indicator CSV (indicator,period,value); line numbers as in the file, header = 1. */
export function parseIndicatorRows(records: readonly Record<string, string | undefined>[]): {
  rows: IndicatorRecord[];
  problems: { line: number; field: string; message: string }[];
} {
  const rows: IndicatorRecord[] = [];
  const problems: { line: number; field: string; message: string }[] = [];
  const seen = new Set<string>();
  records.forEach((r, k) => {
    const line = k + 2;
    const indicator = (r['indicator'] ?? '').trim();
    const period = (r['period'] ?? '').trim();
    const raw = (r['value'] ?? '').trim().replace(',', '.');
    const value = Number(raw);
    const before = problems.length;
    if (indicator === '') problems.push({ line, field: 'indicator', message: 'an indicator code is required' });
    if (!isPeriod(period))
      problems.push({ line, field: 'period', message: `"${period}" is not a period (2024, 2024-09, 2024-Q3)` });
    if (raw === '' || !Number.isFinite(value))
      problems.push({ line, field: 'value', message: `"${raw}" is not a number` });
    if (seen.has(`${indicator}|${period}`))
      problems.push({ line, field: 'period', message: `${indicator} ${period} appears twice` });
    seen.add(`${indicator}|${period}`);
    if (problems.length === before) rows.push({ indicator, period, value });
  });
  return { rows: problems.length > 0 ? [] : rows, problems };
}
