// SIPAS-style roll-ups against R survey 4.1.1 (r-reference/generate.R): svycontrast over the totals of
// satisfied and valid answers, overall and in the domain gender = 2 (subset(), full design), and the logit CI
// of svyciprop. The fixture is committed; npm test never runs R.
import { describe, expect, it } from 'vitest';
import { domainScope, estimateMean, logitInterval } from '../../../src/domain/estimation/index.js';
import { answerDomain, scoreByDomain, scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { ScoreResult } from '../../../src/domain/scoring/index.js';
import { miniSipas, near, readExpected, rFixtureSample, satisfiedByHand } from './support.js';

interface Scope {
  df: number;
  nodes: { code: string; estimate: number; se: number }[];
  logit: { item: string; ciLow: number; ciHigh: number }[];
}
const expected = readExpected<{ overall: Scope; gender2: Scope }>();
const sample = rFixtureSample();
const questionnaire = miniSipas();
const pooledQuestionnaire = miniSipas({ overall: { rule: 'pooled' } });
const input = { questionnaire, answers: sample.answers, design: sample.design };
const gender = answerDomain(questionnaire, sample.answers, 'gender');
const gender2Rows = Int32Array.from(sample.gender.flatMap((g, k) => (g === '2' ? [k] : [])));

function check(result: ScoreResult, pooled: ScoreResult, want: Scope): void {
  expect(result.df).toBe(want.df);
  for (const r of want.nodes) {
    const got =
      r.code === 'SIPAS'
        ? result.overall
        : r.code === 'SIPAS_pooled'
          ? pooled.overall
          : result.nodes.find((n) => n.code === r.code);
    expect(got, r.code).toBeDefined();
    expect(
      near(got?.estimate ?? NaN, r.estimate, 1e-10),
      `${r.code} estimate ${got?.estimate} vs R ${r.estimate}`,
    ).toBe(true);
    expect(near(got?.se ?? NaN, r.se, 1e-9), `${r.code} SE ${got?.se} vs R ${r.se}`).toBe(true);
  }
  const c1 = want.logit.find((l) => l.item === 'c1');
  const criterion = result.nodes.find((n) => n.code === 'I.A.1');
  expect(criterion?.interval).toBe('logit');
  expect(near(criterion?.ciLow ?? NaN, c1?.ciLow ?? NaN, 1e-8)).toBe(true);
  expect(near(criterion?.ciHigh ?? NaN, c1?.ciHigh ?? NaN, 1e-8)).toBe(true);
}

describe('SIPAS roll-ups match R svycontrast / svyciprop', () => {
  it('whole sample: criteria, elements, parts, the overall mean and the pooled overall', () => {
    check(scoreSurvey(input), scoreSurvey({ ...input, questionnaire: pooledQuestionnaire }), expected.overall);
  });

  it('domain gender = 2 scored in the full design equals R on subset(design, gender == 2)', () => {
    const level = scoreByDomain(input, gender).levels.find((l) => l.level === '2');
    const pooled = scoreByDomain({ ...input, questionnaire: pooledQuestionnaire }, gender).levels.find(
      (l) => l.level === '2',
    );
    expect(level?.respondents).toBe(gender2Rows.length);
    check(level?.result as ScoreResult, pooled?.result as ScoreResult, expected.gender2);
  });

  it('the closed-form logit interval agrees with svyciprop(method="logit") on a single proportion', () => {
    for (const [want, rows] of [
      [expected.overall, null],
      [expected.gender2, gender2Rows],
    ] as const) {
      const c8a = want.logit.find((l) => l.item === 'c8a');
      const e = estimateMean(sample.design, satisfiedByHand(sample.answers, 'c8a'), rows);
      const ci = logitInterval(e.estimate, e.se, domainScope(sample.design, rows).df, e.n);
      expect(near(ci.low, c8a?.ciLow ?? NaN, 1e-7)).toBe(true);
      expect(near(ci.high, c8a?.ciHigh ?? NaN, 1e-7)).toBe(true);
    }
  });
});
