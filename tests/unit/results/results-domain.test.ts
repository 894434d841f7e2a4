import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerCells, codebook } from '../../../src/domain/results/codebook.js';
import {
  isoWeek,
  ratingSatisfied,
  satisfactionRule,
  summariseKiosk,
} from '../../../src/domain/results/kiosk-summary.js';
import { belowTarget, evaluateTarget } from '../../../src/domain/results/targets.js';
import { parseDefinitionText } from '../../../src/domain/questionnaire/index.js';
import { barChart } from '../../../src/http/charts/bars.js';

describe('targets', () => {
  const point = (estimate: number, previous: number | null = null) => ({
    estimate,
    ciLow: NaN,
    ciHigh: NaN,
    previous,
    change: null,
  });
  const withCi = (estimate: number, ciLow: number, ciHigh: number) => ({
    estimate,
    ciLow,
    ciHigh,
    previous: null,
    change: null,
  });
  const target = (nodeCode: string, kind: 'absolute' | 'change', value: number) => ({
    nodeCode,
    kind,
    value,
    owner: 'Sở Nội vụ',
  });

  it('an absolute target is met, missed, or not distinguishable from the goal at 95%', () => {
    // II.C in the issue: goal 84.07% inside the interval 79.8–87.4%: not a miss.
    const inside = evaluateTarget(target('II.C', 'absolute', 0.8407), withCi(0.836, 0.798, 0.874));
    expect(inside).toMatchObject({ goal: 0.8407, below: true, status: 'indistinguishable', basis: 'interval' });
    expect(inside.gap).toBeCloseTo(0.0047, 12);
    expect(evaluateTarget(target('x', 'absolute', 0.9), withCi(0.82, 0.79, 0.85)).status).toBe('missed');
    expect(evaluateTarget(target('x', 'absolute', 0.75), withCi(0.82, 0.79, 0.85)).status).toBe('met');
    // Without an interval (df 0, counter ratings) the point estimate decides, and says so.
    expect(evaluateTarget(target('x', 'absolute', 0.8), point(0.82))).toMatchObject({ status: 'met', basis: 'point' });
  });

  it('a change target compares the interval of the change with the increase asked for', () => {
    const change = (c: number, low: number, high: number) => ({ change: c, ciLow: low, ciHigh: high });
    const base = { estimate: 0.7, ciLow: 0.66, ciHigh: 0.74, previous: 0.65 };
    const t = target('II.A.1', 'change', 0.1);
    const c = evaluateTarget(t, { ...base, change: change(0.05, 0.01, 0.09) });
    expect(c.goal).toBeCloseTo(0.75, 12);
    expect(c).toMatchObject({ below: true, status: 'missed' });
    expect(evaluateTarget(t, { ...base, change: change(0.05, -0.02, 0.12) }).status).toBe('indistinguishable');
    expect(evaluateTarget(t, { ...base, estimate: 0.8, change: change(0.15, 0.11, 0.19) }).status).toBe('met');
    const noPrevious = evaluateTarget(target('5.2', 'change', 0.1), point(6.4));
    expect(noPrevious).toMatchObject({ goal: null, gap: null, below: false, status: 'no_baseline', basis: null });
  });

  it('lists what is not shown to be met: missed first, then not distinguishable, each largest gap first', () => {
    const a = evaluateTarget(target('a', 'absolute', 0.9), withCi(0.82, 0.79, 0.85));
    const b = evaluateTarget(target('b', 'absolute', 0.9), withCi(0.6, 0.5, 0.7));
    const c = evaluateTarget(target('c', 'absolute', 0.9), withCi(0.7, 0.5, 0.95));
    const met = evaluateTarget(target('d', 'absolute', 0.5), withCi(0.7, 0.6, 0.8));
    expect(belowTarget([c, met, a, b]).map((s) => s.nodeCode)).toEqual(['b', 'a', 'c']);
  });
});

describe('codebook', () => {
  const demo = parseDefinitionText(readFileSync('surveys/demo-service.json', 'utf8'), 'demo');
  const vars = codebook(demo);

  it('leaves out personal and free-text items and splits multi-selects into 0/1 columns', () => {
    const names = vars.map((v) => v.name);
    expect(names).not.toContain('comment');
    expect(names).not.toContain('channels_other');
    expect(names).toEqual(
      expect.arrayContaining(['gender', 'birth_year', 'channels_1', 'channels_4', 'sat_a1', 'sat_count', 'visit_date']),
    );
    expect(vars.find((v) => v.name === 'sat_a1')?.values.map((x) => x.code)).toEqual([1, 2, 3, 4, 5]);
    expect(vars.find((v) => v.name === 'used_service')?.values.find((x) => x.code === 98)?.missing).toBe('dont_know');
  });

  it('writes answer cells in codebook order, blank when not asked', () => {
    const cells = answerCells(vars, { gender: 2, channels: [1, 4], used_service: 0 });
    const at = (name: string) => cells[vars.findIndex((v) => v.name === name)];
    expect(at('gender')).toBe(2);
    expect(at('channels_1')).toBe(1);
    expect(at('channels_2')).toBe(0);
    expect(at('sat_a1')).toBe('');
  });
});

describe('kiosk summaries', () => {
  it('computes ISO weeks, including across a year boundary', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('counts ratings and the share satisfied per group and period', () => {
    const rows = [
      { day: '2026-11-23', counter: 'A', agency: 'X', field: 'Đất đai', satisfied: true },
      { day: '2026-11-23', counter: 'A', agency: 'X', field: 'Đất đai', satisfied: false },
      { day: '2026-11-24', counter: 'B', agency: 'X', field: 'Hộ tịch', satisfied: true },
      { day: '2026-11-24', counter: 'B', agency: 'X', field: 'Hộ tịch', satisfied: null },
    ];
    expect(summariseKiosk(rows, 'counter', 'day')).toEqual([
      { group: 'A', period: '2026-11-23', ratings: 2, answered: 2, satisfied: 1, share: 0.5 },
      { group: 'B', period: '2026-11-24', ratings: 2, answered: 1, satisfied: 1, share: 1 },
    ]);
    expect(summariseKiosk(rows, 'agency', 'week')).toEqual([
      { group: 'X', period: '2026-W48', ratings: 4, answered: 3, satisfied: 2, share: 2 / 3 },
    ]);
  });

  it("reads the satisfied levels from each pack: one-stop scoring, or a one-tap pack's positive options", () => {
    const load = (f: string) => parseDefinitionText(readFileSync(`surveys/${f}`, 'utf8'), f);
    expect(satisfactionRule(load('one-stop-tt01.json'))).toEqual({
      item: 'overall',
      satisfied: [2, 3],
      source: 'scoring',
    });
    expect(satisfactionRule(load('kiosk-one-tap.json'))).toEqual({
      item: 'overall',
      satisfied: [2, 3],
      source: 'valence',
    });
    // A counter on a five-level scale (SAT5): 4 and 5 are satisfied, 2 and 3 are not.
    type Json = Record<string, unknown>;
    const tt01 = JSON.parse(readFileSync('surveys/one-stop-tt01.json', 'utf8')) as Json & {
      sections: (Json & { questions: Json[] })[];
      scoring: Json;
      scales: Json;
    };
    const sat5 = parseDefinitionText(
      JSON.stringify({
        ...tt01,
        code: 'sat5-counter',
        scales: {
          ...tt01.scales,
          SAT5: {
            options: [1, 2, 3, 4, 5].map((value) => ({ value, label: { vi: String(value), en: String(value) } })),
          },
        },
        sections: tt01.sections.map((s) => ({
          ...s,
          questions: s.questions.map((q) => (q['id'] === 'overall' ? { ...q, scale: 'SAT5' } : q)),
        })),
        scoring: { ...tt01.scoring, satisfaction: { item: 'overall', satisfiedValues: [4, 5] } },
      }),
      'sat5-counter.json',
    );
    const rule = satisfactionRule(sat5);
    expect(rule).toEqual({ item: 'overall', satisfied: [4, 5], source: 'scoring' });
    expect([1, 2, 3, 4, 5].map((overall) => ratingSatisfied(rule, { overall }))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(ratingSatisfied(rule, {})).toBeNull();
    expect(satisfactionRule(load('sipas-2024.json'))).toBeNull();
  });
});

describe('bar chart', () => {
  const rows = [
    {
      code: 'II.A.1',
      label: 'Nơi đón tiếp <đẹp>, có đủ ghế ngồi chờ, quạt, nước uống và chỉ dẫn rõ ràng cho người dân đến làm thủ tục',
      estimate: 0.8162,
      ciLow: 0.78,
      ciHigh: 0.85,
      target: 0.9,
      valueText: '81,62%',
      targetText: 'chỉ tiêu 90,00%',
    },
    { code: 'II.A.2', label: 'Trang thiết bị', estimate: 0.75, ciLow: null, ciHigh: null, valueText: '75,00%' },
  ];
  const options = {
    min: 0.7,
    max: 0.9,
    title: 'SIPAS',
    ticks: [0.7, 0.75, 0.8, 0.85, 0.9],
    tickText: (v: number) => `${Math.round(v * 100)}%`,
    legend: { estimate: 'Ước lượng', interval: 'KTC 95%', target: 'Chỉ tiêu', axisNote: 'Trục bắt đầu từ 70%' },
  };

  it('draws one bar per row on the zoomed axis, with whiskers, the target mark and whole, escaped labels', () => {
    const html = barChart(rows, options);
    expect(html.match(/<div class="bar-row"/g)).toHaveLength(2);
    expect(html).toContain('data-code="II.A.1" data-estimate="0.8162" data-target="0.9"');
    expect(html).toContain(`${'Nơi đón tiếp &lt;đẹp&gt;, có đủ ghế ngồi chờ, quạt, nước uống'}`);
    expect(html).toContain('cho người dân đến làm thủ tục</div>');
    expect(html).not.toContain('…');
    expect(html.match(/class="whisker"/g)).toHaveLength(2); // one row's interval line, and the legend's
    expect(html.match(/class="target"/g)).toHaveLength(2); // one row's mark, and the legend's
    // Bars start at the axis's 70%: 81.62% is 58.1% of the way to 90%, 75% is a quarter.
    const widths = [...html.matchAll(/<rect x="0" y="50%" width="([\d.]+)%"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(58.1, 1);
    expect(widths[1]).toBeCloseTo(25, 1);
    expect(html).toContain('<rect x="100%" y="50%" width="3"');
    expect(html).toContain('<span class="bar-target">chỉ tiêu 90,00%</span>');
    const ticks = [...html.matchAll(/<text x="([\d.]+)%"[^>]*class="tick[^"]*">([^<]+)<\/text>/g)];
    expect(ticks.map((t) => [Number(t[1]), t[2]])).toEqual([
      [0, '70%'],
      [25, '75%'],
      [50, '80%'],
      [75, '85%'],
      [100, '90%'],
    ]);
    expect(html).toContain('<li class="legend-axis">Trục bắt đầu từ 70%</li>');
  });

  it('leaves the interval and target out of the legend when no row has them', () => {
    const html = barChart([rows[1] as (typeof rows)[number]], {
      ...options,
      legend: { estimate: 'Ước lượng', interval: null, target: null, axisNote: null },
    });
    expect(html).toContain('class="legend-estimate"');
    expect(html).not.toContain('legend-interval');
    expect(html).not.toContain('legend-target');
    expect(html).not.toContain('legend-axis');
  });
});
