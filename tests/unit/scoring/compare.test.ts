// Round-on-round change of a score: independent samples, so SE = √(se₁² + se₂²), with t on the Welch–Satterthwaite
// df of the two rounds' design df (checked against R in r-vectors.test.ts).
import { describe, expect, it } from 'vitest';
import { qt } from '../../../src/domain/estimation/index.js';
import { compareRounds, compareScores, satterthwaiteDf, scoreSurvey } from '../../../src/domain/scoring/index.js';
import { miniSipas, near, synthetic } from './support.js';

const node = (estimate: number, se: number, df: number) => ({ code: 'x', level: 'l', estimate, se, df });

describe('comparing two rounds', () => {
  it('change, SE, df, interval and significance of one node', () => {
    const c = compareScores(node(0.84, 0.01, 38), node(0.8, 0.012, 30));
    expect(near(c.change, 0.04)).toBe(true);
    expect(near(c.se, Math.sqrt(0.01 ** 2 + 0.012 ** 2))).toBe(true);
    const v1 = 0.01 ** 2;
    const v2 = 0.012 ** 2;
    expect(near(c.df, (v1 + v2) ** 2 / (v1 ** 2 / 38 + v2 ** 2 / 30))).toBe(true);
    expect(near(c.ciLow, 0.04 - qt(0.975, c.df) * c.se)).toBe(true);
    expect(near(c.t, 0.04 / c.se)).toBe(true);
    expect(c.significant).toBe(true);
    expect(compareScores(node(0.82, 0.01, 38), node(0.8, 0.012, 30)).significant).toBe(false);
  });

  it('uses t, not the normal quantile: few design df widen the interval', () => {
    const se = Math.sqrt(2) * 0.01;
    // 2.2 SEs is significant with the normal quantile (1.96) but not with t on 2 × 3 df (about 2.45).
    const few = compareScores(node(0.5 + 2.2 * se, 0.01, 3), node(0.5, 0.01, 3));
    expect(near(few.df, 6)).toBe(true);
    expect(few.significant).toBe(false);
    expect(compareScores(node(0.5 + 2.2 * se, 0.01, 300), node(0.5, 0.01, 300)).significant).toBe(true);
    expect(compareScores(node(0.5 + 1.7 * se, 0.01, 300), node(0.5, 0.01, 300), 0.9).significant).toBe(true);
  });

  it('no SE or no df: the change is given, with no interval and no significance', () => {
    const none = compareScores(node(NaN, NaN, 5), node(0.5, 0.01, 5));
    expect(none.significant).toBe(false);
    const noDf = compareScores(node(0.9, 0.01, 0), node(0.5, 0.01, 5));
    expect(near(noDf.change, 0.4)).toBe(true);
    expect(noDf.df).toBeNaN();
    expect(noDf.ciLow).toBeNaN();
    expect(noDf.significant).toBe(false);
    expect(satterthwaiteDf(0, 5, 0.0001, 9)).toBe(9);
    expect(satterthwaiteDf(0, 5, 0, 9)).toBe(5);
  });

  it('every node of two scored rounds, matched by code, overall first', () => {
    const q = miniSipas();
    const [a, b] = [synthetic(31), synthetic(32)];
    const r1 = scoreSurvey({ questionnaire: q, answers: a.answers, design: a.design });
    const r2 = scoreSurvey({ questionnaire: q, answers: b.answers, design: b.design });
    const changes = compareRounds(r2, r1);
    expect(changes.map((c) => c.code)).toEqual(['SIPAS', ...r2.nodes.map((n) => n.code)]);
    const overall = changes[0];
    expect(near(overall?.change ?? NaN, r2.overall.estimate - r1.overall.estimate)).toBe(true);
    expect(near(overall?.se ?? NaN, Math.hypot(r1.overall.se, r2.overall.se))).toBe(true);
    expect(near(overall?.df ?? NaN, satterthwaiteDf(r2.overall.se ** 2, 9, r1.overall.se ** 2, 9))).toBe(true);
  });
});
