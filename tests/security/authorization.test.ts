// Every route of the app x every role, with real requests against a seeded database. The route list comes from
// the app's router, so a new route without a matrix entry (or an entry without a route) fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/context.js';
import { roles, seedFixture, type Fixture, type Role } from './fixture.js';
import { routeMatrix, type Expected } from './route-matrix.js';
import { listAppRoutes } from './routes.js';
import { outcome, perform } from './runner.js';

let env: TestEnv;
let f: Fixture;
beforeAll(async () => {
  env = await createTestEnv({ KIOSK_MIN_INTERVAL_SECONDS: '0' });
  f = await seedFixture(env);
}, 60_000);
afterAll(async () => env.close());

const methodOf = (key: string): string => key.split(' ')[0] ?? '';

describe('the route table', () => {
  it('has a matrix entry for every route, and a route for every entry', () => {
    const routes = listAppRoutes(env.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in routeMatrix))).toEqual([]);
    expect(Object.keys(routeMatrix).filter((k) => !routes.includes(k))).toEqual([]);
    expect(new Set(routes).size).toBe(routes.length);
  });
});

describe('authorization matrix', () => {
  it.each(Object.keys(routeMatrix))('%s answers each role as expected', async (key) => {
    const entry = routeMatrix[key];
    if (!entry) throw new Error(key);
    const got = {} as Record<Role, Expected>;
    for (const role of roles) got[role] = outcome(await perform(f, role, methodOf(key), await entry.call(f, role)));
    expect(got).toEqual(entry.expect);
  });

  const withMissing = Object.entries(routeMatrix)
    .filter(([, e]) => e.missing)
    .map(([k]) => k);
  it.each(withMissing)('%s: an unknown id is 404 for allowed roles and changes nothing for the others', async (key) => {
    const entry = routeMatrix[key];
    if (!entry?.missing) throw new Error(key);
    const got = {} as Record<Role, Expected>;
    const want = {} as Record<Role, Expected>;
    for (const role of roles) {
      got[role] = outcome(await perform(f, role, methodOf(key), entry.missing(f, role)));
      const allowed = entry.expect[role];
      want[role] = typeof allowed === 'number' && allowed < 400 ? 404 : allowed;
    }
    expect(got).toEqual(want);
  });
});
