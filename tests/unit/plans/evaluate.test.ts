// Plan targets of every kind judged against survey estimates (with SE and design df), published figures and
// administrative indicators: met, missed, or not distinguishable from the goal at 95%.
import { describe, expect, it } from 'vitest';
import { compareGoal } from '../../../src/domain/plans/compare-goal.js';
import { sameGroup } from '../../../src/domain/plans/evaluate.js';
import type { Aim } from '../../../src/domain/plans/model.js';
import { evaluateAim, worstFirst, statusCounts, type TargetStatus } from '../../../src/domain/plans/target-status.js';
import { facts, indicator, node } from './support.js';

const exact = (value: number) => ({ value, se: 0, df: Infinity });

describe('compareGoal: strict and non-strict at the boundary', () => {
  it('counts exactly 90 as at least 90 but not above 90', () => {
    expect(compareGoal(exact(90), exact(90), 'at_least').verdict).toBe('met');
    expect(compareGoal(exact(90), exact(90), 'above').verdict).toBe('missed');
    expect(compareGoal(exact(90.01), exact(90), 'above').verdict).toBe('met');
    expect(compareGoal(exact(89.99), exact(90), 'at_least').verdict).toBe('missed');
  });

  it('counts exactly 20 minutes as at most 20 but not below 20', () => {
    expect(compareGoal(exact(20), exact(20), 'at_most').verdict).toBe('met');
    expect(compareGoal(exact(20), exact(20), 'below').verdict).toBe('missed');
    expect(compareGoal(exact(19.5), exact(20), 'below').verdict).toBe('met');
    expect(compareGoal(exact(20.5), exact(20), 'at_most').verdict).toBe('missed');
  });

  it('treats a goal equal to the figure up to binary rounding as equal (70 × 1.1)', () => {
    expect(compareGoal(exact(77), exact(70 * 1.1), 'at_least').verdict).toBe('met');
    expect(compareGoal(exact(77), exact(70 * 1.1), 'above').verdict).toBe('missed');
  });

  it('uses the t quantile on the design df: 1 point above 90 with se 0.5 is indistinct on 40 df, met on ∞', () => {
    const onT = compareGoal({ value: 91, se: 0.5, df: 40 }, exact(90), 'above');
    expect(onT.verdict).toBe('indistinct');
    expect(onT.low).toBeCloseTo(1 - 2.021075 * 0.5, 5);
    const onNormal = compareGoal({ value: 91, se: 0.5, df: Infinity }, exact(90), 'above');
    expect(onNormal.verdict).toBe('met');
    expect(onNormal.low).toBeCloseTo(1 - 1.959964 * 0.5, 5);
  });

  it('says missed only when the whole interval is short, and combines the SE of an uncertain goal', () => {
    expect(compareGoal({ value: 85, se: 1, df: 30 }, exact(90), 'at_least').verdict).toBe('missed');
    expect(compareGoal({ value: 89, se: 1, df: 30 }, exact(90), 'at_least').verdict).toBe('indistinct');
    const c = compareGoal({ value: 86, se: 1, df: 20 }, { value: 80, se: 2, df: 15 }, 'at_least');
    expect(c.se).toBeCloseTo(Math.sqrt(5), 12);
    expect(c.df).toBe(15);
    expect(c.low).toBeCloseTo(6 - 2.13145 * Math.sqrt(5), 4);
    expect(c.verdict).toBe('met');
  });

  it('cannot tell anything from an estimate without degrees of freedom', () => {
    expect(compareGoal({ value: 99, se: 0.1, df: 0 }, exact(90), 'at_least').verdict).toBe('indistinct');
  });
});

describe('level targets (at least / above / at most / below)', () => {
  it('judges a survey estimate with its CI while nothing is published', () => {
    const f = facts({ survey: { 'SIPAS:overall:2024': { value: 91, se: 0.5, df: 40 } } });
    const e = evaluateAim(f, node('SIPAS', 'overall'), { kind: 'level', compare: 'above', value: 90 }, 2024);
    expect(e.status).toBe('indistinct');
    expect(e.current?.basis).toBe('survey');
    expect(e.goal).toBe(90);
    expect(e.shortfall).toBeCloseTo(-1, 12);
  });

  it('judges the published figure once the national table has the year, with the survey estimate beside it', () => {
    const f = facts({
      survey: { 'SIPAS:overall:2024': { value: 91, se: 0.5, df: 40 } },
      published: { 'SIPAS:overall:2024': { score: 89.5, rank: 25, provinces: 63 } },
    });
    const e = evaluateAim(f, node('SIPAS', 'overall'), { kind: 'level', compare: 'above', value: 90 }, 2024);
    expect(e.status).toBe('missed');
    expect(e.current).toMatchObject({ basis: 'published', value: 89.5, se: 0 });
    expect(e.alongside?.survey.value).toBe(91);
    expect(e.alongside?.differs).toBe(true);
    const close = facts({
      survey: { 'SIPAS:overall:2024': { value: 90, se: 0.5, df: 40 } },
      published: { 'SIPAS:overall:2024': { score: 89.5 } },
    });
    expect(
      evaluateAim(close, node('SIPAS', 'overall'), { kind: 'level', compare: 'above', value: 90 }, 2024).alongside
        ?.differs,
    ).toBe(false);
  });

  it('judges a domain (a service field) on the survey only, and is pending without an estimate', () => {
    const f = facts({
      survey: { 'SIPAS:II@Đất đai:2022': { value: 83, se: 0.6, df: 50 } },
      published: { 'SIPAS:II:2022': { score: 95 } },
    });
    const aim: Aim = { kind: 'level', compare: 'at_least', value: 85 };
    expect(evaluateAim(f, node('SIPAS', 'II', 'Đất đai'), aim, 2022).status).toBe('missed');
    const none = evaluateAim(f, node('SIPAS', 'II', 'Xây dựng'), aim, 2022);
    expect(none).toMatchObject({ status: 'pending', pending: 'no_figure' });
  });

  it('judges an administrative indicator exactly, both ways of better', () => {
    const f = facts({ indicator: { 'early:2024': 40, 'wait:2022': 20 }, lower: ['wait'] });
    expect(evaluateAim(f, indicator('early'), { kind: 'level', compare: 'at_least', value: 40 }, 2024).status).toBe(
      'met',
    );
    expect(evaluateAim(f, indicator('wait'), { kind: 'level', compare: 'at_most', value: 20 }, 2022).status).toBe(
      'met',
    );
    expect(evaluateAim(f, indicator('wait'), { kind: 'level', compare: 'below', value: 20 }, 2022).status).toBe(
      'missed',
    );
    expect(evaluateAim(f, indicator('early'), { kind: 'level', compare: 'at_least', value: 40 }, 2025).pending).toBe(
      'no_figure',
    );
  });
});

describe('change, relative change and keep', () => {
  const f = facts({
    survey: {
      'SIPAS:I.A:2023': { value: 70, se: 2, df: 15 },
      'SIPAS:I.A:2024': { value: 80, se: 1.5, df: 20 },
      'SIPAS:I.B:2023': { value: 70, se: 2, df: 15 },
      'SIPAS:I.B:2024': { value: 86, se: 1, df: 20 },
    },
    published: { 'PAR:overall:2021': { score: 87.11 }, 'PAR:overall:2022': { score: 87.2 } },
    indicator: { 'firms:2021': 1000, 'firms:2022': 1049, 'wait:2023': 20, 'wait:2024': 22 },
    lower: ['wait'],
  });

  it('adds points to last year’s estimate and carries its SE into the comparison', () => {
    const aim: Aim = { kind: 'change', compare: 'at_least', points: 10, baseline: null };
    const onGoal = evaluateAim(f, node('SIPAS', 'I.A'), aim, 2024);
    expect(onGoal.goal).toBe(80);
    expect(onGoal.baseline?.year).toBe(2023);
    expect(onGoal.status).toBe('indistinct');
    const above = evaluateAim(f, node('SIPAS', 'I.B'), aim, 2024);
    expect(above.status).toBe('met');
    expect(above.interval?.low).toBeCloseTo(6 - 2.13145 * Math.sqrt(5), 4);
  });

  it('reads "cao hơn" (an increase) as a change of more than 0 points', () => {
    const aim: Aim = { kind: 'change', compare: 'above', points: 0, baseline: { year: 2021, value: null } };
    const e = evaluateAim(f, node('PAR', 'overall'), aim, 2022);
    expect(e).toMatchObject({ status: 'met', goal: 87.11 });
    expect(e.baseline?.basis).toBe('published');
  });

  it('raises the baseline by a percentage, from a stated value or the baseline year’s figure', () => {
    const stated: Aim = { kind: 'relative', compare: 'at_least', percent: 10, baseline: { year: 2023, value: 70 } };
    expect(evaluateAim(f, node('SIPAS', 'I.B'), stated, 2024)).toMatchObject({ goal: 77, status: 'met' });
    // 80 ± 2.086 × 1.5 on 20 df still reaches down to 77: 3 points above the goal are within the noise.
    expect(evaluateAim(f, node('SIPAS', 'I.A'), stated, 2024)).toMatchObject({ goal: 77, status: 'indistinct' });
    const firms: Aim = { kind: 'relative', compare: 'at_least', percent: 5, baseline: { year: 2021, value: null } };
    const e = evaluateAim(f, indicator('firms'), firms, 2022);
    expect(e.goal).toBeCloseTo(1050, 9);
    expect(e.status).toBe('missed');
    const fromSurvey = evaluateAim(
      f,
      node('SIPAS', 'I.B'),
      { ...firms, percent: 10, baseline: { year: 2023, value: null } },
      2024,
    );
    expect(fromSurvey.goal).toBeCloseTo(77, 9);
    expect(fromSurvey.status).toBe('met');
  });

  it('is pending when the baseline year has no figure', () => {
    const aim: Aim = { kind: 'relative', compare: 'at_least', percent: 10, baseline: { year: 2019, value: null } };
    expect(evaluateAim(f, node('SIPAS', 'I.A'), aim, 2024)).toMatchObject({
      status: 'pending',
      pending: 'no_baseline',
    });
  });

  it('keeps a figure from getting worse, in the indicator’s own direction', () => {
    expect(evaluateAim(f, indicator('wait'), { kind: 'keep', baseline: null }, 2024)).toMatchObject({
      status: 'missed',
      compare: 'at_most',
      goal: 20,
    });
    expect(evaluateAim(f, node('PAR', 'overall'), { kind: 'keep', baseline: null }, 2022)).toMatchObject({
      status: 'met',
      compare: 'at_least',
    });
  });
});

describe('rank and group targets read the published tables', () => {
  const f = facts({
    published: {
      'PAR:1:2024': { score: 88, rank: 8, provinces: 63 },
      'PAR:3:2024': { score: 80, rank: 18, provinces: 63 },
      'PAPI:overall:2024': { score: 44.3, group: 'cao  NHẤT' },
    },
  });

  it('meets "top 10" at rank 8 and misses "top 15" at rank 18, by 3 places', () => {
    expect(evaluateAim(f, node('PAR', '1'), { kind: 'rank', atMost: 10 }, 2024)).toMatchObject({
      status: 'met',
      shortfall: -2,
    });
    expect(evaluateAim(f, node('PAR', '3'), { kind: 'rank', atMost: 15 }, 2024)).toMatchObject({
      status: 'missed',
      shortfall: 3,
    });
    expect(evaluateAim(f, node('PAR', '3'), { kind: 'rank', atMost: 15 }, 2025)).toMatchObject({
      status: 'pending',
      pending: 'no_published',
    });
  });

  it('matches a group however it is spelled', () => {
    expect(sameGroup('Cao nhất', ' cao  NHẤT ')).toBe(true);
    expect(sameGroup('Cao nhất', 'Trung bình cao')).toBe(false);
    expect(evaluateAim(f, node('PAPI', 'overall'), { kind: 'group', group: 'Cao nhất' }, 2024).status).toBe('met');
    expect(evaluateAim(f, node('PAPI', 'overall'), { kind: 'group', group: 'Trung bình cao' }, 2024).status).toBe(
      'missed',
    );
  });
});

describe('rule targets expand over children', () => {
  const f = facts({
    children: { 'PAPI:overall/subdimension': ['1.1', '1.2', '1.3'], 'PAR:2': ['2.1', '2.2'] },
    survey: {
      'PAPI:1.1:2023': { value: 1.2, se: 0.05, df: 30 },
      'PAPI:1.2:2023': { value: 1.8, se: 0.05, df: 30 },
      'PAPI:1.3:2023': { value: 1.4, se: 0.05, df: 30 },
      'PAPI:1.1:2024': { value: 1.45, se: 0.05, df: 30 },
      'PAPI:1.2:2024': { value: 1.5, se: 0.05, df: 30 },
      'PAPI:1.3:2024': { value: 1.42, se: 0.05, df: 30 },
    },
    published: {
      'PAR:2.1:2021': { score: 100 },
      'PAR:2.2:2021': { score: 100 },
      'PAR:2.1:2022': { score: 100 },
      'PAR:2.2:2022': { score: 95 },
    },
  });
  const belowOneAndHalf: Aim = {
    kind: 'rule',
    level: 'subdimension',
    where: { compare: 'below', value: 1.5 },
    then: { kind: 'change', compare: 'at_least', points: 0.1, baseline: null },
  };

  it('judges only the children whose baseline passes the filter, and stands as the worst of them', () => {
    const e = evaluateAim(f, node('PAPI', 'overall'), belowOneAndHalf, 2024);
    expect(e.children.map((c) => [c.node, c.status])).toEqual([
      ['1.1', 'met'],
      ['1.3', 'indistinct'],
    ]);
    expect(e.status).toBe('indistinct');
    expect(e.children[0]?.goal).toBeCloseTo(1.3, 12);
  });

  it('is met when the filter leaves no child, pending when a child’s baseline is unknown', () => {
    const none = evaluateAim(
      f,
      node('PAPI', 'overall'),
      { ...belowOneAndHalf, where: { compare: 'below', value: 1 } },
      2024,
    );
    expect(none).toMatchObject({ status: 'met', children: [] });
    const unknown = evaluateAim(f, node('PAPI', 'overall'), belowOneAndHalf, 2023);
    expect(unknown.status).toBe('pending');
    expect(unknown.children.every((c) => c.pending === 'no_baseline')).toBe(true);
  });

  it('keeps every criterion that reached the maximum (a rule without a "then" change)', () => {
    const keepMax: Aim = {
      kind: 'rule',
      level: null,
      where: { compare: 'at_least', value: 100 },
      then: { kind: 'keep', baseline: null },
    };
    const e = evaluateAim(f, node('PAR', '2'), keepMax, 2022);
    expect(e.children.map((c) => [c.node, c.status])).toEqual([
      ['2.1', 'met'],
      ['2.2', 'missed'],
    ]);
    expect(e.status).toBe('missed');
    expect(e.shortfall).toBe(5);
  });

  it('is pending when the framework has no children for the node', () => {
    expect(evaluateAim(f, node('PAR', '9'), belowOneAndHalf, 2024)).toMatchObject({
      status: 'pending',
      pending: 'no_figure',
    });
  });
});

describe('worst first', () => {
  const row = (
    n: number,
    status: TargetStatus['evaluation']['status'],
    shortfall: number | null,
    goal: number | null,
  ) =>
    ({
      target: { row: n } as TargetStatus['target'],
      evaluation: { status, shortfall, goal } as TargetStatus['evaluation'],
    }) satisfies TargetStatus;

  it('orders missed, indistinct, pending, met; larger relative shortfall first', () => {
    const sorted = worstFirst([
      row(1, 'met', -5, 90),
      row(2, 'missed', 1, 90),
      row(3, 'pending', null, null),
      row(4, 'missed', 3, 10),
      row(5, 'indistinct', 0.5, 90),
    ]);
    expect(sorted.map((s) => s.target.row)).toEqual([4, 2, 5, 3, 1]);
    expect(statusCounts(sorted)).toEqual({ met: 1, missed: 2, indistinct: 1, pending: 1 });
  });
});
