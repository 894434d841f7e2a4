// Intervals and quality measures of node scores against R (tests/fixtures/r-vectors, written by
// bench/r-check/vectors.R): the logit interval of shares (= svyciprop xlogit, and logit to glm's tolerance),
// Korn–Graubard beta, the logit interval of bounded PAPI scores on their own scale (svycontrast of the logit of the
// rescaled score), t on the design df, the rule at a share or score of 0 or 1, design effects (deff = "replace"),
// in domains and after post-stratification, and the change between two independent rounds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categorical, createDesign, postStratify, waldInterval } from '../../../src/domain/estimation/index.js';
import type { SurveyDesign } from '../../../src/domain/estimation/index.js';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import { answerDomain, compareScores, scoreByDomain, scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { AnswerRecord, NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { near } from './support.js';

interface RNode {
  code: string;
  estimate: number;
  se: number;
  n: number;
  scaleMin: number;
  scaleMax: number;
  share: boolean;
  logitLow: number;
  logitHigh: number;
  how: 'svycontrast' | 'boundary';
  deff: number | null;
  betaLow?: number;
  betaHigh?: number;
  svycipropLogit?: number[];
  svycipropXlogit?: number[];
  svycipropBeta?: number[];
  deffSvymean?: number;
  waldLow?: number;
  waldHigh?: number;
}
interface RScope {
  scope: string;
  df: number;
  nrow: number;
  nodes: RNode[];
}
interface RChange {
  code: string;
  change: number;
  se: number;
  df: number;
  ciLow: number;
  ciHigh: number;
}

const dir = resolve('tests', 'fixtures', 'r-vectors');
const vectors = JSON.parse(readFileSync(resolve(dir, 'intervals.json'), 'utf8')) as {
  scopes: RScope[];
  changes: RChange[];
};
const scope = (name: string): RScope => vectors.scopes.find((s) => s.scope === name) as RScope;

type Json = Record<string, unknown>;
const L = (vi: string): Json => ({ vi, en: vi });
const sat5 = {
  options: [
    ...[1, 2, 3, 4, 5].map((v) => ({ value: v, label: L(`${v}`) })),
    { value: 98, label: L('KB'), missing: 'dont_know' },
  ],
};
const genderQuestion = {
  id: 'gender',
  type: 'single',
  label: L('Giới tính'),
  options: [
    { value: 1, label: L('Nam') },
    { value: 2, label: L('Nữ') },
  ],
};

const sipas = parseDefinition(
  {
    code: 'vec-sipas',
    version: '1',
    kind: 'household',
    title: L('Thử'),
    languages: ['vi', 'en'],
    scales: { SAT5: sat5 },
    framework: {
      index: 'SIPAS',
      label: L('SIPAS'),
      levels: [
        { key: 'part', label: L('p') },
        { key: 'element', label: L('e') },
        { key: 'criterion', label: L('c') },
      ],
      nodes: [
        {
          code: 'I',
          label: L('I'),
          children: [
            {
              code: 'I.A',
              label: L('I.A'),
              children: [
                { code: 'I.A.1', label: L('1') },
                { code: 'I.A.2', label: L('2') },
              ],
            },
            { code: 'I.B', label: L('I.B'), children: [{ code: 'I.B.3', label: L('3') }] },
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
      levels: {
        part: { rule: 'mean_of_children' },
        element: { rule: 'mean_of_children' },
        criterion: { rule: 'share_satisfied' },
      },
      overall: { rule: 'mean_of_children' },
    },
    sections: [
      {
        id: 's',
        title: L('S'),
        questions: [
          genderQuestion,
          ...['1', '2', '3'].map((i) => ({
            id: `s${i}`,
            type: 'scale',
            scale: 'SAT5',
            label: L(`s${i}`),
            measure: { index: 'SIPAS', criterion: i === '3' ? 'I.B.3' : `I.A.${i}` },
          })),
        ],
      },
    ],
  },
  'vec-sipas.json',
);

const papi = parseDefinition(
  {
    code: 'vec-papi',
    version: '1',
    kind: 'household',
    title: L('Thử'),
    languages: ['vi', 'en'],
    scales: {
      GOOD5: sat5,
      FOUR: { options: [1, 2, 3, 4].map((v) => ({ value: v, label: L(`${v}`) })) },
    },
    framework: {
      index: 'PAPI',
      label: L('PAPI'),
      levels: [
        { key: 'dimension', label: L('d') },
        { key: 'subdimension', label: L('s') },
        { key: 'indicator', label: L('i') },
      ],
      nodes: [
        {
          code: 'D1',
          label: L('D1'),
          children: [
            { code: 'D1.1', label: L('D1.1'), children: [{ code: 'D1.1.1', label: L('D1.1.1') }] },
            { code: 'D1.2', label: L('D1.2'), children: [{ code: 'D1.2.1', label: L('D1.2.1') }] },
          ],
        },
        {
          code: 'D2',
          label: L('D2'),
          children: [{ code: 'D2.1', label: L('D2.1'), children: [{ code: 'D2.1.1', label: L('D2.1.1') }] }],
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
    },
    sections: [
      {
        id: 's',
        title: L('S'),
        questions: [
          genderQuestion,
          {
            id: 'p1',
            type: 'scale',
            scale: 'GOOD5',
            label: L('p1'),
            measure: { index: 'PAPI', indicator: 'D1.1.1', polarity: 1, scale: [1, 5] },
          },
          {
            id: 'p2',
            type: 'yesno',
            label: L('p2'),
            measure: { index: 'PAPI', indicator: 'D1.2.1', polarity: -1, scale: [0, 1], recode: { 0: 0, 1: 1 } },
          },
          {
            id: 'p3',
            type: 'scale',
            scale: 'FOUR',
            label: L('p3'),
            measure: { index: 'PAPI', indicator: 'D2.1.1', polarity: 1, scale: [1, 4] },
          },
        ],
      },
    ],
  },
  'vec-papi.json',
);

interface Round {
  answers: AnswerRecord[];
  design: SurveyDesign;
}

function readRound(round: string): Round {
  const [head, ...lines] = readFileSync(resolve(dir, 'sample.csv'), 'utf8').trim().split(/\r?\n/);
  const names = (head ?? '').split(',').map((s) => s.replaceAll('"', ''));
  const rows = lines
    .map((line) => line.split(',').map((s) => s.replaceAll('"', '')))
    .filter((cells) => cells[names.indexOf('round')] === round);
  const get = (cells: string[], name: string): string => cells[names.indexOf(name)] ?? '';
  const answers = rows.map((cells) =>
    Object.fromEntries(['gender', 's1', 's2', 's3', 'p1', 'p2', 'p3'].map((id) => [id, Number(get(cells, id))])),
  );
  const design = createDesign({
    weights: rows.map((c) => Number(get(c, 'w'))),
    strata: categorical(rows.map((c) => get(c, 'stratum'))),
    psu: categorical(rows.map((c) => get(c, 'psu'))),
    lonelyPsu: 'adjust',
  });
  return { answers, design };
}

const round1 = readRound('1');
const round2 = readRound('2');

function allNodes(r: ScoreResult): Map<string, NodeScore> {
  return new Map([r.overall, ...r.nodes].map((n) => [n.code, n]));
}

/** SIPAS and PAPI scores of one scope, by code (the SIPAS overall equals its one part I, so I is enough). */
function scores(round: Round, options: { shareInterval?: 'logit' | 'beta' } = {}): Map<string, NodeScore> {
  return new Map([
    ...allNodes(scoreSurvey({ questionnaire: sipas, ...round, ...options })),
    ...allNodes(scoreSurvey({ questionnaire: papi, ...round, ...options })),
  ]);
}

function domainScores(round: Round, level: string): Map<string, NodeScore> {
  const pick = (q: typeof sipas): ScoreResult =>
    scoreByDomain({ questionnaire: q, ...round }, answerDomain(q, round.answers, 'gender')).levels.find(
      (l) => l.level === level,
    )?.result as ScoreResult;
  return new Map([...allNodes(pick(sipas)), ...allNodes(pick(papi))]);
}

function checkScope(got: Map<string, NodeScore>, want: RScope): void {
  for (const r of want.nodes) {
    const n = got.get(r.code);
    expect(n, r.code).toBeDefined();
    if (!n) continue;
    const what = `${want.scope} ${r.code}`;
    expect(near(n.estimate, r.estimate, 1e-12), `${what} estimate ${n.estimate} vs R ${r.estimate}`).toBe(true);
    // At a share or score of 0 or 1 both SEs are rounding noise (R's ratio of totals leaves ~1e-8).
    const seTolerance = r.how === 'boundary' ? 1e-7 : 1e-9;
    expect(near(n.se, r.se, seTolerance), `${what} SE ${n.se} vs R ${r.se}`).toBe(true);
    expect(n.df, what).toBe(want.df);
    expect(n.n, what).toBe(r.n);
    expect(n.scale, what).toEqual([r.scaleMin, r.scaleMax].map((v) => expect.closeTo(v, 12)));
    expect(n.interval, what).toBe(r.share ? 'logit' : 'logit_scaled');
    expect(near(n.ciLow, r.logitLow, 1e-9), `${what} low ${n.ciLow} vs R ${r.logitLow}`).toBe(true);
    expect(near(n.ciHigh, r.logitHigh, 1e-9), `${what} high ${n.ciHigh} vs R ${r.logitHigh}`).toBe(true);
    expect(n.ciLow <= n.estimate && n.estimate <= n.ciHigh, `${what} contains its estimate`).toBe(true);
    expect(n.ciLow >= r.scaleMin - 1e-12 && n.ciHigh <= r.scaleMax + 1e-12, `${what} inside its scale`).toBe(true);
    if (r.deff === null) expect(n.deff, what).toBeNull();
    else expect(near(n.deff ?? NaN, r.deff, 1e-9), `${what} deff ${n.deff} vs R ${r.deff}`).toBe(true);
    if (r.deff !== null) expect(near(n.nEff ?? NaN, r.n / r.deff, 1e-9), what).toBe(true);
    expect(near(n.cv ?? NaN, r.se / r.estimate, seTolerance), what).toBe(true);
  }
}

describe('node intervals and quality against R', () => {
  it('a whole round: logit shares, logit on the 1–10, [1/k, 10/k] and 2–20 scales, t(9), deff', () => {
    checkScope(scores(round1), scope('round1'));
    checkScope(scores(round2), scope('round2'));
  });

  it('domains of the full design (df 9 and 7), with a share of 1 and a score at the top of its scale', () => {
    checkScope(domainScores(round1, '1'), scope('round1_gender1'));
    const g2 = domainScores(round1, '2');
    checkScope(g2, scope('round1_gender2'));
    // p = 1 and u = 1: Clopper–Pearson on the effective n, so the interval still holds the estimate.
    expect(g2.get('I.B.3')?.ciHigh).toBe(1);
    expect(g2.get('D2.1.1')?.ciHigh).toBe(10);
    expect(g2.get('I.B.3')?.reliability).toBe('df_lt_8');
  });

  it('a post-stratified round', () => {
    const pop = new Map([
      ['1', 52000],
      ['2', 48000],
    ]);
    const gender = categorical(round1.answers.map((a) => String(a['gender'])));
    const design = postStratify(round1.design, { variable: 'gender', column: gender, totals: pop });
    checkScope(scores({ answers: round1.answers, design }), scope('round1_poststratified'));
  });

  it('one-item shares equal svyciprop: xlogit to rounding, logit to glm tolerance, beta, and svymean deff', () => {
    const got = scores(round1);
    const beta = scores(round1, { shareInterval: 'beta' });
    for (const r of scope('round1').nodes.filter((x) => x.svycipropLogit)) {
      const n = got.get(r.code) as NodeScore;
      const [xl, xh] = r.svycipropXlogit as number[];
      const [ll, lh] = r.svycipropLogit as number[];
      const [bl, bh] = r.svycipropBeta as number[];
      expect(near(n.ciLow, xl as number, 1e-12) && near(n.ciHigh, xh as number, 1e-12), r.code).toBe(true);
      expect(near(n.ciLow, ll as number, 1e-9) && near(n.ciHigh, lh as number, 1e-9), r.code).toBe(true);
      const b = beta.get(r.code) as NodeScore;
      expect(b.interval).toBe('beta');
      expect(near(b.ciLow, bl as number, 1e-10) && near(b.ciHigh, bh as number, 1e-10), r.code).toBe(true);
      expect(near(n.deff ?? NaN, r.deffSvymean as number, 1e-9), r.code).toBe(true);
    }
  });

  it('Korn–Graubard beta for roll-ups of shares, with nrow of the (subset) design', () => {
    for (const [name, got] of [
      ['round1', scores(round1, { shareInterval: 'beta' })],
      ['round1_gender1', domainScoresBeta('1')],
    ] as const) {
      for (const r of scope(name).nodes.filter((x) => x.betaLow !== undefined)) {
        const n = got.get(r.code) as NodeScore;
        expect(n.interval, r.code).toBe('beta');
        expect(near(n.ciLow, r.betaLow as number, 1e-10), `${name} ${r.code} ${n.ciLow} vs ${r.betaLow}`).toBe(true);
        expect(near(n.ciHigh, r.betaHigh as number, 1e-10), `${name} ${r.code}`).toBe(true);
      }
    }
  });

  it('an unbounded mean would take Wald with t(df): confint(svymean(), df = degf(des))', () => {
    const got = scores(round1);
    const wanted = scope('round1').nodes.filter((x) => x.waldLow !== undefined);
    expect(wanted.map((r) => r.code)).toEqual(['D1.1.1', 'D1.2.1', 'D2.1.1', 'D2.1', 'D2']);
    for (const r of wanted) {
      const n = got.get(r.code) as NodeScore;
      const ci = waldInterval(n.estimate, n.se, 0.95, n.df);
      expect(near(ci.low, r.waldLow as number, 1e-10) && near(ci.high, r.waldHigh as number, 1e-10), r.code).toBe(true);
    }
  });

  it('the change between two independent rounds: √(se₁² + se₂²) and t on the Welch–Satterthwaite df', () => {
    const before = scores(round1);
    const after = scores(round2);
    for (const r of vectors.changes) {
      const c = compareScores(after.get(r.code) as NodeScore, before.get(r.code) as NodeScore);
      expect(near(c.change, r.change, 1e-12), r.code).toBe(true);
      expect(near(c.se, r.se, 1e-9), r.code).toBe(true);
      expect(near(c.df, r.df, 1e-9), `${r.code} df ${c.df} vs ${r.df}`).toBe(true);
      expect(near(c.ciLow, r.ciLow, 1e-9) && near(c.ciHigh, r.ciHigh, 1e-9), r.code).toBe(true);
      expect(c.significant).toBe(r.ciLow > 0 || r.ciHigh < 0);
    }
  });
});

function domainScoresBeta(level: string): Map<string, NodeScore> {
  const table = scoreByDomain(
    { questionnaire: sipas, ...round1, shareInterval: 'beta' },
    answerDomain(sipas, round1.answers, 'gender'),
  );
  return allNodes(table.levels.find((l) => l.level === level)?.result as ScoreResult);
}
