// XLSForm over HTTP against a real migrated database: the preview page's download (an XLSX that imports back to the
// same questionnaire), and the admin import page: a valid form is stored as a new version (or only checked), a bad
// one is a 422 naming the sheet, row and column in Vietnamese (English with ?lang=en), with nothing stored.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { readSurveyDirectory, storedImports } from '../../src/services/surveys/registry.js';
import { importXlsFormFile } from '../../src/services/surveys/xlsform-import.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { matrixXlsForm } from '../security/xlsform-fixture.js';

let env: TestEnv;
let admin: request.Agent;

beforeAll(async () => {
  env = await createTestEnv();
  const a = await makeUser(env.ctx, 'admin');
  admin = request.agent(env.app);
  await loginWithForm(admin, a.username, a.password);
});
afterAll(async () => env.close());

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function upload(content: Buffer, fields: Record<string, string>) {
  const page = await admin.get('/admin/surveys/import');
  let req = admin.post('/admin/surveys/import').field('_csrf', csrfFrom(page.text));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', content, { filename: 'form.xlsx' });
}

async function surveyVersionCount(): Promise<number> {
  const row = await env.ctx.db
    .selectFrom('survey_definitions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('GET /surveys/:code/xlsform', () => {
  it('downloads the questionnaire as an XLSForm that imports back to the same questions', async () => {
    const preview = await request(env.app).get('/surveys/sipas-2024/preview');
    expect(preview.text).toContain('href="/surveys/sipas-2024/xlsform?version=2024.1"');
    const res = await request(env.app).get('/surveys/sipas-2024/xlsform?version=2024.1').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('sipas-2024-2024.1.xlsx');
    const back = await importXlsFormFile(
      res.body as Buffer,
      { code: 'sipas-2024', version: '2024.1' },
      { thread: 'inline' },
    );
    const original = env.ctx.surveys.current('sipas-2024').questionnaire.definition;
    expect(back.definition.sections.flatMap((s) => s.questions.map((q) => q.id))).toEqual(
      original.sections.flatMap((s) => s.questions.map((q) => q.id)),
    );
  });

  it('answers 404 with its code for an unknown questionnaire or version', async () => {
    const res = await request(env.app)
      .get('/surveys/sipas-2024/xlsform?version=1999.9')
      .set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('survey_version_not_found');
  });
});

describe('POST /admin/surveys/import', () => {
  it('links a template to start from, which downloads and imports back as it is', async () => {
    const page = await admin.get('/admin/surveys/import');
    const href = /id="xlsform-template" href="([^"]+)"/.exec(page.text)?.[1];
    expect(href).toBe('/surveys/demo-service/xlsform');
    const file = await admin
      .get(href ?? '')
      .buffer(true)
      .parse(binary);
    expect(file.status).toBe(200);
    const back = await importXlsFormFile(file.body as Buffer, { code: 'mau', version: '1' }, { thread: 'inline' });
    expect(back.definition.sections).toEqual(env.ctx.surveys.current('demo-service').questionnaire.definition.sections);
  });

  it('checks a valid XLSForm and shows its definition, storing nothing, when only a check is asked', async () => {
    const before = await surveyVersionCount();
    const res = await upload(matrixXlsForm, { code: 'thu-nghiem', version: '2025.1', action: 'check' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<code>thu-nghiem@2025.1</code>');
    expect(res.text).toContain('&#34;id&#34;: &#34;q1&#34;');
    expect(await surveyVersionCount()).toBe(before);
    expect(() => env.ctx.surveys.current('thu-nghiem')).toThrow();
  });

  it('stores a valid XLSForm as a new version (audited, fieldable at once, adopted again at start-up)', async () => {
    const before = await surveyVersionCount();
    const res = await upload(matrixXlsForm, { code: 'thu-luu', version: '2025.1' });
    expect(res.status).toBe(201);
    expect(res.text).toContain('Đã lưu bộ câu hỏi');
    expect(res.text).toContain('href="/surveys/thu-luu/preview"');
    expect(await surveyVersionCount()).toBe(before + 1);
    expect(env.ctx.surveys.current('thu-luu').version).toBe('2025.1');
    const list = await request(env.app).get('/api/v1/surveys');
    expect(list.body).toContainEqual(expect.objectContaining({ code: 'thu-luu', version: '2025.1' }));
    expect((await request(env.app).get('/surveys/thu-luu/preview')).status).toBe(200);
    const audit = await listAuditEntriesByAction(env.ctx.db, 'survey.imported');
    expect(audit.at(-1)).toMatchObject({ target: 'survey:thu-luu@2025.1' });
    const adopted = await storedImports(env.ctx.db, readSurveyDirectory('surveys'));
    expect(adopted.map((s) => `${s.code}@${s.version}`)).toContain('thu-luu@2025.1');

    const newer = await upload(matrixXlsForm, { code: 'thu-luu', version: '2025.2' });
    expect(newer.status).toBe(201);
    expect(env.ctx.surveys.current('thu-luu').version).toBe('2025.2');
    expect((await env.ctx.surveys.version('thu-luu', '2025.1')).version).toBe('2025.1');
  });

  it('refuses a version that exists, storing nothing', async () => {
    await upload(matrixXlsForm, { code: 'thu-trung', version: '1' });
    const before = await surveyVersionCount();
    const again = await upload(matrixXlsForm, { code: 'thu-trung', version: '1' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Bộ câu hỏi đã có phiên bản này');
    expect(again.text).toContain('thu-trung đã có phiên bản 1.');
    expect(await surveyVersionCount()).toBe(before);
  });

  it('shows each refused cell in Vietnamese, and in English with ?lang=en', async () => {
    const book = new ExcelJS.Workbook();
    book
      .addWorksheet('survey')
      .addRows([
        ['type', 'name', 'label', 'relevant', 'calculation'],
        ['begin_repeat', 'r', 'Lặp'],
        ['end_repeat'],
        ['image', 'anh', 'Ảnh'],
        ['calculate', 'p', undefined, undefined, "pulldata('f', 'c', 'k', 'v')"],
        ['calculate', 'o', undefined, undefined, 'once(today())'],
      ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const before = await surveyVersionCount();
    const vi = await upload(bytes, { code: 'thu-loi', version: '1' });
    expect(vi.status).toBe(422);
    expect(vi.text).toContain('Trang survey, dòng 2, cột type: Không hỗ trợ nhóm lặp (repeat)');
    expect(vi.text).toContain('Trang survey, dòng 4, cột type: Không hỗ trợ ảnh (image).');
    expect(vi.text).toContain('Trang survey, dòng 5, cột calculation: Không hỗ trợ pulldata()');
    expect(vi.text).toContain('Trang survey, dòng 6, cột calculation: Không hỗ trợ once()');
    const page = await admin.get('/admin/surveys/import?lang=en');
    const en = await admin
      .post('/admin/surveys/import?lang=en')
      .field('_csrf', csrfFrom(page.text))
      .field('code', 'thu-loi')
      .field('version', '1')
      .attach('file', bytes, { filename: 'form.xlsx' });
    expect(en.status).toBe(422);
    expect(en.text).toContain('survey, row 4: photos (image) are not supported');
    expect(await surveyVersionCount()).toBe(before);
    await admin.get('/admin/surveys/import?lang=vi');
  });

  it('refuses a form with errors with 422, the code, and each cell (sheet, row, column)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('survey').addRows([
      ['type', 'name', 'label', 'relevant'],
      ['integer', 'a', 'Tuổi'],
      ['geopoint', 'gps', 'Vị trí'],
      ['text', 'b', 'Tên', '${aa} > 1'],
    ]);
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), { code: 'thu', version: '1' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Tệp XLSForm có lỗi; chưa nhập gì.');
    expect(res.text).toContain('<code>type</code> Trang survey, dòng 3, cột type: Không hỗ trợ vị trí (geopoint).');
  });

  it('refuses a file that is not an XLSX, and a missing code, naming the field', async () => {
    const csv = await upload(Buffer.from('type,name\ntext,a\n'), { code: 'thu', version: '1' });
    expect(csv.status).toBe(422);
    expect(csv.text).toContain('Tệp không phải sổ tính XLSX');
    const noCode = await upload(matrixXlsForm, { code: 'Không hợp lệ', version: '1' });
    expect(noCode.status).toBe(400);
    expect(noCode.text).toContain('<code>code</code>');
  });
});
