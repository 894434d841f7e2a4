// One call for a table of estimates: each variable, overall or in each level of a by-variable (svyby order:
// sorted levels, then variables), with SE, CI, design effect and the number of rows with a value.
import { compareLevels, rowsByLevel } from './columns.js';
import type { SurveyDesign } from './design.js';
import { domainScopes, estimateByDomain } from './domain-estimators.js';
import { domainScope, estimateMean, estimateTotal } from './estimators.js';
import type { DomainScope, Estimate } from './estimators.js';
import { waldInterval } from './intervals.js';
import { svycipropBeta, svycipropLogit } from './svyciprop.js';
import type { Interval } from './intervals.js';
import { EstimationError } from './types.js';
import type { CategoricalColumn, CiMethod, NumericColumn, Statistic } from './types.js';

export interface TableRequest {
  readonly design: SurveyDesign;
  readonly variables: readonly { readonly name: string; readonly values: NumericColumn }[];
  readonly by?: { readonly name: string; readonly column: CategoricalColumn } | undefined;
  readonly statistic?: Statistic | undefined;
  readonly ci?: CiMethod | undefined;
  readonly level?: number | undefined;
}

export interface TableRow {
  readonly variable: string;
  readonly domain: Readonly<Record<string, string>> | null;
  readonly estimate: number;
  readonly se: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Null after calibration. */
  readonly deff: number | null;
  readonly n: number;
}

/**
 * Estimates every variable overall or by domain. Rows whose by-value is missing belong to no domain.
 * @example
 *   estimateTable({ design, variables: [{ name: 'sat', values: sat }], by: { name: 'gender', column: gender },
 *     ci: 'logit' })
 */
export function estimateTable(request: TableRequest): TableRow[] {
  const { design, variables, by } = request;
  const statistic = request.statistic ?? 'mean';
  const ci = request.ci ?? 'wald';
  const level = request.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new EstimationError('invalid_request', `the confidence level must be between 0 and 1 (got ${level})`);
  for (const v of variables) {
    if (v.values.length !== design.n)
      throw new EstimationError('invalid_variable', `${v.name} has ${v.values.length} rows, the design ${design.n}`, {
        variable: v.name,
      });
    if (ci !== 'wald') checkProportion(v.name, v.values, statistic, ci);
  }
  const out: TableRow[] = [];
  const push = (domain: Record<string, string> | null, scope: DomainScope, estimates: readonly Estimate[]): void => {
    variables.forEach((v, j) => {
      const est = estimates[j] as Estimate;
      const interval = intervalFor(
        ci,
        est.estimate,
        est.se,
        () => svycipropLogit(design, v.values, scope, level),
        () => svycipropBeta(est, scope, level),
        level,
      );
      out.push({
        variable: v.name,
        domain,
        estimate: est.estimate,
        se: est.se,
        ciLow: interval.low,
        ciHigh: interval.high,
        deff: est.deff,
        n: est.n,
      });
    });
  };
  if (!by) {
    const scope = domainScope(design, null);
    push(
      null,
      scope,
      variables.map((v) => (statistic === 'mean' ? estimateMean(design, v.values) : estimateTotal(design, v.values))),
    );
    return out;
  }
  const { codes, levels } = by.column;
  if (codes.length !== design.n)
    throw new EstimationError('invalid_variable', `${by.name} has ${codes.length} rows, the design ${design.n}`, {
      variable: by.name,
    });
  const perVariable = variables.map((v) => estimateByDomain(design, v.values, codes, levels.length, statistic));
  const scopes = domainScopes(design, codes, levels.length);
  // svyby: sorted levels that have rows with non-zero weight; rows are listed only for the logit refit.
  const rowLists = ci === 'logit' ? new Map(rowsByLevel(by.column).map((r) => [r.level, r.rows])) : null;
  const weighted = new Uint8Array(levels.length);
  for (let k = 0; k < design.n; k += 1)
    if ((codes[k] as number) >= 0 && design.weights[k] !== 0) weighted[codes[k] as number] = 1;
  const order = levels.map((level, code) => ({ level, code })).filter(({ code }) => weighted[code] === 1);
  const compare = compareLevels(order.map((o) => o.level));
  order.sort((a, b) => compare(a.level, b.level));
  for (const { level: l, code } of order) {
    const scope = { ...(scopes[code] as Omit<DomainScope, 'rows'>), rows: rowLists?.get(l) ?? null };
    push(
      { [by.name]: l },
      scope,
      perVariable.map((e) => e[code] as Estimate),
    );
  }
  return out;
}

function intervalFor(
  ci: CiMethod,
  estimate: number,
  se: number,
  logit: () => Interval,
  beta: () => Interval,
  level: number,
): Interval {
  if (ci === 'logit') return logit();
  if (ci === 'beta') return beta();
  return waldInterval(estimate, se, level);
}

function checkProportion(name: string, values: NumericColumn, statistic: Statistic, ci: CiMethod): void {
  if (statistic !== 'mean')
    throw new EstimationError('invalid_request', `--ci ${ci} is for proportions: use it with the mean, not the total`);
  for (let k = 0; k < values.length; k += 1) {
    const v = values[k] as number;
    if (v < 0 || v > 1) {
      throw new EstimationError(
        'invalid_variable',
        `${name} has the value ${v} on row ${k + 1}; the ${ci} interval needs a proportion (values between 0 and 1)`,
        { variable: name, row: k + 1 },
      );
    }
  }
}
