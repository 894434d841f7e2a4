// Parts of microdata.R that depend on the round: the svydesign() call (and the calibration the round applies),
// and the worked examples that write out one leaf, its parent and the index with plain survey calls.
import { oneLine, type BundleInput } from './bundle-input.js';
import { nodeFormula } from './framework-csv.js';
import type { NodeModel } from './framework-model.js';

/** An R string literal (JSON's escapes are R's). */
export const rString = (s: string): string => JSON.stringify(s);

export const rVector = (values: readonly number[]): string => `c(${values.map((v) => String(v)).join(', ')})`;

/** A margin level as R sees the column: answer codes are numbers in microdata.csv. */
const rLevel = (level: string): string => (/^-?\d+(\.\d+)?$/.test(level) ? level : rString(level));

/** svydesign() as the product builds the round's design, then the round's calibration. */
export function rDesign(input: BundleInput): string[] {
  const { design, calibration } = input;
  const weight = calibration.method === 'none' ? 'final_weight' : 'adjusted_weight';
  const fpc = design.kind === 'srs' && design.population !== null ? ', fpc = ~fpc' : '';
  const says =
    design.kind === 'sample'
      ? '# A sample draw: strata and PSUs of the draw, base weight = 1 / product of the stage probabilities.'
      : design.kind === 'srs'
        ? `# A simple random sample outside a draw: one stratum, each response its own PSU, weight 1${fpc ? ', fpc = N' : ''}.`
        : `# Stratified outside a draw: the answer to ${design.question} is the stratum, each response its own PSU.`;
  const lines = [says];
  if (calibration.method !== 'none') {
    lines.push(
      '# Calibration starts from the weight after the non-response adjustment (final_weight is its calibrated result).',
      'd$adjusted_weight <- d$base_weight * d$nonresponse_factor',
    );
  }
  const variables = [...new Set(calibration.margins.map((m) => m.variable))];
  if (calibration.method === 'raking') {
    for (const v of variables) {
      const levels = calibration.margins.filter((m) => m.variable === v).map((m) => rLevel(m.level));
      lines.push(`d[[${rString(`cal.${v}`)}]] <- factor(d[[${rString(v)}]], levels = c(${levels.join(', ')}))`);
    }
  }
  lines.push(`des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~${weight}${fpc}, data = d, nest = TRUE)`);
  if (calibration.method === 'poststratify') {
    const v = variables[0] as string;
    const rows = calibration.margins.filter((m) => m.variable === v);
    lines.push(
      `# Post-stratified to the round's margins on ${v}: final_weight = adjusted_weight calibrated to these totals.`,
      `des <- postStratify(des, ~${v}, data.frame(${v} = c(${rows.map((m) => rLevel(m.level)).join(', ')}), Freq = c(${rows.map((m) => m.total).join(', ')})))`,
    );
  } else if (calibration.method === 'raking') {
    const first = calibration.margins.filter((m) => m.variable === variables[0]);
    const population = [
      `"(Intercept)" = ${first.reduce((a, m) => a + m.total, 0)}`,
      ...variables.flatMap((v) =>
        calibration.margins
          .filter((m) => m.variable === v)
          .slice(1)
          .map((m) => `${rString(`cal.${v}${m.level}`)} = ${m.total}`),
      ),
    ];
    lines.push(
      `# Raked to the round's margins on ${variables.join(', ')} (the first level of each is the reference).`,
      `des <- calibrate(des, ~${variables.map((v) => `cal.${v}`).join(' + ')}, population = c(${population.join(', ')}), calfun = "raking")`,
    );
  }
  lines.push(
    'w_ok <- agrees(weights(des), d$final_weight)',
    'if (!all(w_ok)) fail("final_weight row", which(!w_ok)[1], ": microdata.csv", d$final_weight[which(!w_ok)[1]], "design", weights(des)[which(!w_ok)[1]])',
  );
  return lines;
}

/** A ratio of item totals, y.<item> / x.<item> (pooled over several items), with the names `total` gives. */
export function ratioOf(items: readonly string[], total: (kind: 'y' | 'x', item: string) => string): string {
  if (items.length === 1) return `${total('y', items[0] as string)} / ${total('x', items[0] as string)}`;
  return `(${items.map((i) => total('y', i)).join(' + ')}) / (${items.map((i) => total('x', i)).join(' + ')})`;
}

const rTotal = (kind: 'y' | 'x', item: string): string => `${kind}.${item}`;

/** A node's formula with every child written out down to the item totals. */
export function expandedFormula(
  node: NodeModel,
  byCode: ReadonlyMap<string, NodeModel>,
  total: (kind: 'y' | 'x', item: string) => string = rTotal,
): string {
  return nodeFormula(
    node,
    (c) => {
      const child = byCode.get(c);
      return child ? `(${expandedFormula(child, byCode, total)})` : 'NA';
    },
    (items) => ratioOf(items, total),
  );
}

/** The items whose totals a formula uses. */
export function itemsOf(node: NodeModel, byCode: ReadonlyMap<string, NodeModel>): string[] {
  if (node.form.kind === 'ratio') return node.form.items;
  return [
    ...new Set(node.form.children.flatMap((c) => (byCode.get(c) ? itemsOf(byCode.get(c) as NodeModel, byCode) : []))),
  ];
}

/** A worked example must give section 4's figure (an SE of zero may come out of svycontrast as noise below 1e-7). */
const check = (name: string, code: string): string => `same_figure(${name}, ${rString(code)})`;

/** Section 5: one leaf with svymean (and svyciprop for a share), its parent and the whole index with svycontrast. */
export function workedExamples(input: BundleInput): string[] {
  const { framework } = input;
  const byCode = new Map(framework.nodes.map((n) => [n.code, n]));
  const items = new Map(framework.items.map((i) => [i.id, i]));
  const leaf = framework.nodes.find(
    (n) => n.form.kind === 'ratio' && n.form.items.length === 1 && items.get(n.form.items[0] ?? '')?.scoreVariable,
  );
  const overall = framework.nodes.at(-1) as NodeModel;
  const lines = [
    '## 5. Worked examples, written out with plain survey calls (each must equal the figure of section 4) ------------',
    'same_figure <- function(stat, code) {',
    '  k <- match(code, mine$node)',
    '  se <- as.numeric(SE(stat))',
    '  zero <- mine$se[k] < 1e-7 && (is.na(se) || abs(se) < 1e-7)',
    '  if (!agrees(coef(stat), mine$estimate[k]) || !(zero || agrees(se, mine$se[k]))) fail("worked example", code)',
    '}',
  ];
  if (leaf && leaf.form.kind === 'ratio') {
    const item = items.get(leaf.form.items[0] ?? '');
    const score = item?.scoreVariable as string;
    lines.push(
      `# ${leaf.level} ${leaf.code} "${oneLine(leaf.label.vi)}": the weighted mean of ${score} over its valid answers.`,
      `ex1 <- svymean(~${score}, des, na.rm = TRUE)`,
      check('ex1', leaf.code),
    );
    if (item?.kind === 'satisfied') {
      lines.push(
        '# A share: svyciprop(method = "logit", df = degf(des)) fits a glm; the closed form of interval_method "logit",',
        "# expit(logit(p) -/+ t * se / (p (1 - p))), is the same interval up to glm's convergence tolerance.",
        `ci1 <- confint(svyciprop(~${score}, des, method = "logit", df = degf(des), na.rm = TRUE))`,
        'p1 <- as.numeric(coef(ex1))',
        `if (!at_bound(p1) && max(abs(ci1 - logit_interval(p1, as.numeric(SE(ex1)), df, NA))) > 1e-7) fail("worked example interval", ${rString(leaf.code)})`,
      );
    }
    const parent = leaf.parent ? byCode.get(leaf.parent) : undefined;
    if (parent && parent !== overall && parent.form.kind === 'combination') {
      const used = itemsOf(parent, byCode);
      lines.push(
        `# ${parent.level} ${parent.code} "${oneLine(parent.label.vi)}" (${parent.rule}): a mean of means over different`,
        '# respondents. svymean(~a + b, na.rm = TRUE) would drop every row missing any of them, so take the totals of',
        "# each item's score (blank as 0) and of its valid answers; svycontrast keeps their covariances.",
        `tot2 <- svytotal(~${used.map((i) => `y.${i} + x.${i}`).join(' + ')}, des)`,
        `ex2 <- svycontrast(tot2, quote(${expandedFormula(parent, byCode)}))`,
        check('ex2', parent.code),
      );
    }
  }
  const top = overall.form.kind === 'combination' ? overall.form.children : [];
  const level = framework.levels[0]?.key ?? 'node';
  lines.push(
    `# The index ${overall.code} (${overall.rule}), written out down to the items, one line per ${level} (${top.join(', ')}):`,
    `ex3 <- svycontrast(totals, quote(${
      overall.form.kind === 'combination'
        ? nodeFormula(
            overall,
            (c) => `\n  (${expandedFormula(byCode.get(c) as NodeModel, byCode)})`,
            () => '',
          )
        : expandedFormula(overall, byCode)
    }\n))`,
    check('ex3', overall.code),
    `cat("Worked examples agree with section 4:", ${rString([...new Set([leaf?.code, leaf?.parent, overall.code])].filter(Boolean).join(', '))}, "\\n")`,
  );
  return lines;
}
