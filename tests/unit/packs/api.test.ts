import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../helpers/context.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const packs = ['sipas-2024', 'papi-2024', 'one-stop-tt01'];

/** Visible text of a page: tags, scripts and styles removed, entities left as they are. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
}

describe('the three packs over HTTP', () => {
  it('GET /api/v1/surveys lists them with their version', async () => {
    const res = await request(env.app).get('/api/v1/surveys');
    expect(res.status).toBe(200);
    const listed = (res.body as { code: string; version: string; kind: string }[]).filter((s) =>
      packs.includes(s.code),
    );
    expect(listed.map((s) => [s.code, s.version, s.kind]).sort()).toEqual([
      ['one-stop-tt01', '2024.1', 'kiosk'],
      ['papi-2024', '2024.1', 'household'],
      ['sipas-2024', '2024.1', 'household'],
    ]);
  });

  it('exposes each framework with codes and labels, enough to draw the bars of a results page', async () => {
    const sipas = await request(env.app).get('/api/v1/surveys/sipas-2024');
    expect(sipas.body.framework.nodes[1].children.map((n: { code: string }) => n.code)).toEqual([
      'II.A',
      'II.B',
      'II.C',
      'II.D',
      'II.E',
    ]);
    expect(sipas.body.scoring).toMatchObject({ method: 'sipas', satisfiedValues: [4, 5] });
    const papi = await request(env.app).get('/api/v1/surveys/papi-2024');
    expect(papi.body.framework.levels.map((l: { key: string }) => l.key)).toEqual([
      'dimension',
      'subdimension',
      'indicator',
    ]);
    expect(papi.body.framework.nodes[3].label).toEqual({
      vi: 'Kiểm soát tham nhũng trong khu vực công',
      en: 'Control of Corruption in the Public Sector',
    });
    expect(papi.body.scoring).toMatchObject({ method: 'papi', overallRange: [8, 80] });
    const kiosk = await request(env.app).get('/api/v1/surveys/one-stop-tt01');
    expect(kiosk.body.framework.nodes).toHaveLength(9);
    expect(kiosk.body.scoring).toMatchObject({ method: 'one_stop', maxTotal: 18 });
  });

  it.each(
    packs.flatMap((code) => [
      [code, 'vi'],
      [code, 'en'],
    ]),
  )('renders the %s preview in %s without words too wide for a 360 px screen', async (code, lang) => {
    const res = await request(env.app).get(`/surveys/${code}/preview?lang=${lang}`);
    expect(res.status).toBe(200);
    const body = visibleText(res.text);
    expect(body).not.toMatch(/undefined|\[object Object\]/);
    const longest = body.split(/\s+/).reduce((a, w) => (w.length > a.length ? w : a), '');
    expect(longest.length, longest).toBeLessThanOrEqual(32);
    if (lang === 'en') expect(body).toMatch(/satisf|Participation|one-stop/i);
    else expect(body).toMatch(/hài lòng|Tham gia|Một cửa/);
  });
});
