import { describe, expect, it } from 'vitest';
import { DefinitionError, parseDefinition } from '../../../src/domain/questionnaire/index.js';
import { checkScoring } from '../../../src/domain/questionnaire/scoring-check.js';
import { scoringSchema } from '../../../src/domain/questionnaire/scoring-schema.js';

type Json = Record<string, unknown>;
const L = (vi: string): Json => ({ vi, en: vi });
const sat5 = { options: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: L(`Mức ${v}`) })) };
const yn = {
  options: [
    { value: 1, label: L('Có') },
    { value: 0, label: L('Không') },
    { value: 98, label: L('Không biết'), missing: 'dont_know' },
  ],
};

/** Two parts, two criteria each; one SAT5 grid item per criterion. */
function sipasLike(): Json {
  return {
    code: 'mini-sipas',
    version: '1',
    kind: 'household',
    title: L('Thử'),
    languages: ['vi', 'en'],
    scales: { SAT5: sat5 },
    framework: {
      index: 'S',
      label: L('S'),
      levels: [
        { key: 'part', label: L('Phần') },
        { key: 'criterion', label: L('Tiêu chí') },
      ],
      nodes: [
        {
          code: 'I',
          label: L('I'),
          children: [
            { code: 'I.1', label: L('a') },
            { code: 'I.2', label: L('b') },
          ],
        },
        {
          code: 'II',
          label: L('II'),
          children: [
            { code: 'II.3', label: L('c') },
            { code: 'II.4', label: L('d') },
          ],
        },
      ],
    },
    scoring: {
      method: 'sipas',
      ruleSet: 'TEST',
      basis: 'test',
      scale: 'SAT5',
      satisfiedValues: [4, 5],
      levels: { part: { rule: 'mean_of_children' }, criterion: { rule: 'share_satisfied' } },
      overall: { rule: 'mean_of_children' },
    },
    sections: [
      {
        id: 's',
        title: L('S'),
        questions: [
          {
            id: 'g',
            type: 'grid',
            scale: 'SAT5',
            label: L('Hài lòng?'),
            items: ['I.1', 'I.2', 'II.3', 'II.4'].map((c) => ({
              id: `c_${c.replace('.', '_')}`,
              label: L(c),
              measure: { index: 'S', criterion: c },
            })),
          },
        ],
      },
    ],
  };
}

/** Two dimensions of two sub-dimensions, one yes/no indicator each. */
function papiLike(): Json {
  const ind = (code: string): Json => ({ code, label: L(code) });
  return {
    code: 'mini-papi',
    version: '1',
    kind: 'household',
    title: L('Thử'),
    languages: ['vi', 'en'],
    scales: { YN: yn },
    framework: {
      index: 'P',
      label: L('P'),
      levels: [
        { key: 'dimension', label: L('d') },
        { key: 'subdimension', label: L('s') },
        { key: 'indicator', label: L('i') },
      ],
      nodes: [
        {
          code: '1',
          label: L('1'),
          children: [
            { code: '1.1', label: L('1.1'), children: [ind('1.1.1')] },
            { code: '1.2', label: L('1.2'), children: [ind('1.2.1')] },
          ],
        },
        {
          code: '2',
          label: L('2'),
          children: [
            { code: '2.1', label: L('2.1'), children: [ind('2.1.1')] },
            { code: '2.2', label: L('2.2'), children: [ind('2.2.1')] },
          ],
        },
      ],
    },
    scoring: {
      method: 'papi',
      ruleSet: 'TEST',
      basis: 'test',
      rescale: { min: 1, max: 10 },
      levels: {
        dimension: { rule: 'sum_of_children' },
        subdimension: { rule: 'mean_of_children_over_k' },
        indicator: { rule: 'rescaled_estimate' },
      },
      overall: { rule: 'sum_of_children' },
      k: { 1: 2, 2: 2 },
      overallRange: [2, 20],
    },
    sections: [
      {
        id: 's',
        title: L('S'),
        questions: [
          {
            id: 'g',
            type: 'grid',
            scale: 'YN',
            label: L('Có không?'),
            items: ['1.1.1', '1.2.1', '2.1.1', '2.2.1'].map((c) => ({
              id: `i${c.replaceAll('.', '_')}`,
              label: L(c),
              measure: { index: 'P', indicator: c, polarity: 1, scale: [0, 1], recode: { 1: 1, 0: 0 } },
            })),
          },
        ],
      },
    ],
  };
}

function issuesOf(raw: Json): string[] {
  try {
    parseDefinition(raw, 'test.json');
  } catch (err) {
    if (err instanceof DefinitionError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}
const scoringOf = (raw: Json): Json => raw['scoring'] as Json;
const sectionItems = (raw: Json): Json[] =>
  ((((raw['sections'] as Json[])[0] as Json)['questions'] as Json[])[0] as Json)['items'] as Json[];

describe('scoring schema', () => {
  it('accepts the three methods and fills the documented defaults', () => {
    expect(issuesOf(sipasLike())).toEqual([]);
    expect(issuesOf(papiLike())).toEqual([]);
    const parsed = scoringSchema.parse(scoringOf(papiLike()));
    expect(parsed).toMatchObject({
      exclude: ['dont_know', 'refused', 'not_applicable'],
      decimals: 2,
      rescale: { range: 'theoretical', outOfRange: 'clamp' },
    });
  });

  it('rejects an unknown method, an unknown rule and stray keys at their path', () => {
    const raw = sipasLike();
    scoringOf(raw)['method'] = 'pci';
    expect(issuesOf(raw)[0]).toMatch(/^\$\.scoring\.method: /);
    const rule = sipasLike();
    (scoringOf(rule)['levels'] as Json)['part'] = { rule: 'median_of_children' };
    expect(issuesOf(rule)[0]).toMatch(/^\$\.scoring\.levels\.part/);
    const stray = sipasLike();
    scoringOf(stray)['satisfied'] = [4, 5];
    expect(issuesOf(stray)[0]).toMatch(/^\$\.scoring: /);
  });
});

describe('scoring references', () => {
  it('needs a framework', () => {
    const raw = sipasLike();
    delete raw['framework'];
    for (const item of sectionItems(raw)) delete item['measure'];
    expect(issuesOf(raw)).toEqual(['$.scoring: a scoring block needs a framework block']);
  });

  it('needs one rule per framework level, of the right kind for the method', () => {
    const missing = sipasLike();
    delete (scoringOf(missing)['levels'] as Json)['part'];
    expect(issuesOf(missing)).toEqual(['$.scoring.levels: no rule for the framework level "part"']);
    const unknown = sipasLike();
    (scoringOf(unknown)['levels'] as Json)['group'] = { rule: 'mean_of_children' };
    expect(issuesOf(unknown)).toEqual(['$.scoring.levels.group: "group" is not a framework level (part, criterion)']);
    const leaf = sipasLike();
    (scoringOf(leaf)['levels'] as Json)['criterion'] = { rule: 'rescaled_estimate' };
    expect(issuesOf(leaf)).toEqual([
      '$.scoring.levels.criterion.rule: the deepest level "criterion" must use "share_satisfied" for method "sipas"',
    ]);
    const upper = papiLike();
    (scoringOf(upper)['levels'] as Json)['dimension'] = { rule: 'pooled' };
    expect(issuesOf(upper)).toContain('$.scoring.levels.dimension.rule: "pooled" is only for method "sipas"');
  });

  it('requires a measured item under every leaf and at most one for PAPI', () => {
    const raw = sipasLike();
    sectionItems(raw).pop();
    expect(issuesOf(raw)).toEqual(['$.framework: "II.4" has no measured item']);
    const papi = papiLike();
    (sectionItems(papi)[1] as Json)['measure'] = {
      index: 'P',
      indicator: '1.1.1',
      polarity: 1,
      scale: [0, 1],
      recode: { 1: 1, 0: 0 },
    };
    expect(issuesOf(papi)).toEqual([
      '$.framework: "1.1.1" is measured by i1_1_1, i1_2_1; method "papi" needs exactly one item',
      '$.framework: "1.2.1" has no measured item',
    ]);
  });

  it('resolves per-node overrides, weights and direct items', () => {
    const raw = sipasLike();
    scoringOf(raw)['nodes'] = {
      I: { rule: 'weighted_mean_of_children', weights: { 'I.1': 2, 'II.3': 1 } },
      II: { rule: 'direct_item', item: 'overall_ii' },
      'I.1': { rule: 'pooled' },
      III: { rule: 'pooled' },
    };
    expect(issuesOf(raw)).toEqual([
      '$.scoring.nodes.I.weights.II.3: "II.3" is not a child of the nodes this rule applies to',
      '$.scoring.nodes.I.weights: no weight for "I.2"',
      '$.scoring.nodes.II.item: no question "overall_ii"',
      '$.scoring.nodes.I.1: "I.1" is a leaf; its items are scored by the level rule',
      '$.scoring.nodes.III: "III" is not a framework code',
    ]);
  });

  it('accepts a question about a whole element only when a direct_item rule uses it', () => {
    const raw = sipasLike();
    sectionItems(raw).push({ id: 'overall_ii', label: L('Nói chung phần II'), measure: { index: 'S', part: 'II' } });
    expect(issuesOf(raw)).toEqual([
      '$.scoring.nodes: "overall_ii" measures "II" as a whole; add { "rule": "direct_item", "item": "overall_ii" } for it',
    ]);
    scoringOf(raw)['nodes'] = { II: { rule: 'direct_item', item: 'overall_ii' } };
    expect(issuesOf(raw)).toEqual([]);
  });

  it('checks satisfied values against the scale of every criterion', () => {
    const raw = sipasLike();
    scoringOf(raw)['satisfiedValues'] = [4, 6];
    expect(issuesOf(raw)).toContain('$.scoring.levels.criterion: "c_I_1" has no option 6 (satisfied values)');
  });

  it('requires PAPI recodes to say what every answer is worth, inside the scale', () => {
    const raw = papiLike();
    (sectionItems(raw)[0] as Json)['measure'] = {
      index: 'P',
      indicator: '1.1.1',
      polarity: 1,
      scale: [0, 1],
      recode: { 1: 2 },
    };
    expect(issuesOf(raw)).toEqual([
      '$.scoring.levels.indicator: "i1_1_1" recodes 1 to 2, outside [0, 1]',
      '$.scoring.levels.indicator: "i1_1_1": answer 0 is neither recoded nor a missing code',
    ]);
    const bare = papiLike();
    (sectionItems(bare)[0] as Json)['measure'] = { index: 'P', indicator: '1.1.1' };
    expect(issuesOf(bare)).toEqual([
      '$.scoring.levels.indicator: "i1_1_1" needs measure.polarity and measure.scale to be rescaled',
    ]);
  });

  it('checks k and the overall range against the framework', () => {
    const raw = papiLike();
    scoringOf(raw)['k'] = { 1: 3, 9: 2 };
    scoringOf(raw)['overallRange'] = [8, 80];
    expect(issuesOf(raw)).toEqual([
      '$.scoring.k.1: "1" has 2 children, not 3',
      '$.scoring.k.9: "9" is not a framework code',
      '$.scoring.overallRange: the rules give [2, 20], not [8, 80]',
    ]);
  });

  it('returns no issues when there is no scoring block', () => {
    const raw = sipasLike();
    delete raw['scoring'];
    const q = parseDefinition(raw, 'no-scoring.json');
    expect(checkScoring(q.definition, q.fields, null)).toEqual([]);
  });
});
