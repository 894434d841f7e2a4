// Round-on-round change of a score: independent samples, so SE = √(se₁² + se₂²) and a 95% normal test.
import { describe, expect, it } from 'vitest';
import { compareRounds, compareScores, scoreSurvey } from '../../../src/domain/scoring/index.js';
import { miniSipas, near, synthetic } from './support.js';

describe('comparing two rounds', () => {
  it('change, SE, interval and significance of one node', () => {
    const c = compareScores({ code: 'II', level: 'part', estimate: 0.84, se: 0.01 }, { estimate: 0.8, se: 0.012 });
    expect(near(c.change, 0.04)).toBe(true);
    expect(near(c.se, Math.sqrt(0.01 ** 2 + 0.012 ** 2))).toBe(true);
    expect(near(c.ciLow, 0.04 - 1.959963984540054 * c.se)).toBe(true);
    expect(c.significant).toBe(true);
    expect(
      compareScores({ code: 'II', level: 'part', estimate: 0.82, se: 0.01 }, { estimate: 0.8, se: 0.012 }).significant,
    ).toBe(false);
    // Just inside and just outside the 95% bound.
    const se = Math.sqrt(2) * 0.01;
    expect(
      compareScores({ code: 'x', level: 'l', estimate: 0.5 + 1.95 * se, se: 0.01 }, { estimate: 0.5, se: 0.01 })
        .significant,
    ).toBe(false);
    expect(
      compareScores({ code: 'x', level: 'l', estimate: 0.5 + 1.97 * se, se: 0.01 }, { estimate: 0.5, se: 0.01 })
        .significant,
    ).toBe(true);
    expect(
      compareScores({ code: 'x', level: 'l', estimate: 0.5 + 1.7 * se, se: 0.01 }, { estimate: 0.5, se: 0.01 }, 0.9)
        .significant,
    ).toBe(true);
    expect(
      compareScores({ code: 'x', level: 'l', estimate: NaN, se: NaN }, { estimate: 0.5, se: 0.01 }).significant,
    ).toBe(false);
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
  });
});
