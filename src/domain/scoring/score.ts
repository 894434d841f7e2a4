// SIPAS, PAPI and one-stop scores of a whole sample: every framework node and the overall index with SE, CI,
// n and df, driven by the questionnaire's scoring block. Domains reuse scoreScope (domains.ts).
import { BOUNDARY_TOLERANCE, domainScope, EstimationError } from '../estimation/index.js';
import type { SurveyDesign } from '../estimation/index.js';
import type { Label } from '../questionnaire/index.js';
import { nodeInterval } from './intervals.js';
import { estimateScope } from './node-estimates.js';
import type { NodeEstimate } from './node-estimates.js';
import { OVERALL, prepareScoring } from './prepare.js';
import type { Prepared } from './prepare.js';
import { coefficientOfVariation, designEffects, reliabilityOf, reliabilityRule } from './quality.js';
import { nodeScales, shareScale } from './scales.js';
import type { Scale } from './scales.js';
import type { NodeScore, ScoreResult, ScoringInput, ScoringOptions, ShareInterval } from './types.js';

interface Settings {
  shareInterval: ShareInterval;
  level: number;
  minRespondents: number;
  selfSelected: boolean;
  designEffects: boolean;
}

export function settingsOf(options: ScoringOptions): Settings {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new EstimationError('invalid_request', `the confidence level must be between 0 and 1 (got ${level})`);
  return {
    shareInterval: options.shareInterval ?? 'logit',
    level,
    minRespondents: options.minRespondents ?? reliabilityRule.minRespondents,
    selfSelected: options.selfSelected ?? false,
    designEffects: options.designEffects ?? true,
  };
}

/**
 * Scores the whole sample. SIPAS scores are proportions in [0, 1]; PAPI indicators lie in [1, 10], sub-dimensions
 * in [1/k, 10/k], dimensions in [1, 10] and the total in [8, 80]; one-stop indicators in [0, 2], the total in [0, 18].
 * @example
 *   const design = createDesign({ weights, strata: categorical(strata), psu: categorical(psus) });
 *   const result = scoreSurvey({ questionnaire: sipas, answers, design });
 *   result.overall // { code: 'SIPAS', estimate: 0.8162, se: 0.011, ciLow: 0.794, ciHigh: 0.839, n: 812, df: 38, ... }
 */
export function scoreSurvey(input: ScoringInput): ScoreResult {
  const settings = settingsOf(input);
  return scoreScope(prepareScoring(input), input.design, null, settings);
}

/** Scores every respondent of prepared columns (item-codes.ts keeps them between two scorings of a round). */
export function scorePrepared(prepared: Prepared, design: SurveyDesign, options: ScoringOptions): ScoreResult {
  if (prepared.rows !== design.n) {
    throw new EstimationError('invalid_variable', `${prepared.rows} prepared rows but ${design.n} rows in the design`, {
      answers: prepared.rows,
      rows: design.n,
    });
  }
  return scoreScope(prepared, design, null, settingsOf(options));
}

/** Scores one scope: rows = null for the sample, or a domain's rows (the full design's PSUs and n_h are kept). */
export function scoreScope(
  p: Prepared,
  design: SurveyDesign,
  rows: Int32Array | null,
  settings: Settings,
): ScoreResult {
  const scope = domainScope(design, rows);
  const estimates = estimateScope(p, design, rows);
  const scales = nodeScales(p.tree, OVERALL);
  const self = settings.selfSelected;
  const roots = [estimates.overall, ...(estimates.satisfaction ? [estimates.satisfaction] : [])];
  const deffs = settings.designEffects && !self && scope.df > 0 ? designEffects(design, rows, roots) : null;
  const toScore = (
    e: NodeEstimate,
    scale: Scale,
    head: Pick<NodeScore, 'code' | 'level' | 'label' | 'parent' | 'rule'>,
  ): NodeScore => {
    const share = e.proportion;
    const ci = nodeInterval({
      node: e,
      scale,
      share,
      scope,
      shareInterval: settings.shareInterval,
      selfSelected: self,
      level: settings.level,
    });
    const estimate = e.estimate.estimate;
    // No SE without design df (one PSU per stratum in the domain: whatever the formula returns is not an estimate).
    const estimable = Number.isFinite(estimate) && !self && scope.df > 0;
    const se = estimable ? e.estimate.se : NaN;
    // At a bound of its scale a score has no variation: its SE is rounding noise and a design effect meaningless.
    const bounded = atScaleBound(estimate, scale);
    const deff = estimable && !bounded ? (deffs?.get(e) ?? null) : null;
    const cv = coefficientOfVariation(estimate, se);
    const df = self ? NaN : scope.df;
    // A roll-up with a part nobody answered in scope has no estimate: its weakest part's n (0) is the reason.
    const n = Number.isFinite(estimate) ? e.n : Math.min(e.n, e.nMin);
    const reliability = reliabilityOf({ n, df, cv, selfSelected: self }, settings.minRespondents);
    return {
      ...head,
      estimate,
      se,
      ciLow: ci.low,
      ciHigh: ci.high,
      interval: ci.method,
      scale,
      share,
      n: e.n,
      nMin: e.nMin,
      df,
      deff,
      nEff: deff === null || !(deff > 0) ? null : e.n / deff,
      cv,
      reliability,
      unreliable: reliability !== 'ok',
      raw: e.raw,
    };
  };
  const { tree } = p;
  const nodes = tree.preorder.map((node) =>
    toScore(estimates.nodes.get(node.code) as NodeEstimate, scales.get(node.code) as Scale, {
      code: node.code,
      level: node.level,
      label: node.label,
      parent: node.parent,
      rule: node.children.length === 0 ? leafRuleName(node.rule.rule, node.items.length) : node.rule.rule,
    }),
  );
  const overall = toScore(estimates.overall, scales.get(OVERALL) as Scale, {
    code: tree.index,
    level: 'overall',
    label: tree.label,
    parent: null,
    rule: tree.overallRule.rule,
  });
  let satisfaction: NodeScore | null = null;
  if (estimates.satisfaction && tree.scoring.method === 'one_stop') {
    const item = tree.scoring.satisfaction.item;
    const label: Label = tree.fieldById.get(item)?.label ?? { vi: item };
    satisfaction = toScore(estimates.satisfaction, shareScale, {
      code: item,
      level: 'satisfaction',
      label,
      parent: null,
      rule: 'share_satisfied',
    });
  }
  return {
    method: tree.scoring.method,
    index: tree.index,
    respondents: rows ? rows.length : design.n,
    df: self ? NaN : scope.df,
    overall,
    nodes,
    satisfaction,
  };
}

function atScaleBound(x: number, [min, max]: Scale): boolean {
  const u = (x - min) / (max - min);
  return u <= BOUNDARY_TOLERANCE || u >= 1 - BOUNDARY_TOLERANCE;
}

/** A SIPAS leaf with several items is their pooled share satisfied; say so in the output. */
function leafRuleName(rule: string, items: number): string {
  return rule === 'share_satisfied' && items > 1 ? 'share_satisfied_pooled' : rule;
}
