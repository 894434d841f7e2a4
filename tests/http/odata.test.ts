// The OData v4 feed over HTTP against a real migrated database, checked against the OData 4.0 JSON format and CSDL:
// the service document, a well-formed $metadata that declares every property of every payload with its type, context
// URLs, $count, $top/$skip, server-driven paging whose pages add up to the whole, $select, refusals (501 for options
// it does not serve, 400 for a bad key or option, 406 for another format), key scopes and revoked keys, and values
// equal to the JSON results of the data feed.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntriesByAction } from '../../src/db/queries/audit.js';
import { createApiKey, revokeApiKey } from '../../src/services/accounts/api-keys.js';
import { createRound } from '../../src/services/results/rounds.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, makeUser, type TestEnv } from '../helpers/context.js';

let env: TestEnv;
let key: string;
let scopedKey: string;
const system = { userId: null, label: 'test', role: 'admin' as const };

async function seed(count: number, seedText: string): Promise<void> {
  await seedResponses(env.ctx, { survey: 'sipas-2024', count, date: '2026-05-10', seed: seedText });
}

const addRound = (code: string, periodStart: string, periodEnd: string) =>
  createRound(
    env.ctx,
    { code, label: `Đợt ${code}`, survey: 'sipas-2024', design: 'srs', periodStart, periodEnd },
    system,
  );

beforeAll(async () => {
  env = await createTestEnv();
  await seed(30, 'odata');
  await addRound('od-a', '2026-01-01', '2026-12-31');
  await addRound('od-b', '2025-01-01', '2025-12-31');
  const analyst = await makeUser(env.ctx, 'analyst');
  key = (await createApiKey(env.ctx, { username: analyst.username, label: 'Power BI' }, system)).key;
  scopedKey = (await createApiKey(env.ctx, { username: analyst.username, rounds: ['od-a'] }, system)).key;
}, 120_000);
afterAll(async () => env.close());

const get = (path: string, bearer = key) => request(env.app).get(path).set('Authorization', `Bearer ${bearer}`);
/** A link from a payload (absolute, on the test server's address) as a path supertest can request. */
const pathOf = (link: string): string => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
type Entity = Record<string, unknown>;

/** Every OData answer says 4.0, and JSON ones carry the OData JSON media type. */
function expectODataJson(res: request.Response): void {
  expect(res.headers['odata-version']).toBe('4.0');
  const type = String(res.headers['content-type']).toLowerCase();
  expect(type.startsWith('application/json')).toBe(true);
  expect(type).toContain('odata.metadata=minimal');
  expect(type).toContain('ieee754compatible=false');
}

/** An OData JSON error: `{ error: { code, message, target?, details?, innererror? } }` and nothing else. */
function expectODataError(res: request.Response, status: number, code: string, target?: string): void {
  expect(res.status).toBe(status);
  expectODataJson(res);
  expect(Object.keys(res.body)).toEqual(['error']);
  const error = res.body.error as Entity;
  expect(Object.keys(error).every((k) => ['code', 'message', 'target', 'details', 'innererror'].includes(k))).toBe(
    true,
  );
  expect(error['code']).toBe(code);
  expect(typeof error['message']).toBe('string');
  if (target !== undefined) expect(error['target']).toBe(target);
  for (const d of (error['details'] as Entity[] | undefined) ?? []) {
    expect(typeof d['code']).toBe('string');
    expect(typeof d['message']).toBe('string');
  }
}

interface CsdlProperty {
  type: string;
  nullable: boolean;
}
interface CsdlModel {
  types: Map<string, { key: string[]; properties: Map<string, CsdlProperty>; navigation: Map<string, Entity> }>;
  sets: Map<string, string>;
  containers: number;
}

const edm = 'http://docs.oasis-open.org/odata/ns/edm';
const edmx = 'http://docs.oasis-open.org/odata/ns/edmx';

/** Parses CSDL XML strictly (a well-formedness or namespace error throws) into its entity types and sets. */
function parseCsdl(xml: string): CsdlModel {
  const model: CsdlModel = { types: new Map(), sets: new Map(), containers: 0 };
  const parser = new SaxesParser({ xmlns: true });
  let current: string | null = null;
  let namespace = '';
  let root = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attr = (name: string): string | undefined => tag.attributes[name]?.value;
    if (!root) root = `${tag.uri} ${tag.local} ${attr('Version')}`;
    if (tag.uri !== edm) return;
    if (tag.local === 'Schema') namespace = attr('Namespace') ?? '';
    if (tag.local === 'EntityType') {
      current = `${namespace}.${attr('Name')}`;
      model.types.set(current, { key: [], properties: new Map(), navigation: new Map() });
    }
    const type = current ? model.types.get(current) : undefined;
    if (tag.local === 'PropertyRef') type?.key.push(attr('Name') ?? '');
    if (tag.local === 'Property')
      type?.properties.set(attr('Name') ?? '', { type: attr('Type') ?? '', nullable: attr('Nullable') !== 'false' });
    if (tag.local === 'NavigationProperty')
      type?.navigation.set(attr('Name') ?? '', { type: attr('Type'), containsTarget: attr('ContainsTarget') });
    if (tag.local === 'EntityContainer') model.containers += 1;
    if (tag.local === 'EntitySet') model.sets.set(attr('Name') ?? '', attr('EntityType') ?? '');
  });
  parser.on('closetag', (tag) => {
    if (tag.local === 'EntityType') current = null;
  });
  parser.write(xml).close();
  expect(root).toBe(`${edmx} Edmx 4.0`);
  return model;
}

/** Whether a JSON value is a valid OData JSON representation of a property of this CSDL type. */
function conforms(value: unknown, p: CsdlProperty): boolean {
  if (value === null) return p.nullable;
  switch (p.type) {
    case 'Edm.String':
      return typeof value === 'string';
    case 'Edm.Double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'Edm.Int64':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'Edm.Boolean':
      return typeof value === 'boolean';
    case 'Edm.Date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    default:
      return false;
  }
}

/**
 * Each property of each entity is declared on the type with a matching type, and (`complete`) each declared one is
 * present.
 */
function expectDeclared(model: CsdlModel, typeName: string, entities: Entity[], complete: boolean): void {
  const type = model.types.get(typeName);
  if (!type) throw new Error(`no entity type ${typeName}`);
  expect(entities.length).toBeGreaterThan(0);
  const wrong: string[] = [];
  for (const e of entities) {
    for (const [name, value] of Object.entries(e)) {
      if (name.startsWith('@')) continue;
      const p = type.properties.get(name);
      if (!p || !conforms(value, p)) wrong.push(`${name}=${JSON.stringify(value)} (${p?.type ?? 'undeclared'})`);
    }
    if (complete)
      expect(
        Object.keys(e)
          .filter((k) => !k.startsWith('@'))
          .sort(),
      ).toEqual([...type.properties.keys()].sort());
  }
  expect(wrong).toEqual([]);
}

/** Follows @odata.nextLink from a first page and returns every page. */
async function allPages(path: string, headers: Record<string, string> = {}): Promise<Entity[]> {
  const pages: Entity[] = [];
  let next: string | undefined = path;
  while (next) {
    const res: request.Response = await get(next).set(headers);
    expect(res.status).toBe(200);
    pages.push(res.body as Entity);
    next = res.body['@odata.nextLink'] ? pathOf(res.body['@odata.nextLink'] as string) : undefined;
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

describe('the OData feed: documents', () => {
  it('serves the service document, listing the rounds entity set', async () => {
    const res = await get('/odata/v1');
    expect(res.status).toBe(200);
    expectODataJson(res);
    expect(res.body['@odata.context']).toMatch(/^http:\/\/[^/]+\/odata\/v1\/\$metadata$/);
    expect(res.body.value).toEqual([{ name: 'rounds', kind: 'EntitySet', url: 'rounds' }]);
    expect((await get('/odata/v1/')).body.value).toEqual(res.body.value);
    expect((await get(`/odata/v1/${res.body.value[0].url}`)).status).toBe(200);
  });

  it('serves $metadata as well-formed CSDL: rounds containing their results, keys not nullable', async () => {
    const res = await get('/odata/v1/$metadata');
    expect(res.status).toBe(200);
    expect(res.headers['odata-version']).toBe('4.0');
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const model = parseCsdl(res.text);
    expect(model.containers).toBe(1);
    expect(model.sets).toEqual(new Map([['rounds', 'LangNghe.Round']]));
    const round = model.types.get('LangNghe.Round');
    const result = model.types.get('LangNghe.Result');
    expect(round?.key).toEqual(['code']);
    expect(result?.key).toEqual(['id']);
    expect(round?.navigation.get('results')).toEqual({ type: 'Collection(LangNghe.Result)', containsTarget: 'true' });
    for (const t of [round, result]) {
      for (const k of t?.key ?? []) expect(t?.properties.get(k)).toEqual({ type: 'Edm.String', nullable: false });
      for (const p of t?.properties.values() ?? [])
        expect(['Edm.String', 'Edm.Double', 'Edm.Int64', 'Edm.Boolean', 'Edm.Date']).toContain(p.type);
    }
    expect(() => parseCsdl(res.text.replace('</EntityContainer>', ''))).toThrow();
  });

  it('declares every property of every payload in $metadata with a matching type, and nothing more', async () => {
    const model = parseCsdl((await get('/odata/v1/$metadata')).text);
    const rounds = await get('/odata/v1/rounds');
    const one = await get("/odata/v1/rounds('od-a')");
    const results = await get("/odata/v1/rounds('od-a')/results");
    const byGender = await get("/odata/v1/rounds('od-a')/results?by=gender");
    for (const res of [rounds, one, results, byGender]) {
      expect(res.status).toBe(200);
      expectODataJson(res);
    }
    expectDeclared(model, 'LangNghe.Round', [...rounds.body.value, one.body], true);
    expectDeclared(model, 'LangNghe.Result', [...results.body.value, ...byGender.body.value], true);
    expect(byGender.body.value.some((r: Entity) => r['domain'] === 'gender')).toBe(true);
    for (const set of [results.body.value, byGender.body.value] as Entity[][])
      expect(new Set(set.map((r) => r['id'])).size).toBe(set.length);
  });

  it('gives the context URL of each payload', async () => {
    const ctxOf = async (path: string) => String((await get(path)).body['@odata.context']);
    expect(await ctxOf('/odata/v1/rounds')).toMatch(/\/odata\/v1\/\$metadata#rounds$/);
    expect(await ctxOf("/odata/v1/rounds('od-a')")).toMatch(/\/odata\/v1\/\$metadata#rounds\/\$entity$/);
    expect(await ctxOf("/odata/v1/rounds('od-a')/results")).toMatch(/\/\$metadata#rounds\('od-a'\)\/results$/);
    expect(await ctxOf('/odata/v1/rounds?$select=code,label')).toMatch(/#rounds\(code,label\)$/);
    expect(await ctxOf("/odata/v1/rounds('od-a')?$select=code")).toMatch(/#rounds\(code\)\/\$entity$/);
  });
});

describe('the OData feed: query options', () => {
  it('counts, skips and takes', async () => {
    const whole = (await get("/odata/v1/rounds('od-a')/results")).body;
    expect(whole['@odata.count']).toBeUndefined();
    expect(whole['@odata.nextLink']).toBeUndefined();
    const counted = await get("/odata/v1/rounds('od-a')/results?$count=true&$top=10&$skip=5");
    expect(counted.body['@odata.count']).toBe(whole.value.length);
    expect(counted.body.value).toEqual(whole.value.slice(5, 15));
    expect(counted.body['@odata.nextLink']).toBeUndefined();
    const rounds = await get('/odata/v1/rounds?$count=true&$top=1');
    expect(rounds.body['@odata.count']).toBe(2);
    expect(rounds.body.value.map((r: Entity) => r['code'])).toEqual(['od-a']);
    expect((await get('/odata/v1/rounds?$skip=1')).body.value.map((r: Entity) => r['code'])).toEqual(['od-b']);
    expect((await get('/odata/v1/rounds?$top=0&$count=true')).body).toMatchObject({ '@odata.count': 2, value: [] });
  });

  it('pages with @odata.nextLink when a page is full, and the pages add up to the whole', async () => {
    const whole = (await get("/odata/v1/rounds('od-a')/results")).body.value as Entity[];
    expect(whole.length).toBeGreaterThan(20);
    const first = await get("/odata/v1/rounds('od-a')/results?$count=true").set('Prefer', 'odata.maxpagesize=7');
    expect(first.headers['preference-applied']).toBe('odata.maxpagesize=7');
    expect(first.body.value).toHaveLength(7);
    expect(first.body['@odata.nextLink']).toMatch(/^http:\/\/.+\/odata\/v1\/rounds\('od-a'\)\/results\?.*%24skip=7/);
    const pages = await allPages("/odata/v1/rounds('od-a')/results?$count=true", { Prefer: 'odata.maxpagesize=7' });
    expect(pages).toHaveLength(Math.ceil(whole.length / 7));
    expect(pages.flatMap((p) => p['value'] as Entity[])).toEqual(whole);
    expect(pages.every((p) => p['@odata.count'] === whole.length)).toBe(true);
    // $top is kept across pages: 10 rows in pages of 4 are 4, 4, 2 and no link after the tenth.
    const topped = await allPages("/odata/v1/rounds('od-a')/results?$top=10&$skip=3&$select=id,estimate", {
      Prefer: 'odata.maxpagesize=4',
    });
    expect(topped.map((p) => (p['value'] as Entity[]).length)).toEqual([4, 4, 2]);
    expect(topped.flatMap((p) => p['value'] as Entity[])).toEqual(
      whole.slice(3, 13).map((r) => ({ id: r['id'], estimate: r['estimate'] })),
    );
    // Without Prefer, the next page follows at the default size (the client need not send it again).
    const rounds = await allPages('/odata/v1/rounds', { Prefer: 'odata.maxpagesize=1' });
    expect(rounds.map((p) => (p['value'] as Entity[]).map((r) => r['code']))).toEqual([['od-a'], ['od-b']]);
    // A Host header that is no host name cannot break the links (nor make a 500).
    const odd = await get('/odata/v1/rounds').set('Host', 'a b').set('Prefer', 'odata.maxpagesize=1');
    expect(odd.status).toBe(200);
    expect(odd.body['@odata.nextLink']).toMatch(/^http:\/\/a b\/odata\/v1\/rounds\?%24skip=1$/);
  });

  it('selects properties; an unknown one is 400', async () => {
    const res = await get("/odata/v1/rounds('od-a')/results?$select=id,estimate,ci_low,ci_high");
    expect(res.status).toBe(200);
    for (const row of res.body.value as Entity[])
      expect(Object.keys(row)).toEqual(['id', 'estimate', 'ci_low', 'ci_high']);
    const all = await get("/odata/v1/rounds('od-a')/results?$select=*");
    expect(all.body.value).toEqual((await get("/odata/v1/rounds('od-a')/results")).body.value);
    expectODataError(await get("/odata/v1/rounds('od-a')/results?$select=id,nope"), 400, 'invalid_request', '$select');
    expectODataError(await get('/odata/v1/rounds?$select=estimate'), 400, 'invalid_request', '$select');
  });

  it('refuses options it does not serve with 501, and malformed ones with 400', async () => {
    for (const option of ["$filter=code eq 'od-a'", '$orderby=code', '$apply=aggregate(n)']) {
      const name = option.split('=')[0] ?? '';
      expectODataError(await get(`/odata/v1/rounds?${encodeURI(option)}`), 501, 'not_implemented', name);
    }
    expectODataError(await get("/odata/v1/rounds('od-a')/results?$filter=n gt 3"), 501, 'not_implemented', '$filter');
    // $expand: a round's results only, without nested options; results have nothing to expand.
    expectODataError(await get('/odata/v1/rounds?$expand=results($select=id)'), 501, 'not_implemented', '$expand');
    expectODataError(await get('/odata/v1/rounds?$expand=owner'), 400, 'invalid_request', '$expand');
    expectODataError(await get("/odata/v1/rounds('od-a')/results?$expand=x"), 501, 'not_implemented', '$expand');
    expectODataError(await get('/odata/v1/rounds?$top=-1'), 400, 'invalid_request', '$top');
    expectODataError(await get('/odata/v1/rounds?$skip=x'), 400, 'invalid_request', '$skip');
    expectODataError(await get('/odata/v1/rounds?$count=yes'), 400, 'invalid_request', '$count');
    expectODataError(await get('/odata/v1/rounds?$top=1&$top=2'), 400, 'invalid_request', '$top');
    expectODataError(await get('/odata/v1/rounds?$nonsense=1'), 400, 'invalid_request', '$nonsense');
    expectODataError(await get("/odata/v1/rounds('od-a')?$top=1"), 400, 'invalid_request', '$top');
    expectODataError(await get('/odata/v1/rounds?$format=xml'), 406, 'not_acceptable', '$format');
    expectODataError(await get('/odata/v1/$metadata?$format=json'), 406, 'not_acceptable', '$format');
    expect((await get('/odata/v1/rounds?$format=json')).status).toBe(200);
    expect((await get('/odata/v1/rounds?$format=application/json;odata.metadata=minimal')).status).toBe(200);
    expectODataError(await get("/odata/v1/rounds('od-a')/results?by=shoe_size"), 400, 'invalid_request', 'by');
    expectODataError(await get("/odata/v1/rounds('od-a')/results/$count"), 501, 'not_implemented', 'path');
    expectODataError(await get('/odata/v1/things'), 404, 'not_found');
    expectODataError(
      await request(env.app).post('/odata/v1/rounds').set('Authorization', `Bearer ${key}`),
      501,
      'not_implemented',
    );
  });

  it("expands each round with its results, equal to the round's results collection, in smaller pages", async () => {
    const whole = (await get("/odata/v1/rounds('od-a')/results")).body.value as Entity[];
    // od-b has no respondents: its results URL says so (422), and expanded it has none.
    expectODataError(await get("/odata/v1/rounds('od-b')/results"), 422, 'too_few_respondents');
    const expanded = await get('/odata/v1/rounds?$expand=results&$count=true');
    expect(expanded.status).toBe(200);
    expectODataJson(expanded);
    expect(expanded.body['@odata.context']).toMatch(/\/\$metadata#rounds$/);
    const byCode = new Map((expanded.body.value as Entity[]).map((r) => [r['code'], r]));
    expect(byCode.get('od-a')?.['results']).toEqual(whole);
    expect(byCode.get('od-b')?.['results']).toEqual([]);
    // With $select the round keeps only what was asked, and its results still come inline.
    const one = await get("/odata/v1/rounds('od-a')?$select=label&$expand=results");
    expect(Object.keys(one.body).sort()).toEqual(['@odata.context', 'label', 'results']);
    expect(one.body['results']).toEqual(whole);
    expect((await get('/odata/v1/rounds?$expand=*')).body.value[0]['results']).toEqual(whole);
    // Expanded pages hold 10 rounds unless the client prefers fewer; the next link keeps the $expand.
    const paged = await get('/odata/v1/rounds?$expand=results').set('Prefer', 'odata.maxpagesize=1');
    expect(paged.body.value).toHaveLength(1);
    const next = await get(pathOf(String(paged.body['@odata.nextLink'])));
    expect(next.body.value as Entity[]).toMatchObject([{ code: 'od-b', results: [] }]);
  });

  it('reads key literals by the OData rules; a malformed one is 400', async () => {
    for (const path of ["rounds('od-a')", "rounds(code='od-a')", 'rounds(%27od-a%27)', 'rounds%28%27od-a%27%29']) {
      const res = await get(`/odata/v1/${path}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: 'od-a', survey: 'sipas-2024', from: '2026-01-01', to: '2026-12-31' });
    }
    for (const path of [
      'rounds(od-a)',
      "rounds('od-a)",
      "rounds('it's')",
      'rounds()',
      "rounds('')",
      "rounds('od-a'",
      "rounds('od-a'/results",
      "rounds(id='od-a')",
    ])
      expectODataError(await get(`/odata/v1/${path}`), 400, 'invalid_request', 'key');
    // Well-formed: '' is one quote, so the key is "it's", a round that does not exist.
    expectODataError(await get("/odata/v1/rounds('it''s')"), 404, 'round_not_found');
    expectODataError(await get("/odata/v1/rounds('od-a')/nothing"), 404, 'not_found');
  });

  it('honours OData-MaxVersion: below 4.0 is refused', async () => {
    expectODataError(
      await get('/odata/v1/rounds').set('OData-MaxVersion', '3.0'),
      400,
      'invalid_request',
      'OData-MaxVersion',
    );
    for (const v of ['4.0', '4.01'])
      expect((await get('/odata/v1/rounds').set('OData-MaxVersion', v)).status).toBe(200);
  });
});

describe('the OData feed: keys and values', () => {
  it('with a scoped key: other rounds are absent from the collection and 403 when asked for', async () => {
    const list = await get('/odata/v1/rounds?$count=true', scopedKey);
    expect(list.body['@odata.count']).toBe(1);
    expect(list.body.value.map((r: Entity) => r['code'])).toEqual(['od-a']);
    expect((await get("/odata/v1/rounds('od-a')/results", scopedKey)).status).toBe(200);
    for (const path of ["rounds('od-b')", "rounds('od-b')/results", "rounds('no-such-round')"])
      expectODataError(await get(`/odata/v1/${path}`, scopedKey), 403, 'api_key_out_of_scope', 'round');
  });

  it('refuses a revoked key (401 api_key_revoked), no key, and other roles', async () => {
    const analyst = await makeUser(env.ctx, 'analyst');
    const made = await createApiKey(env.ctx, { username: analyst.username, label: 'to revoke' }, system);
    expect((await get('/odata/v1/rounds', made.key)).status).toBe(200);
    await revokeApiKey(env.ctx, made.id, system);
    expectODataError(await get('/odata/v1/rounds', made.key), 401, 'api_key_revoked');
    expectODataError(await get('/odata/v1/$metadata', made.key), 401, 'api_key_revoked');
    expectODataError(await request(env.app).get('/odata/v1/rounds'), 401, 'unauthenticated');
    const surveyor = await makeUser(env.ctx, 'surveyor');
    const token = await request(env.app)
      .post('/api/v1/auth/token')
      .send({ username: surveyor.username, password: surveyor.password });
    expectODataError(await get('/odata/v1/rounds', token.body.token as string), 403, 'forbidden');
  });

  it('gives the same values as results.json, breakdowns too, and audits each read', async () => {
    for (const query of ['', '?by=gender']) {
      const json = await get(`/api/v1/rounds/od-a/results.json${query}`);
      const odata = await get(`/odata/v1/rounds('od-a')/results${query}`);
      expect(json.status).toBe(200);
      const rows = (odata.body.value as Entity[]).map(({ id: _id, ...row }) => row);
      expect(rows).toEqual(json.body.rows);
    }
    const before = (await listAuditEntriesByAction(env.ctx.db, 'export.download')).length;
    expect((await get("/odata/v1/rounds('od-a')/results?$top=1")).status).toBe(200);
    const audit = await listAuditEntriesByAction(env.ctx.db, 'export.download');
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({ target: 'round:od-a' });
    expect(JSON.parse(audit[0]?.details_json ?? '{}')).toEqual({ kind: 'odata.results' });
    // A round without enough interviews in its period: the catalogue's 422, in OData's shape, and nothing audited.
    expectODataError(await get("/odata/v1/rounds('od-b')/results"), 422, 'too_few_respondents', 'round');
    expect(await listAuditEntriesByAction(env.ctx.db, 'export.download')).toHaveLength(before + 1);
  });
});

describe('the OData feed: a data-only round (a questionnaire without scoring)', () => {
  it('lists it with scored false and null results links, declared nullable; its results are a 422', async () => {
    await createRound(
      env.ctx,
      {
        code: 'od-data',
        label: 'Chỉ dữ liệu',
        survey: 'demo-service',
        design: 'srs',
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      },
      system,
    );
    const model = parseCsdl((await get('/odata/v1/$metadata')).text);
    const rounds = await get('/odata/v1/rounds');
    const dataOnly = (rounds.body.value as Entity[]).find((r) => r['code'] === 'od-data');
    expect(dataOnly).toMatchObject({ scored: false, results_csv: null, results_json: null });
    expect((rounds.body.value as Entity[]).find((r) => r['code'] === 'od-a')).toMatchObject({ scored: true });
    expectDeclared(model, 'LangNghe.Round', rounds.body.value as Entity[], true);
    expectODataError(await get("/odata/v1/rounds('od-data')/results"), 422, 'survey_not_scored', 'round');
    // Expanded, it has no results rather than failing the page of rounds.
    const expanded = await get('/odata/v1/rounds?$expand=results');
    expect(expanded.status).toBe(200);
    expect((expanded.body.value as Entity[]).find((r) => r['code'] === 'od-data')?.['results']).toEqual([]);
  });
});
