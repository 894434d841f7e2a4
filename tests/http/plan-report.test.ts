// The plan's report: the DOCX download (unzipped and its XML read) and the print page hold the year's results
// with the published figure and rank, the criteria that lost points worst first, each owner's targets with
// status worst first, and the survey's method and sample (n, response rate, design), in administrative style.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicatorValues } from '../../src/services/plans/indicators.js';
import { importNationalTable } from '../../src/services/plans/national-tables.js';
import { importPlan } from '../../src/services/plans/plan-import.js';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { loginWithForm } from '../helpers/csrf.js';
import { docxParagraphs } from '../helpers/docx.js';

let env: TestEnv;
let analyst: request.Agent;
const actor = { userId: null, label: 'test', role: 'admin' as const };

beforeAll(async () => {
  env = await createTestEnv();
  const a = await makeUser(env.ctx, 'analyst');
  analyst = request.agent(env.app);
  await loginWithForm(analyst, a.username, a.password);
  for (const [year, satisfied] of [
    [2023, 0.7],
    [2024, 0.8],
  ] as const) {
    await seedResponses(env.ctx, {
      survey: 'sipas-2024',
      count: 90,
      seed: `report-${year}`,
      date: `${year}-05-10`,
      satisfied,
    });
    await createRound(
      env.ctx,
      {
        code: `sipas-${year}`,
        label: `SIPAS ${year}`,
        survey: 'sipas-2024',
        design: 'srs',
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
      },
      actor,
    );
  }
  await importPlan(env.ctx, JSON.parse(readFileSync('plans/bac-giang-2024.json', 'utf8')), actor);
  await importNationalTable(
    env.ctx,
    [
      'year,index,province,node,score,rank,group,provinces',
      '2024,PAR,Bắc Giang,overall,92.1,6,,63',
      '2024,PAR,Bắc Giang,3,88,18,,63',
      '2024,PAR,Bắc Giang,3.4.1,75,,,',
      '2024,SIPAS,Bắc Giang,overall,84.3,30,,63',
      '2024,PAPI,Bắc Giang,overall,45.1,,Cao nhất,63',
    ].join('\n'),
    actor,
  );
  await importIndicatorValues(env.ctx, 'indicator,period,value\nhs-truoc-han,2024,43\n', actor);
});
afterAll(async () => env.close());

describe('the DOCX report', () => {
  it('downloads as a Word document in administrative layout: A4, Times New Roman, the national heading', async () => {
    const res = await analyst
      .get('/plans/bac-giang-2024/report.docx?year=2024')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="langnghe-bac-giang-2024-2024.docx"');
    const { paragraphs, xml, styles } = await docxParagraphs(res.body as Buffer);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(styles).toContain('w:ascii="Times New Roman"');
    for (const p of [
      'UBND TỈNH BẮC GIANG',
      'SỞ NỘI VỤ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO',
    ])
      expect(paragraphs).toContain(p);
    const sections = [
      'I. KẾT QUẢ CÁC CHỈ SỐ NĂM 2024',
      'II. CÁC TIÊU CHÍ BỊ MẤT ĐIỂM',
      'III. KẾT QUẢ THỰC HIỆN MỤC TIÊU THEO CƠ QUAN',
      'IV. PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT',
    ];
    const at = sections.map((s) => paragraphs.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('holds the year’s results with the published figure and rank, and the survey beside it', async () => {
    const { paragraphs } = await report();
    const summary = paragraphs.find((p) => p.startsWith('Chỉ số PAR Index năm 2024')) ?? '';
    expect(summary).toContain('đạt 92,10%, đứng thứ 6/63 tỉnh, thành phố');
    expect(summary).toContain('Chỉ số SIPAS năm 2024, đạt 84,30%, đứng thứ 30/63');
    expect(summary).toContain('nằm trong nhóm “Cao nhất”');
    const row = rowAfter(paragraphs, 'Chỉ số hài lòng (SIPAS)', 4);
    expect(row[0]).toBe('84,30%');
    expect(row[1]).toBe('30/63');
    expect(row[2]).toMatch(/^\d+,\d\d% \(\d+,\d\d–\d+,\d\d\)$/);
    expect(rowAfter(paragraphs, '– Lĩnh vực 3: Cải cách thủ tục hành chính', 2)).toEqual(['88,00%', '18/63']);
  });

  it('lists the criteria that lost points, worst first', async () => {
    const { paragraphs } = await report();
    const start = paragraphs.indexOf('II. CÁC TIÊU CHÍ BỊ MẤT ĐIỂM');
    const end = paragraphs.indexOf('III. KẾT QUẢ THỰC HIỆN MỤC TIÊU THEO CƠ QUAN');
    const rows = paragraphs.slice(start, end);
    const lost = rows
      .filter((p) => /^\d+,\d\d điểm$/.test(p))
      .map((p) => Number(p.replace(' điểm', '').replace(',', '.')));
    expect(lost.length).toBeGreaterThan(10);
    expect(rows).toContain('PAR Index · Tiêu chí 3.4.1');
    // Worst first by share of the maximum: SIPAS and PAR criteria are out of 100, PAPI's are not here.
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
  });

  it('gives each owner its targets with status, worst first', async () => {
    const { paragraphs } = await report();
    const vp = paragraphs.findIndex((p) => /^\d+\. Văn phòng UBND tỉnh$/.test(p));
    expect(vp).toBeGreaterThan(0);
    const section = paragraphs.slice(
      vp,
      paragraphs.findIndex((p, i) => i > vp && /^\d+\. /.test(p)),
    );
    expect(section).toContain('a) Chủ trì (2 mục tiêu)');
    const missed = section.indexOf('Lĩnh vực cải cách TTHC tiếp tục xếp trong nhóm 15 tỉnh dẫn đầu');
    const met = section.indexOf('Hồ sơ TTHC giải quyết trước hạn đạt từ 40% trở lên');
    expect(missed).toBeGreaterThan(0);
    expect(met).toBeGreaterThan(missed);
    expect(section).toContain('Không đạt');
    expect(section).toContain('thứ 18/63');
    expect(section).toContain('thiếu 3 bậc');
    expect(section).toContain('b) Phối hợp (1 mục tiêu)');
  });

  it('says how the survey was made: n, response rate and design', async () => {
    const { paragraphs } = await report();
    const method = paragraphs.find((p) => p.startsWith('Khảo sát SIPAS năm 2024')) ?? '';
    expect(method).toContain('n = 90 người trả lời');
    expect(method).toContain('tỷ lệ trả lời không tính được (mẫu không theo lần chọn mẫu của hệ thống)');
    expect(method).toContain('thiết kế mẫu ngẫu nhiên đơn giản, 1 tầng, 90 đơn vị mẫu cấp 1 (PSU), bậc tự do 89');
  });

  it('is audited, and the print page says the same', async () => {
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'plan.report')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]?.target).toBe('plan:bac-giang-2024');
    const page = await analyst.get('/plans/bac-giang-2024/print?year=2024');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="report-title">BÁO CÁO</h1>');
    expect(page.text).toContain('đạt 92,10%, đứng thứ 6/63 tỉnh, thành phố');
    expect(page.text).toContain('n = 90 người trả lời');
    expect((await analyst.get('/plans/no-such-plan/report.docx')).status).toBe(404);
  });
});

async function report() {
  const res = await analyst
    .get('/plans/bac-giang-2024/report.docx?year=2024')
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return docxParagraphs(res.body as Buffer);
}

/** The n table cells after a row's first cell (each cell is one paragraph). */
function rowAfter(paragraphs: string[], first: string, n: number): string[] {
  const i = paragraphs.indexOf(first);
  expect(i, first).toBeGreaterThan(0);
  return paragraphs.slice(i + 1, i + 1 + n);
}
