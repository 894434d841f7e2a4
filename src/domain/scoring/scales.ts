// The range each node score can take, from the scoring block and the roll-up rules: a share lies in [0, 1], a PAPI
// item in [rescale.min, rescale.max], a one-stop indicator in [points.min, points.max], and a roll-up Σ c_i s_i
// (c_i ≥ 0) in [Σ c_i min_i, Σ c_i max_i]: PAPI sub-dimensions [1/k, 10/k], dimensions [1, 10], the total [8, 80].
import { rollupCoefficients } from './node-estimates.js';
import type { ScoringNode, ScoringTree } from './tree.js';

export type Scale = readonly [number, number];

/** The scale of a leaf's items (and of a direct item), by method. */
function itemScale(tree: ScoringTree): Scale {
  const s = tree.scoring;
  if (s.method === 'papi') return [s.rescale.min, s.rescale.max];
  if (s.method === 'one_stop') return [s.points.min, s.points.max];
  return [0, 1];
}

/** A share's own scale: SIPAS scores and direct items, and the one-stop satisfaction tap. */
const SHARE: Scale = [0, 1];

/** The scale of every node (by code) and of the overall index (key `overall`). */
export function nodeScales(tree: ScoringTree, overallKey: string): Map<string, Scale> {
  const out = new Map<string, Scale>();
  const direct = (): Scale => (tree.scoring.method === 'papi' ? itemScale(tree) : SHARE);
  const visit = (key: string, rule: ScoringNode['rule'], children: readonly ScoringNode[], k: number): Scale => {
    const kids = children.map((c) => visit(c.code, c.rule, c.children, c.siblings));
    let scale: Scale;
    if (tree.scoring.method === 'sipas') scale = SHARE;
    else if (rule.rule === 'direct_item') scale = direct();
    else if (rule.rule === 'pooled') scale = SHARE;
    else if (children.length === 0) scale = itemScale(tree);
    else {
      const c = rollupCoefficients(rule, children, k);
      let lo = 0;
      let hi = 0;
      kids.forEach((s, i) => {
        lo += (c[i] as number) * s[0];
        hi += (c[i] as number) * s[1];
      });
      scale = [lo, hi];
    }
    // Stored with 15 significant digits (children are summed unrounded): a sum of thirds is 1, not 1.0000000000000002.
    out.set(key, [Number(scale[0].toPrecision(15)), Number(scale[1].toPrecision(15))]);
    return scale;
  };
  visit(overallKey, tree.overallRule, tree.top, tree.top.length);
  return out;
}

export { SHARE as shareScale };
