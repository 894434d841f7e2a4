// The plan file format: every target kind parses into its aim; a bad row is named with the reason; national
// tables get their ranks; indicator periods pick the year's figure.
import { describe, expect, it } from 'vitest';
import { isParNode, parLevel, parParent } from '../../../src/domain/plans/indices.js';
import { parseIndicatorRows, valueForYear } from '../../../src/domain/plans/indicators.js';
import { parsePlanFile } from '../../../src/domain/plans/plan-file.js';
import { parsePublishedRows, provinceKey } from '../../../src/domain/plans/published.js';

const base = {
  code: 'bg-2024',
  name: 'Kế hoạch 2024',
  province: 'Bắc Giang',
  issuer: 'UBND tỉnh Bắc Giang',
  startYear: 2024,
  endYear: 2025,
  source: 'seeds/000.txt',
};
const target = (extra: Record<string, unknown>) => ({ label: 'x', year: 2024, lead: 'Sở Nội vụ', ...extra });

describe('parsePlanFile', () => {
  it('turns each kind into its aim', () => {
    const { plan, problems } = parsePlanFile({
      ...base,
      targets: [
        target({ index: 'SIPAS', kind: 'above', value: 90, line: 21 }),
        target({ index: 'PAR', node: '3', kind: 'rank', atMost: 15, support: ['Sở Tư pháp'] }),
        target({ index: 'PAPI', kind: 'group', group: 'Cao nhất' }),
        target({ index: 'PAPI', node: '6', kind: 'change', points: 0, compare: 'above', year: 'each' }),
        target({ index: 'SIPAS', node: 'I.A.1', kind: 'relative', percent: 10, baseline: { year: 2023 } }),
        target({ indicator: 'wait-minutes', kind: 'at_most', value: 20 }),
        target({ index: 'PAPI', node: '1', kind: 'keep' }),
        target({
          index: 'PAPI',
          kind: 'rule',
          children: 'subdimension',
          where: { compare: 'below', value: 1.5 },
          then: { kind: 'change', points: 0.1 },
        }),
        target({
          index: 'SIPAS',
          node: 'II',
          domain: { kind: 'service_field', value: 'Đất đai' },
          kind: 'at_least',
          value: 85,
        }),
      ],
    });
    expect(problems).toEqual([]);
    const t = plan?.plan.targets ?? [];
    expect(t.map((x) => x.aim)).toEqual([
      { kind: 'level', compare: 'above', value: 90 },
      { kind: 'rank', atMost: 15 },
      { kind: 'group', group: 'Cao nhất' },
      { kind: 'change', compare: 'above', points: 0, baseline: null },
      { kind: 'relative', compare: 'at_least', percent: 10, baseline: { year: 2023, value: null } },
      { kind: 'level', compare: 'at_most', value: 20 },
      { kind: 'keep', baseline: null },
      {
        kind: 'rule',
        level: 'subdimension',
        where: { compare: 'below', value: 1.5 },
        then: { kind: 'change', compare: 'at_least', points: 0.1, baseline: null },
      },
      { kind: 'level', compare: 'at_least', value: 85 },
    ]);
    expect(t[0]).toMatchObject({ row: 1, year: 2024, subject: { index: 'SIPAS', node: 'overall', domain: null } });
    expect(t[0]?.source).toEqual({ file: 'seeds/000.txt', line: 21 });
    expect(t[1]?.support).toEqual(['Sở Tư pháp']);
    expect(t[3]?.year).toBeNull();
    expect(t[5]?.subject).toEqual({ type: 'indicator', indicator: 'wait-minutes' });
    expect(t[8]?.subject).toMatchObject({ domain: { kind: 'service_field', value: 'Đất đai' } });
  });

  it('refuses a relative target without a baseline, naming the row and the seed line', () => {
    const { plan, problems } = parsePlanFile({
      ...base,
      targets: [
        target({ index: 'SIPAS', kind: 'above', value: 90 }),
        target({ index: 'SIPAS', kind: 'relative', percent: 10, line: 33 }),
      ],
    });
    expect(plan?.plan.targets.map((t) => t.row)).toEqual([1]);
    expect(problems).toEqual([
      { row: 2, section: 'targets', field: 'baseline', message: 'a relative target needs baseline', line: 33 },
    ]);
  });

  it('names every bad row at once: missing values, a rule without its aim, a year outside the plan, unknown fields', () => {
    const { problems } = parsePlanFile({
      ...base,
      targets: [
        target({ index: 'PAR', kind: 'rank' }),
        target({ index: 'PAPI', kind: 'rule', children: 'subdimension' }),
        target({ index: 'PAPI', kind: 'at_least', value: 40, year: 2030 }),
        target({ index: 'PAPI', kind: 'at_least', value: 40, colour: 'red' }),
        target({ kind: 'at_least', value: 40 }),
        target({ index: 'PAPI', kind: 'rule', then: { kind: 'rank', atMost: 3 } }),
      ],
    });
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'atMost'],
      [2, 'then'],
      [3, 'year'],
      [4, 'target'],
      [5, 'index'],
      [6, 'then.kind'],
    ]);
    expect(problems[2]?.message).toBe("2030 is outside the plan's years 2024–2025");
  });

  it('refuses a plan that ends before it starts and a bad code', () => {
    const { problems } = parsePlanFile({
      ...base,
      code: 'bad code',
      endYear: 2023,
      targets: [target({ index: 'PAPI', kind: 'keep' })],
    });
    expect(problems.map((p) => p.field)).toEqual(['code']);
    const late = parsePlanFile({
      ...base,
      endYear: 2023,
      targets: [target({ index: 'PAPI', kind: 'keep', year: 'each' })],
    });
    expect(late.problems.map((p) => p.field)).toEqual(['endYear']);
  });
});

describe('national tables', () => {
  it('ranks provinces by score when the table gives no ranks, ties sharing the better rank', () => {
    const { rows, problems } = parsePublishedRows([
      { year: '2023', index: 'sipas', province: 'Bắc Giang', node: '', score: '81,62' },
      { year: '2023', index: 'SIPAS', province: 'Lạng Sơn', node: 'overall', score: '85' },
      { year: '2023', index: 'SIPAS', province: 'Bắc Kạn', node: 'overall', score: '81.62' },
      {
        year: '2023',
        index: 'PAPI',
        province: 'Bắc Giang',
        score: '44.32',
        group: 'Cao nhất',
        rank: '5',
        provinces: '63',
      },
    ]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.province, r.index, r.node, r.score, r.rank, r.provinces, r.group])).toEqual([
      ['Bắc Giang', 'SIPAS', 'overall', 81.62, 2, 3, null],
      ['Lạng Sơn', 'SIPAS', 'overall', 85, 1, 3, null],
      ['Bắc Kạn', 'SIPAS', 'overall', 81.62, 2, 3, null],
      ['Bắc Giang', 'PAPI', 'overall', 44.32, 5, 63, 'Cao nhất'],
    ]);
  });

  it('names each bad line and stores nothing', () => {
    const { rows, problems } = parsePublishedRows([
      { year: '2023', index: 'SIPAS', province: 'Bắc Giang', score: '81.62' },
      { year: '23', index: 'PCI', province: '', score: 'cao', rank: '0' },
      { year: '2023', index: 'SIPAS', province: 'tỉnh  Bắc Giang', score: '80' },
    ]);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'year'],
      [3, 'index'],
      [3, 'province'],
      [3, 'score'],
      [3, 'rank'],
      [4, 'province'],
    ]);
  });

  it('compares province names as people write them', () => {
    expect(provinceKey('Tỉnh  Bắc Giang ')).toBe(provinceKey('bắc giang'));
    expect(provinceKey('Thành phố Hà Nội')).toBe('hà nội');
  });
});

describe('PAR Index codes', () => {
  it('knows its eight fields and accepts criteria by shape under them', () => {
    expect(isParNode('overall')).toBe(true);
    expect(isParNode('8')).toBe(true);
    expect(isParNode('9')).toBe(false);
    expect(isParNode('3.4.1')).toBe(true);
    expect(isParNode('3.4.1.2')).toBe(false);
    expect(isParNode('3.0')).toBe(false);
    expect(parLevel('3.4.1')).toBe('subcriterion');
    expect(parParent('3.4.1')).toBe('3.4');
    expect(parParent('3')).toBe('overall');
  });
});

describe('administrative indicators', () => {
  it('takes the annual value, else the latest month or quarter of the year', () => {
    const values = [
      { period: '2024-03', value: 31 },
      { period: '2024-Q3', value: 36 },
      { period: '2024-09', value: 38 },
      { period: '2023', value: 30 },
      { period: '2025-01', value: 41 },
    ];
    expect(valueForYear(values, 2024)).toEqual({ period: '2024-09', value: 38 });
    expect(valueForYear(values, 2023)).toEqual({ period: '2023', value: 30 });
    expect(valueForYear(values, 2022)).toBeNull();
  });

  it('checks an indicator CSV', () => {
    const ok = parseIndicatorRows([{ indicator: 'early', period: '2024-09', value: '38,5' }]);
    expect(ok.rows).toEqual([{ indicator: 'early', period: '2024-09', value: 38.5 }]);
    const bad = parseIndicatorRows([
      { indicator: 'early', period: '2024-13', value: 'x' },
      { indicator: '', period: '2024', value: '1' },
    ]);
    expect(bad.rows).toEqual([]);
    expect(bad.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'period'],
      [2, 'value'],
      [3, 'indicator'],
    ]);
  });
});
