// XLSForm over HTTP against a real migrated database: the preview page's download (an XLSX that imports back to the
// same questionnaire), and the admin import page: a valid form gives its definition, a bad one a 422 naming the
// sheet, row and column, and nothing is stored either way.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
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
  it('checks a valid XLSForm and shows its definition, storing nothing', async () => {
    const before = await surveyVersionCount();
    const res = await upload(matrixXlsForm, { code: 'thu-nghiem', version: '2025.1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<code>thu-nghiem@2025.1</code>');
    expect(res.text).toContain('&#34;id&#34;: &#34;q1&#34;');
    expect(await surveyVersionCount()).toBe(before);
    expect(() => env.ctx.surveys.current('thu-nghiem')).toThrow();
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
    expect(res.text).toContain('<code>type</code> survey, row 3: locations (geopoint) are not supported');
  });

  it('refuses a file that is not an XLSX, and a missing code, naming the field', async () => {
    const csv = await upload(Buffer.from('type,name\ntext,a\n'), { code: 'thu', version: '1' });
    expect(csv.status).toBe(422);
    expect(csv.text).toContain('not an XLSX workbook');
    const noCode = await upload(matrixXlsForm, { code: 'Không hợp lệ', version: '1' });
    expect(noCode.status).toBe(400);
    expect(noCode.text).toContain('<code>code</code>');
  });
});
