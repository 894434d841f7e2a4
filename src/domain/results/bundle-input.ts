// What the reproduction bundle's scripts are generated from: the round and its variance design, the codebook of
// microdata.csv, the scoring framework, and per node the interval the product gave it. Built by the results
// service; everything here is data, so the generators stay pure.
import type { CodebookVariable } from './codebook.js';
import { reportedNodes, type FrameworkModel, type NodeModel } from './framework-model.js';
import type { RoundDesignSpec } from './round-design.js';

export interface BundleInput {
  round: {
    code: string;
    label: string;
    survey: string;
    version: string;
    periodStart: string;
    periodEnd: string;
  };
  design: RoundDesignSpec;
  /** Calibration to population margins: the method and the margins (variable, answer code, population total). */
  calibration: {
    method: 'none' | 'poststratify' | 'raking';
    margins: { variable: string; level: string; total: number }[];
  };
  /** Every column of microdata.csv, in order. */
  variables: CodebookVariable[];
  framework: FrameworkModel;
  /**
   * The interval each node got (contract names: logit, beta, logit_scaled, wald, none; wald_normal for R's
   * normal-quantile Wald), used when results.csv has no interval_method column.
   */
  intervals: Record<string, string>;
  /**
   * The round's answers are self-selected (counter ratings): its results give estimates and n but no SE, df,
   * interval or design effect.
   */
  selfSelected: boolean;
  /** When the bundle was made (ISO-8601), for the headers. */
  generatedAt: string;
}

/**
 * Text for a comment line of a generated script: line breaks would end the comment and let the rest run as code
 * (a round label is typed by an analyst), and SPSS ends a comment at a line ending in a period.
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\.\s*$/, '');
}

/**
 * The interval names of the product's scoring layer, in the names results.csv uses for interval_method. The
 * product's 'logit' of a one-column share replays svyciprop's glm fit, so microdata.R calls svyciprop for it
 * ('svyciprop_logit'); the closed form ('logit') differs from it by glm's convergence tolerance (about 1e-9).
 */
export function intervalMethodName(kind: string): string {
  if (kind === 'logit') return 'svyciprop_logit';
  if (kind === 'xlogit') return 'logit';
  if (kind === 'wald_t') return 'wald';
  return kind;
}

/**
 * The range a node's score can take: a share [0, 1], a rescaled PAPI indicator [lo, hi], one-stop points
 * [min, max], and for a roll-up Σ c_i · [min_i, max_i] (coefficients are positive).
 */
export function scoreBounds(framework: FrameworkModel): Map<string, [number, number]> {
  const items = new Map(framework.items.map((i) => [i.id, i]));
  const out = new Map<string, [number, number]>();
  const byCode = new Map(reportedNodes(framework).map((n) => [n.code, n]));
  const boundsOf = (node: NodeModel): [number, number] => {
    const known = out.get(node.code);
    if (known) return known;
    let b: [number, number];
    if (node.form.kind === 'ratio') {
      const item = items.get(node.form.items[0] ?? '');
      b =
        item?.kind === 'rescaled' ? (item.target ?? [0, 1]) : item?.kind === 'points' ? (item.scale ?? [0, 1]) : [0, 1];
    } else {
      const { coefficients } = node.form;
      b = node.form.children.reduce<[number, number]>(
        (acc, c, i) => {
          const child = byCode.get(c);
          const cb: [number, number] = child ? boundsOf(child) : [0, 0];
          const k = coefficients[i] as number;
          return [acc[0] + k * cb[0], acc[1] + k * cb[1]];
        },
        [0, 0],
      );
    }
    out.set(node.code, b);
    return b;
  };
  for (const n of byCode.values()) boundsOf(n);
  return out;
}
