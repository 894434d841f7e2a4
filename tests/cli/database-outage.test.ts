// The PostgreSQL cluster killed under load and started again (bench/db-outage/run.mjs, on a throwaway cluster of its
// own, since it halts it): every acknowledged interview is in the database, none twice, the server answered 503
// while the cluster was away and serves again without a restart. Needs `npm run build` and PostgreSQL's binaries;
// runs with the PostgreSQL suite (TEST_DATABASE_URL).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../helpers/postgres.js';

describe.skipIf(!onPostgres)('the database killed under load (PostgreSQL only: runs with TEST_DATABASE_URL)', () => {
  it('loses no acknowledged interview and recovers without a restart, over two outages', () => {
    const run = spawnSync(
      process.execPath,
      ['bench/db-outage/run.mjs', '--json', '--clients', '6', '--before', '2', '--outage', '2', '--after', '2'],
      { encoding: 'utf8', timeout: 55_000 },
    );
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    // On failure, what the server answered that was not 201, 200 or 503, and what it logged.
    expect(result, `${JSON.stringify(result['unexpectedAnswers'])}\n${run.stderr}`).toMatchObject({
      outages: 2,
      lost: 0,
      duplicated: 0,
      unexpected: 0,
      healthAfter: 200,
      serverRestarted: false,
      ok: true,
    });
    expect(result['stored']).toBe(result['acknowledged']);
    expect(result['ackedBefore']).toBeGreaterThan(0);
    expect(result['unavailableDuringOutage']).toBeGreaterThan(0);
    expect(result['ackedAfterResume']).toBeGreaterThan(0);
    expect(run.status).toBe(0);
  }, 60_000);
});
