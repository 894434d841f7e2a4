import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerCells, codebook } from '../../../src/domain/results/codebook.js';
import { isoWeek, summariseKiosk } from '../../../src/domain/results/kiosk-summary.js';
import { belowTarget, evaluateTarget } from '../../../src/domain/results/targets.js';
import { parseDefinitionText } from '../../../src/domain/questionnaire/index.js';
import { barChart } from '../../../src/http/charts/bars.js';

describe('targets', () => {
  it('evaluates absolute and change targets and lists those below, worst first', () => {
    const a = evaluateTarget({ nodeCode: 'overall', kind: 'absolute', value: 0.9, owner: 'Sở Nội vụ' }, 0.82, 0.8);
    expect(a.goal).toBe(0.9);
    expect(a.gap).toBeCloseTo(0.08, 12);
    const c = evaluateTarget({ nodeCode: 'II.A.1', kind: 'change', value: 0.1, owner: 'Sở Tư pháp' }, 0.7, 0.65);
    expect(c.goal).toBeCloseTo(0.75, 12);
    expect(c.below).toBe(true);
    const met = evaluateTarget({ nodeCode: '5.1', kind: 'change', value: 0.1, owner: 'Sở Tài chính' }, 6.4, 6.2);
    expect(met.below).toBe(false);
    const noPrevious = evaluateTarget(
      { nodeCode: '5.2', kind: 'change', value: 0.1, owner: 'Sở Tài chính' },
      6.4,
      null,
    );
    expect(noPrevious).toMatchObject({ goal: null, gap: null, below: false });
    expect(belowTarget([c, met, a, noPrevious]).map((s) => s.nodeCode)).toEqual(['overall', 'II.A.1']);
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
      { day: '2026-11-23', counter: 'A', agency: 'X', field: 'Đất đai', overall: 3 },
      { day: '2026-11-23', counter: 'A', agency: 'X', field: 'Đất đai', overall: 1 },
      { day: '2026-11-24', counter: 'B', agency: 'X', field: 'Hộ tịch', overall: 2 },
      { day: '2026-11-24', counter: 'B', agency: 'X', field: 'Hộ tịch', overall: null },
    ];
    expect(summariseKiosk(rows, 'counter', 'day')).toEqual([
      { group: 'A', period: '2026-11-23', ratings: 2, satisfied: 1, share: 0.5 },
      { group: 'B', period: '2026-11-24', ratings: 2, satisfied: 1, share: 1 },
    ]);
    expect(summariseKiosk(rows, 'agency', 'week')).toEqual([
      { group: 'X', period: '2026-W48', ratings: 4, satisfied: 2, share: 2 / 3 },
    ]);
  });
});

describe('bar chart', () => {
  it('draws one bar per row with its value and whiskers, escaping labels', () => {
    const svg = barChart(
      [
        {
          code: 'II.A.1',
          label: 'Nơi đón tiếp <đẹp>',
          estimate: 0.8162,
          ciLow: 0.78,
          ciHigh: 0.85,
          target: 0.9,
          valueText: '81,62%',
        },
        { code: 'II.A.2', label: 'Trang thiết bị', estimate: 0.5, ciLow: null, ciHigh: null, valueText: '50,00%' },
      ],
      { min: 0, max: 1, title: 'SIPAS', ticks: [0, 0.5, 1], tickText: (v) => `${v * 100}%` },
    );
    expect(svg.match(/<g class="bar-row"/g)).toHaveLength(2);
    expect(svg).toContain('data-code="II.A.1" data-estimate="0.8162"');
    expect(svg).toContain('Nơi đón tiếp &lt;đẹp&gt;');
    expect(svg.match(/class="whisker"/g)).toHaveLength(1);
    expect(svg.match(/class="target"/g)).toHaveLength(1);
    const widths = [...svg.matchAll(/class="bar-row"[^>]*>.*?<rect x="200" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths[0]).toBeCloseTo(216 * 0.8162, 1);
    expect(widths[1]).toBeCloseTo(108, 1);
  });
});
