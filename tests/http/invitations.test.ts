// Invitation surveys of officials by list: a participant list with bad rows is refused with line numbers and
// nothing created; each participant's link saves and resumes, submits once; the answers are stored apart from
// the name (no reference, day-only timestamps); the round shows response rates per group and a reminder list;
// no page or download an analyst can open carries a participant's name or contact.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';
import { docxParagraphs } from '../helpers/docx.js';
import JSZip from 'jszip';

let env: TestEnv;
let admin: request.Agent;
let analyst: request.Agent;
const list = [
  'name,email_or_phone,organisation,role,group',
  'Nguyễn Văn Lãnh,lanh.nv@bacgiang.gov.vn,Sở Nội vụ,Giám đốc,lãnh đạo sở',
  'Trần Thị Quản,0912 345 678,UBND huyện Yên Thế,Phó Chủ tịch,lãnh đạo huyện',
  '"Lê Văn Đại, Biểu",+84987654321,HĐND tỉnh,Đại biểu,đại biểu HĐND',
].join('\n');
const fullAnswers = Object.fromEntries(
  Array.from({ length: 8 }, (_, f) => Array.from({ length: 3 }, (_, i) => [`i${f + 1}_${i + 1}`, 4])).flat(),
);

async function createRound(code: string, csv: string) {
  const page = await admin.get('/admin/invitations');
  return admin
    .post('/admin/invitations')
    .field('_csrf', csrfFrom(page.text))
    .field('code', code)
    .field('label', 'Khảo sát lãnh đạo 2024')
    .field('survey', 'par-officials')
    .attach('file', Buffer.from(csv, 'utf8'), 'danh-sach.csv');
}
const count = async (table: 'responses' | 'invitation_rounds') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await createTestEnv({ PUBLIC_URL: 'https://khaosat.example.vn' });
  admin = request.agent(env.app);
  const a = await makeUser(env.ctx, 'admin');
  await loginWithForm(admin, a.username, a.password);
  analyst = request.agent(env.app);
  const b = await makeUser(env.ctx, 'analyst');
  await loginWithForm(analyst, b.username, b.password);
});
afterAll(async () => env.close());

describe('participant lists', () => {
  it('refuses duplicate contacts and bad rows with their line numbers, creating nothing', async () => {
    const bad = [
      'name,email_or_phone,organisation,role,group',
      'A,a@x.vn,Sở,GĐ,g1',
      ',b@x.vn,Sở,GĐ,g1',
      'C,not-a-contact,Sở,GĐ,g1',
      'D,A@X.VN,Sở,GĐ,g1',
      'E,0912345678,Sở,GĐ,',
    ].join('\n');
    const res = await createRound('BAD-1', bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Danh sách người được mời có lỗi; chưa tạo gì.');
    for (const line of ['3', '4', '5', '6']) expect(res.text).toMatch(new RegExp(`(dòng|line) ${line}\\b`));
    expect(await count('invitation_rounds')).toBe(0);
  });
});

describe('an invitation round', () => {
  let links: string[] = [];
  it('is created from the list and gives a mail-merge CSV with one personal link each', async () => {
    const res = await createRound('PAR-2024', list);
    expect(res.status).toBe(303);
    const csv = await admin.get('/admin/invitations/PAR-2024/mail-merge.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('"Lê Văn Đại, Biểu",0987654321');
    links = lines.slice(1).map((l) => /https:\/\/khaosat\.example\.vn(\/i\/[A-Za-z0-9_-]{32})/.exec(l)![1]!);
    expect(new Set(links).size).toBe(3);
  });

  it('saves and resumes a draft, then submits once', async () => {
    const token = links[0]!.slice(3);
    const opened = await request(env.app).get(`/api/v1/invitations/${token}`);
    expect(opened.body).toMatchObject({ survey: 'par-officials', submitted: false, draft: {} });
    const saved = await request(env.app)
      .put(`/api/v1/invitations/${token}/draft`)
      .send({ answers: { i1_1: 5 } });
    expect(saved.status).toBe(204);
    expect((await request(env.app).get(`/api/v1/invitations/${token}`)).body.draft).toEqual({ i1_1: 5 });
    const incomplete = await request(env.app)
      .post(`/api/v1/invitations/${token}/submit`)
      .send({ answers: { i1_1: 5 } });
    expect(incomplete.status).toBe(422);
    expect(await count('responses')).toBe(0);
    const done = await request(env.app)
      .post(`/api/v1/invitations/${token}/submit`)
      .send({ answers: { ...fullAnswers, comment: 'Cần đẩy mạnh chuyển đổi số' } });
    expect(done.status).toBe(201);
    const again = await request(env.app).post(`/api/v1/invitations/${token}/submit`).send({ answers: fullAnswers });
    expect([again.status, again.body.error.code]).toEqual([410, 'invitation_used']);
    const draftAfter = await request(env.app).put(`/api/v1/invitations/${token}/draft`).send({ answers: {} });
    expect(draftAfter.status).toBe(410);
    expect((await request(env.app).get(`/api/v1/invitations/${token}`)).body).toMatchObject({
      submitted: true,
      draft: {},
    });
    expect(await count('responses')).toBe(1);
  });

  it('stores the answers apart from the participant: no reference, group and day only', async () => {
    const row = await env.ctx.db
      .selectFrom('responses')
      .selectAll()
      .where('source', '=', 'invitation')
      .executeTakeFirstOrThrow();
    expect(row.respondent_group).toBe('lãnh đạo sở');
    expect(row.collected_by).toBeNull();
    // The start of the local day, not the instant of submission (the test clock is 08:00 UTC, 15:00 in Vietnam).
    expect(row.received_at).toBe('2026-11-22T17:00:00.000Z');
    expect(row.completed_at).toBe(row.received_at);
    const stored = JSON.stringify(row);
    for (const secret of ['Nguyễn Văn Lãnh', 'lanh.nv@bacgiang.gov.vn', links[0]!.slice(3)])
      expect(stored).not.toContain(secret);
    const participant = await env.ctx.db
      .selectFrom('invitation_participants')
      .selectAll()
      .where('contact', '=', 'lanh.nv@bacgiang.gov.vn')
      .executeTakeFirstOrThrow();
    expect(participant.draft_json).toBeNull();
    expect(participant.submitted_day).toBe('2026-11-23');
    expect(JSON.stringify(participant)).not.toContain(row.id);
  });

  it('shows response rates per group and the reminder list of those who have not answered', async () => {
    const page = await admin.get('/admin/invitations/PAR-2024');
    expect(page.status).toBe(200);
    const rates = page.text.slice(page.text.indexOf('id="group-rates"'), page.text.indexOf('id="reminders"'));
    expect(rates).toMatch(/lãnh đạo sở<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">100,00%/);
    expect(rates).toMatch(/Tất cả<\/th><td class="num">3<\/td><td class="num">1<\/td><td class="num">33,33%/);
    const reminders = page.text.slice(page.text.indexOf('id="reminders"'));
    expect(reminders).toContain('Trần Thị Quản');
    expect(reminders).not.toContain('Nguyễn Văn Lãnh');
  });

  it('prints a letter with a QR code for each participant who has not answered', async () => {
    const letters = await admin.get('/admin/invitations/PAR-2024/letters');
    expect(letters.status).toBe(200);
    expect(letters.text.match(/<article class="letter">/g)).toHaveLength(2);
    expect(letters.text).toContain('Kính gửi: <strong>Trần Thị Quản</strong>');
    expect(letters.text).not.toContain('Nguyễn Văn Lãnh');
    expect(letters.text).toMatch(/<img class="letter-qr" src="data:image\/svg\+xml;base64,/);
    expect(letters.text).toContain(`https://khaosat.example.vn${links[1]}`);
  });

  it('gives the letters as a DOCX: one page each with its own link and QR code, nothing of anyone else', async () => {
    await createRound('OTHER-2024', 'name,email_or_phone,organisation,role,group\nPhạm Thị Khác,khac@x.vn,Sở,GĐ,g9');
    const res = await admin
      .get('/admin/invitations/PAR-2024/letters.docx')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    const bytes = res.body as Buffer;
    const { xml } = await docxParagraphs(bytes);
    // Pages begin at the paragraphs that break before them; the first page has no break.
    const pages = xml.split('<w:pageBreakBefore/>');
    expect(pages).toHaveLength(2);
    const people = [
      { name: 'Trần Thị Quản', link: `https://khaosat.example.vn${links[1]}` },
      { name: 'Lê Văn Đại, Biểu', link: `https://khaosat.example.vn${links[2]}` },
    ];
    people.forEach((p, k) => {
      const page = pages[k]!;
      expect(page).toContain(p.name);
      expect(page).toContain(p.link);
      const other = people[1 - k]!;
      expect(page).not.toContain(other.name);
      expect(page).not.toContain(other.link);
    });
    // Neither who has answered (Nguyễn Văn Lãnh) nor another round's participant is in the document.
    for (const absent of ['Nguyễn Văn Lãnh', 'lanh.nv@bacgiang.gov.vn', links[0]!, 'Phạm Thị Khác', 'khac@x.vn'])
      expect(xml).not.toContain(absent);
    const zip = await JSZip.loadAsync(bytes);
    const images = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(images).toHaveLength(2);
    const png = await zip.file(images[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'invitation.letters_export')
      .execute();
    expect(audit).toEqual([{ action: 'invitation.letters_export', target: 'invitation_round:PAR-2024' }]);
  });

  it('refuses unknown tokens and hostile bodies with a code and a field', async () => {
    const unknown = await request(env.app).get(`/api/v1/invitations/${'x'.repeat(32)}`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'invitation_not_found']);
    const token = links[1]!.slice(3);
    const extra = await request(env.app).put(`/api/v1/invitations/${token}/draft`).send({ answers: {}, name: 'x' });
    expect(extra.status).toBe(400);
    const notMap = await request(env.app)
      .put(`/api/v1/invitations/${token}/draft`)
      .send({ answers: [1, 2] });
    expect([notMap.status, notMap.body.error.details[0].field]).toEqual([400, 'answers']);
    const unknownKey = await request(env.app)
      .put(`/api/v1/invitations/${token}/draft`)
      .send({ answers: { i1_1: 4, stash: 'arbitrary data' } });
    expect([unknownKey.status, unknownKey.body.error.code, unknownKey.body.error.details[0].question]).toEqual([
      422,
      'invalid_answers',
      'stash',
    ]);
    const many = await request(env.app)
      .put(`/api/v1/invitations/${token}/draft`)
      .send({ answers: Object.fromEntries(Array.from({ length: 5000 }, (_, k) => [`k${k}`, 1])) });
    expect([many.status, many.body.error.details[0].code]).toEqual([422, 'too_many_answers']);
    const kept = await env.ctx.db
      .selectFrom('invitation_participants')
      .select('draft_json')
      .where('token', '=', token)
      .executeTakeFirstOrThrow();
    expect(kept.draft_json).toBeNull();
    const huge = await request(env.app)
      .put(`/api/v1/invitations/${token}/draft`)
      .send({ answers: { comment: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect((await request(env.app).post('/admin/invitations').send({})).status).toBeGreaterThanOrEqual(400);
  });

  it('shows no summary of answers until five have answered, only the rates and why', async () => {
    const page = await analyst.get('/results/invitations/PAR-2024');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="census-note"');
    expect(page.text).toContain('Không tính khoảng tin cậy');
    expect(page.text).toMatch(/id="too-few">Chưa hiển thị kết quả: cần ít nhất 5 người trả lời[^<]*\(hiện có 1\)/);
    expect(page.text).not.toContain('id="field-summary"');
    const csv = await analyst.get('/results/invitations/PAR-2024/summary.csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
  });

  it('summarises the answers per field and item, as answered and reweighted to the list’s groups', async () => {
    const people = [
      ...['a', 'b', 'c', 'd'].map((x) => `Sở ${x},so-${x}@x.vn,Sở,GĐ,sở`),
      ...['e', 'f', 'g'].map((x) => `Huyện ${x},huyen-${x}@x.vn,Huyện,CT,huyện`),
    ];
    expect(
      (await createRound('SUM-2024', ['name,email_or_phone,organisation,role,group', ...people].join('\n'))).status,
    ).toBe(303);
    const csv = await admin.get('/admin/invitations/SUM-2024/mail-merge.csv');
    const tokens = [...csv.text.matchAll(/\/i\/([A-Za-z0-9_-]{32})/g)].map((m) => m[1]!);
    // Three of the four in 'sở' (i1_1 = 5, 5, 4) and two of the three in 'huyện' (2, 3); every other item 4.
    const given: [number, number][] = [
      [0, 5],
      [1, 5],
      [2, 4],
      [4, 2],
      [5, 3],
    ];
    for (const [k, v] of given) {
      const res = await request(env.app)
        .post(`/api/v1/invitations/${tokens[k]}/submit`)
        .send({ answers: { ...fullAnswers, i1_1: v } });
      expect(res.status).toBe(201);
    }
    const page = await analyst.get('/results/invitations/SUM-2024');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="no-reweight"');
    const table = page.text.slice(page.text.indexOf('id="field-summary"'));
    // Field 1: respondents' averages 13/3, 13/3, 4, 10/3, 11/3 → 3,93; weights 4/3 (sở) and 3/2 (huyện) → 3,91.
    // Good/Very good per respondent 1, 1, 1, 2/3, 2/3 → 86,7%; reweighted 6/7 → 85,7%.
    const cells = (v: string, w: string) => `<td class="num">${v}<br><small class="reweighted">${w}</small></td>`;
    expect(table).toContain(
      `chỉ đạo, điều hành cải cách hành chính</th>${cells('3,93', '3,91')}${cells('86,7%', '85,7%')}`,
    );
    expect(table).toContain(`2. Cải cách thể chế</th>${cells('4,00', '4,00')}${cells('100,0%', '100,0%')}`);
    const download = await analyst.get('/results/invitations/SUM-2024/summary.csv');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/text\/csv/);
    const item = download.text.split('\r\n').find((l) => l.startsWith('item,i1_1,'))!;
    // 19/5 = 3.8 as answered; (4/3·14 + 3/2·5) / 7 reweighted; 3/5 and 4/7 Good/Very good.
    expect(item.split(',').slice(-7)).toEqual([
      '5',
      '0',
      '3.8000',
      '3.7381',
      '0.6000',
      '0.5714',
      '1:0 2:1 3:1 4:1 5:2',
    ]);
  });

  it('leaves no participant name or contact in any page or download an analyst can open', async () => {
    const pages = [
      '/results',
      '/results/kiosk',
      '/results/kiosk?channel=qr',
      '/results/kiosk?channel=link',
      '/results/invitations/PAR-2024',
      '/results/invitations/PAR-2024/summary.csv',
      '/results/invitations/SUM-2024',
      '/results/invitations/SUM-2024/summary.csv',
      '/results/invitations/SUM-2024/summary.csv?lang=en',
    ];
    for (const path of pages) {
      const res = await analyst.get(path);
      expect(res.status, path).toBe(200);
      for (const secret of [
        'Nguyễn Văn Lãnh',
        'lanh.nv@bacgiang.gov.vn',
        'Trần Thị Quản',
        '0912345678',
        'Sở a',
        'so-a@x.vn',
      ])
        expect(res.text, path).not.toContain(secret);
      // Nor any personal link.
      expect(res.text, path).not.toMatch(/\/i\/[A-Za-z0-9_-]{32}/);
    }
    expect((await analyst.get('/admin/invitations/PAR-2024')).status).toBe(403);
    expect((await analyst.get('/admin/invitations/PAR-2024/mail-merge.csv')).status).toBe(403);
  });
});
