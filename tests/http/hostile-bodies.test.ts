// Bodies a client can break on purpose answer 400 with a code and store nothing, never 500 (attack run,
// finding 10): a body that does not match its Content-Encoding, and a truncated or malformed multipart form.
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';
import { csrfFrom, loginWithForm } from '../helpers/csrf.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('a body that does not match its Content-Encoding', () => {
  it.each([
    ['gzip', Buffer.from('{"username":"a","password":"b"}')],
    ['deflate', Buffer.from('not deflated')],
    ['br', Buffer.from('xx')],
    ['gzip', gzipSync('{"username":"a","password":"b"}').subarray(0, 12)],
  ])('%s with a broken body answers 400 invalid_request naming the body', async (encoding, body) => {
    const res = await request(env.app)
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details[0].field).toBe('body');
  });
});

describe('a broken multipart upload', () => {
  let admin: request.Agent;
  let token = '';
  const frames = async () => (await env.ctx.db.selectFrom('frames').select('id').execute()).length;
  beforeAll(async () => {
    const user = await makeUser(env.ctx, 'admin');
    admin = request.agent(env.app);
    await loginWithForm(admin, user.username, user.password);
    token = csrfFrom((await admin.get('/admin')).text);
  });

  const part = (name: string, value: string, file = false) =>
    `--B\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="f.csv"\r\nContent-Type: text/csv' : ''}` +
    `\r\n\r\n${value}\r\n`;

  it('answers 400 for a form cut off in the middle of the file, and imports nothing', async () => {
    const body = part('_csrf', token) + part('file', 'level,code,name,parent_code,population,is_seat\nprov', true);
    const res = await admin
      .post('/admin/frames')
      .set('Content-Type', 'multipart/form-data; boundary=B')
      .set('Accept', 'application/json')
      .send(body.slice(0, -8));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details[0].field).toBe('file');
    expect(await frames()).toBe(0);
  });

  it('answers 400 for a multipart body without a boundary', async () => {
    const res = await admin
      .post('/admin/frames')
      .set('Content-Type', 'multipart/form-data')
      .set('Accept', 'application/json')
      .send('garbage');
    expect(res.status).toBe(400);
    expect(await frames()).toBe(0);
  });

  it('refuses a frame that is not UTF-8 with the line of the first bad byte, and imports nothing', async () => {
    const csv = Buffer.concat([
      Buffer.from('level,code,name,parent_code,population,is_seat\nprovince,P1,T', 'utf8'),
      Buffer.from([0xec, 0x6e, 0x68]),
      Buffer.from(',,1000,0\n', 'utf8'),
    ]);
    const res = await admin
      .post('/admin/frames')
      .field('_csrf', token)
      .attach('file', csv, { filename: 'frame.csv', contentType: 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/dòng 2:.*UTF-8/);
    expect(await frames()).toBe(0);
  });

  const uploadFrame = (csv: string) =>
    admin
      .post('/admin/frames')
      .field('_csrf', token)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'frame.csv', contentType: 'text/csv' });

  it('lists the first 100 problems of a bad frame and counts the rest, on a short page', async () => {
    const header = 'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\n';
    const bad = Array.from({ length: 3000 }, (_, i) => `district,D${i},Huyện ${i},P9,-5,1`).join('\n');
    const res = await uploadFrame(header + bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain('dòng 3:');
    expect(res.text).toMatch(/và \d+ lỗi khác|and \d+ more problems/);
    expect(res.text.length).toBeLessThan(100_000);
    expect(await frames()).toBe(0);
  });

  it('stops reading a large frame whose first rows already hold a page of problems, and says where', async () => {
    const header = 'level,code,name,parent_code,population,is_seat\nprovince,P1,Tỉnh X,,1000,0\n';
    const bad = Array.from({ length: 40_000 }, (_, i) => `district,D${i},Huyện ${i},P9,-5,1`).join('\n');
    const res = await uploadFrame(header + bad);
    expect(res.status).toBe(422);
    expect(res.text).toContain('dòng 3:');
    expect(res.text).toMatch(/Đã dừng đọc sau dòng 2[.,]?001/);
    expect(res.text).not.toContain('dòng 2002:');
    expect(await frames()).toBe(0);
  });

  it('reads a large frame to its end when its first rows are sound, and reports a problem near the end', async () => {
    const villages = Array.from({ length: 2_500 }, (_, i) => `village,V${i},Thôn ${i},C1,10,${i === 0 ? 1 : 0}`);
    villages[2_400] = 'village,V2400,Thôn 2400,C1,-10,0';
    const csv = [
      'level,code,name,parent_code,population,is_seat',
      'province,P1,Tỉnh X,,1000,0',
      'commune,C1,Xã 1,P1,1000,1',
      ...villages,
    ].join('\n');
    const res = await uploadFrame(csv);
    expect(res.status).toBe(422);
    expect(res.text).toContain('dòng 2404:');
    expect(res.text).not.toContain('Đã dừng đọc');
    expect(await frames()).toBe(0);
  });

  it('refuses a frame over the row limit without reading it all', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `village,V${i},Thôn ${i},C1,10,0`).join('\n');
    const res = await uploadFrame(`level,code,name,parent_code,population,is_seat\n${rows}\n`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('50.000 dòng');
    expect(await frames()).toBe(0);
  });
});
