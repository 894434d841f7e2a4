// Every shipped pack with a scoring block, scored on simulated interviews in a stratified cluster design:
// every framework node gets a finite score in its range, with a finite SE and a CI around it, and the PAPI
// roll-ups agree with papi-arithmetic.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  categorical,
  createDesign,
  papiDimensionScore,
  papiSubDimensionScore,
  papiTotalScore,
} from '../../../src/domain/estimation/index.js';
import { parseDefinitionText } from '../../../src/domain/questionnaire/index.js';
import type { Questionnaire } from '../../../src/domain/questionnaire/index.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import { scoreSurvey } from '../../../src/domain/scoring/index.js';
import type { NodeScore, ScoreResult } from '../../../src/domain/scoring/index.js';
import { simulateAnswers } from '../../../src/domain/simulate/index.js';

const load = (file: string): Questionnaire => parseDefinitionText(readFileSync(`surveys/${file}`, 'utf8'), file);
const RESPONDENTS = 240;

/** 4 strata × 5 PSUs × 12 respondents of simulated answers, unequal weights. */
function score(q: Questionnaire, seed: number): ScoreResult {
  const rng = createRng(seed);
  const answers = Array.from({ length: RESPONDENTS }, () => simulateAnswers(q, rng, { today: '2024-09-20' }));
  const design = createDesign({
    weights: answers.map((_, k) => 50 + ((k * 37) % 90)),
    strata: categorical(answers.map((_, k) => `S${Math.floor(k / 60)}`)),
    psu: categorical(answers.map((_, k) => `P${Math.floor(k / 12)}`)),
  });
  return scoreSurvey({ questionnaire: q, answers, design });
}

function expectWellFormed(n: NodeScore, [lo, hi]: readonly [number, number]): void {
  const what = `${n.code} (${n.level}) = ${n.estimate}`;
  expect(Number.isFinite(n.estimate), what).toBe(true);
  expect(n.estimate, what).toBeGreaterThanOrEqual(lo - 1e-12);
  expect(n.estimate, what).toBeLessThanOrEqual(hi + 1e-12);
  expect(Number.isFinite(n.se) && n.se >= 0, `${what}: SE ${n.se}`).toBe(true);
  expect(n.ciLow <= n.estimate && n.estimate <= n.ciHigh, `${what}: CI [${n.ciLow}, ${n.ciHigh}]`).toBe(true);
  expect(n.n, what).toBeGreaterThan(0);
  expect(n.df).toBe(20 - 4);
}

describe('shipped packs on simulated interviews', () => {
  it('sipas-2024: every criterion, element, part and the index is a proportion in [0, 1]', () => {
    const q = load('sipas-2024.json');
    const r = score(q, 1);
    expect(r.nodes.length).toBe(q.definition.framework ? countNodes(q) : 0);
    expect(r.nodes.filter((n) => n.level === 'criterion').length).toBeGreaterThanOrEqual(39);
    for (const n of [...r.nodes, r.overall]) expectWellFormed(n, [0, 1]);
    // Part II is asked only of respondents who used a one-stop centre: fewer respondents than part I.
    const part = (code: string): NodeScore => r.nodes.find((n) => n.code === code) as NodeScore;
    expect(part('II').n).toBeLessThan(part('I').n);
  });

  it('papi-2024: indicators in [1, 10], sub-dimensions in [1/k, 10/k], dimensions in [1, 10], total in [8, 80]', () => {
    const q = load('papi-2024.json');
    const r = score(q, 2);
    const byCode = new Map(r.nodes.map((n) => [n.code, n]));
    const children = (code: string): NodeScore[] => r.nodes.filter((n) => n.parent === code);
    for (const n of r.nodes) {
      if (n.level === 'indicator') expectWellFormed(n, [1, 10]);
      if (n.level === 'dimension') {
        expectWellFormed(n, [1, 10]);
        const subs = children(n.code);
        expect(n.estimate).toBeCloseTo(papiDimensionScore(subs.map((s) => s.estimate)), 12);
        for (const s of subs) {
          const k = subs.length;
          expectWellFormed(s, [1 / k, 10 / k]);
          expect(s.estimate).toBeCloseTo(
            papiSubDimensionScore(
              children(s.code).map((i) => i.estimate),
              k,
            ),
            12,
          );
        }
      }
    }
    expect(r.nodes.filter((n) => n.level === 'dimension').length).toBe(8);
    expectWellFormed(r.overall, [8, 80]);
    expect(r.overall.estimate).toBeCloseTo(
      papiTotalScore(r.nodes.filter((n) => n.level === 'dimension').map((n) => n.estimate)),
      12,
    );
    expect(byCode.get('1.1.1')?.raw?.scale).toEqual([0, 1]);
  });

  it('one-stop-tt01: indicators in [0, 2], the total in [0, 18], % satisfied in [0, 1]', () => {
    const r = score(load('one-stop-tt01.json'), 3);
    expect(r.nodes.length).toBe(9);
    for (const n of r.nodes) expectWellFormed(n, [0, 2]);
    expectWellFormed(r.overall, [0, 18]);
    expect(r.satisfaction).not.toBeNull();
    expectWellFormed(r.satisfaction as NodeScore, [0, 1]);
    expect(r.satisfaction?.interval).toBe('logit');
  });

  it('a questionnaire without a scoring block is refused', () => {
    expect(() => score(load('kiosk-one-tap.json'), 4)).toThrow(/no framework and scoring block/);
  });
});

function countNodes(q: Questionnaire): number {
  type N = { children?: N[] | undefined };
  const walk = (list: readonly N[]): number => list.reduce((s, n) => s + 1 + walk(n.children ?? []), 0);
  return walk(q.definition.framework?.nodes ?? []);
}
