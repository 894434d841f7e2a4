// Plan import against a real migrated database: the plans shipped in plans/ (transcribed from the seeds) import
// without error and read back as written; a bad plan is refused whole with each row and its reason, storing
// nothing; national tables and indicator values come in from CSV and feed the statuses.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { parsePlanFile } from '../../src/domain/plans/plan-file.js';
import { planStatuses } from '../../src/domain/plans/target-status.js';
import { importIndicatorValues } from '../../src/services/plans/indicators.js';
import { importNationalTable } from '../../src/services/plans/national-tables.js';
import { planFacts } from '../../src/services/plans/plan-facts.js';
import { importPlan } from '../../src/services/plans/plan-import.js';
import { allPlans, loadPlan } from '../../src/services/plans/plan-store.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

const actor = { userId: null, label: 'test', role: 'analyst' as const };
const shipped = readdirSync('plans').filter((f) => f.endsWith('.json'));
const planJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`plans/${file}`, 'utf8'));

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

async function refusal(value: unknown): Promise<DomainError> {
  try {
    await importPlan(env.ctx, value, actor);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('the import was accepted');
}

describe('the plans shipped in plans/', () => {
  it('are the five seed plans', () => {
    expect(shipped.sort()).toEqual([
      'bac-giang-2022.json',
      'bac-giang-2024.json',
      'bac-kan-2024.json',
      'lang-son-2022.json',
      'quang-tri-2023-2025.json',
    ]);
  });

  it.each(shipped)('%s cites a seed line for every target', (file) => {
    const plan = planJson(file);
    expect(String(plan['source'])).toMatch(/^shared\/seeds\/00\d_[0-9a-f]{16}\.txt$/);
    for (const t of plan['targets'] as { line?: unknown }[]) expect(t.line).toEqual(expect.any(Number));
  });

  it('all import without error and read back as written', async () => {
    for (const file of shipped) {
      const value = planJson(file);
      const { code, targets } = await importPlan(env.ctx, value, actor);
      expect(code).toBe(value['code']);
      const parsed = parsePlanFile(value).plan?.plan;
      const stored = await loadPlan(env.ctx, code);
      expect(targets).toBe(parsed?.targets.length);
      const byName = (name: string) => stored.departments.find(name)?.code;
      expect(stored.plan.targets.map((t) => [t.row, t.subject, t.aim, t.year, t.lead, [...t.support].sort()])).toEqual(
        parsed?.targets.map((t) => [t.row, t.subject, t.aim, t.year, byName(t.lead), t.support.map(byName).sort()]),
      );
    }
    expect((await allPlans(env.ctx)).map((p) => p.code).sort()).toEqual(
      shipped.map((f) => f.replace('.json', '')).sort(),
    );
  });

  it('refuses a second import under the same code unless asked to replace it', async () => {
    const value = planJson('bac-kan-2024.json');
    expect((await refusal(value)).code).toBe('plan_code_taken');
    await expect(importPlan(env.ctx, value, actor, { replace: true })).resolves.toEqual({
      code: 'bac-kan-2024',
      targets: 4,
    });
  });
});

describe('a bad plan is refused whole, with the row and the reason', () => {
  const base = {
    code: 'bad-plan',
    name: 'Kế hoạch thử',
    province: 'Tỉnh Thử',
    issuer: 'UBND tỉnh Thử',
    startYear: 2026,
    endYear: 2026,
    indicators: [{ code: 'bad-plan-ind', name: 'Chỉ tiêu thử', unit: '%', owner: 'Sở Nội vụ', direction: 'higher' }],
    targets: [{ label: 'ok', index: 'SIPAS', kind: 'above', value: 90, year: 2026, lead: 'Sở Nội vụ', line: 1 }],
  };
  const withRow = (row: Record<string, unknown>) => ({
    ...base,
    targets: [...base.targets, { label: 'bad', year: 2026, lead: 'Sở Nội vụ', line: 7, ...row }],
  });

  it.each([
    ['an unknown node', { index: 'PAPI', node: '9.1', kind: 'keep' }, 'node', 'PAPI has no node "9.1"'],
    ['an unknown owner', { index: 'PAPI', kind: 'keep', lead: 'Sở Không Có' }, 'lead', 'no department "Sở Không Có"'],
    [
      'a relative target without a baseline',
      { index: 'SIPAS', kind: 'relative', percent: 10 },
      'baseline',
      'needs baseline',
    ],
    [
      'a rank target without published results',
      { index: 'PAR', node: '3', kind: 'rank', atMost: 10 },
      'kind',
      'published results',
    ],
    [
      'an unknown indicator',
      { indicator: 'no-such', kind: 'at_least', value: 1 },
      'indicator',
      'no administrative indicator',
    ],
    [
      'an unknown rule level',
      { index: 'PAPI', kind: 'rule', children: 'chapter', then: { kind: 'keep' } },
      'children',
      'no level',
    ],
  ])('%s', async (_name, row, field, reason) => {
    const err = await refusal(withRow(row));
    expect(err.code).toBe('invalid_plan');
    expect(err.details).toEqual([
      expect.objectContaining({ field, row: 2, sourceLine: 7, message: expect.stringContaining('row 2 (line 7): ') }),
    ]);
    expect(err.details[0]?.message).toContain(reason);
    expect((await allPlans(env.ctx)).some((p) => p.code === 'bad-plan')).toBe(false);
    const indicators = await env.ctx.db
      .selectFrom('indicators')
      .select('code')
      .where('code', '=', 'bad-plan-ind')
      .execute();
    expect(indicators).toEqual([]);
  });

  it('names every bad row of a file at once', async () => {
    const err = await refusal({
      ...base,
      targets: [
        ...base.targets,
        { label: 'a', index: 'PAPI', node: '9', kind: 'keep', year: 2026, lead: 'Sở Nội vụ' },
        { label: 'b', index: 'PAPI', kind: 'keep', year: 2026, lead: 'Sở Nội vụ', support: ['Phòng Không Có'] },
      ],
    });
    expect(err.details.map((d) => [d['row'], d.field])).toEqual([
      [2, 'node'],
      [3, 'support'],
    ]);
  });

  it('accepts a rank target once the national table holds the year before', async () => {
    const csv = [
      'year,index,province,node,score',
      '2025,PAR,Tỉnh Thử,overall,88',
      '2025,PAR,Tỉnh Khác,overall,90',
    ].join('\n');
    expect(await importNationalTable(env.ctx, csv, actor)).toEqual({
      rows: 2,
      tables: [{ year: 2025, index: 'PAR', provinces: 2 }],
    });
    await expect(
      importPlan(env.ctx, withRow({ index: 'PAR', node: '3', kind: 'rank', atMost: 10 }), actor),
    ).resolves.toEqual({
      code: 'bad-plan',
      targets: 2,
    });
  });
});

describe('national tables and indicators feed the statuses', () => {
  it('judges Bắc Giang 2024 against a national table and an indicator value', async () => {
    const table = [
      'year,index,province,node,score,rank,group,provinces',
      '2024,PAR,Bắc Giang,overall,92.1,6,,63',
      '2024,PAR,Bắc Giang,3,88,18,,63',
      '2024,SIPAS,Bắc Giang,overall,90.00,25,,63',
      '2024,PAPI,Bắc Giang,overall,45.1,,Cao nhất,',
    ].join('\n');
    expect((await importNationalTable(env.ctx, table, actor)).rows).toBe(4);
    expect(
      await importIndicatorValues(
        env.ctx,
        'indicator,period,value\nhs-truoc-han,2024-06,38\nhs-truoc-han,2024-09,41\n',
        actor,
      ),
    ).toEqual({ rows: 2 });
    const { plan } = await loadPlan(env.ctx, 'bac-giang-2024');
    const { facts } = await planFacts(env.ctx, plan);
    const byLabel = new Map(planStatuses(plan, facts, 2024).map((s) => [s.target.label, s.evaluation]));
    expect(
      byLabel.get('Chỉ số PAR Index tiếp tục duy trì, nằm trong nhóm 10 tỉnh, thành phố đứng đầu cả nước')?.status,
    ).toBe('met');
    expect(byLabel.get('Lĩnh vực cải cách TTHC tiếp tục xếp trong nhóm 15 tỉnh dẫn đầu')).toMatchObject({
      status: 'missed',
      shortfall: 3,
    });
    // "trên 90%": exactly 90,00% published is not above 90.
    expect(byLabel.get('Chỉ số SIPAS đạt trên 90%')).toMatchObject({ status: 'missed', goal: 90 });
    expect(byLabel.get('Chỉ số SIPAS xếp trong nhóm 20 tỉnh, thành phố đứng đầu cả nước')?.status).toBe('missed');
    expect(byLabel.get('Chỉ số PAPI tiếp tục nằm trong nhóm "Cao nhất" của cả nước')?.status).toBe('met');
    expect(byLabel.get('Hồ sơ TTHC giải quyết trước hạn đạt từ 40% trở lên')).toMatchObject({
      status: 'met',
      current: { value: 41, source: '2024-09' },
    });
    expect(
      byLabel.get('Lĩnh vực cải cách tổ chức bộ máy hành chính tiếp tục xếp trong nhóm 05 tỉnh dẫn đầu'),
    ).toMatchObject({
      status: 'pending',
      pending: 'no_published',
    });
  });

  it('refuses a national table with bad rows, naming the line, and keeps the old one', async () => {
    await expect(
      importNationalTable(
        env.ctx,
        'year,index,province,node,score\n2024,PAR,Bắc Giang,overall,abc\n2024,PAPI,Bắc Giang,9.9,40\n',
        actor,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_national_table',
      details: [{ line: 2, field: 'score', message: '"abc" is not a number' }],
    });
    await expect(
      importNationalTable(env.ctx, 'year,index,province,node,score\n2024,PAPI,Bắc Giang,9.9,40\n', actor),
    ).rejects.toMatchObject({
      details: [{ line: 2, field: 'node', message: 'PAPI has no node "9.9"' }],
    });
    const kept = await env.ctx.db
      .selectFrom('published_results')
      .select('score')
      .where('year', '=', 2024)
      .where('index_code', '=', 'PAR')
      .where('node_code', '=', 'overall')
      .execute();
    expect(kept).toEqual([{ score: 92.1 }]);
  });
});

interface FileTarget {
  label: string;
  index?: string;
  node?: string;
  kind: string;
  children?: string;
  where?: { compare: string; value: number };
  then?: { kind: string; points?: number; percent?: number; compare?: string; baseline?: { year: number } };
  year: number | string;
  lead: string;
  support: string[];
  line: number;
  note?: string;
}

describe('the XLSX layout', () => {
  it('reads into the same plan as the JSON file', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { readPlanWorkbook } = await import('../../src/services/plans/plan-workbook.js');
    const json = planJson('bac-kan-2024.json');
    const wb = new ExcelJS.Workbook();
    const head = wb.addWorksheet('plan');
    for (const key of ['code', 'name', 'province', 'issuer', 'documentNumber', 'startYear', 'endYear', 'source'])
      head.addRow([key, json[key]]);
    for (const note of json['notes'] as string[]) head.addRow(['note', note]);
    const columns = [
      'label',
      'index',
      'node',
      'kind',
      'children',
      'whereCompare',
      'whereValue',
      'thenKind',
      'thenPoints',
      'thenPercent',
      'thenCompare',
      'thenBaselineYear',
      'year',
      'lead',
      'support',
      'line',
      'note',
    ];
    const sheet = wb.addWorksheet('targets');
    sheet.addRow(columns);
    for (const t of json['targets'] as FileTarget[]) {
      sheet.addRow([
        t.label,
        t.index,
        t.node,
        t.kind,
        t.children,
        t.where?.compare,
        t.where?.value,
        t.then?.kind,
        t.then?.points,
        t.then?.percent,
        t.then?.compare,
        t.then?.baseline?.year,
        t.year,
        t.lead,
        t.support.join('; '),
        t.line,
        t.note,
      ]);
    }
    const value = await readPlanWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    const fromXlsx = parsePlanFile(value);
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.plan?.plan).toEqual(parsePlanFile(json).plan?.plan);
  });

  it('refuses a file that is not a workbook', async () => {
    const { readPlanWorkbook } = await import('../../src/services/plans/plan-workbook.js');
    await expect(readPlanWorkbook(new TextEncoder().encode('not a zip'))).rejects.toMatchObject({
      code: 'invalid_plan',
    });
  });
});
