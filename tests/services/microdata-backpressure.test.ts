// The microdata download under back-pressure: behind the compression middleware a response hands its 'drain'
// listeners to a gzip stream, where once()/off() on the response never remove them (they piled up into a
// MaxListenersExceededWarning and a slower download at each pause). The export waits with one listener, writes
// every respondent exactly once, and its lines are those csv-stringify writes.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../src/domain/results/csv-dialect.js';
import { streamMicrodataCsv } from '../../src/services/results/microdata-export.js';
import { downloadMicrodataCsv } from '../../src/services/results/microdata-thread.js';
import { createRound, findRound } from '../../src/services/results/rounds.js';
import { testActor } from '../fixtures/fieldwork.js';
import { seedResponses } from '../fixtures/responses.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

/** The built thread (dist/, as the server runs it): `npm run build` first, as for the CLI tests. */
const compiledMicrodataWorker = new URL('../../dist/services/results/microdata-worker.js', import.meta.url);

/** A slow sink whose 'drain' listeners live on another emitter, as compression's response does with its gzip stream. */
function gzipLikeResponse() {
  const gzip = new EventEmitter();
  const chunks: Buffer[] = [];
  const seen = { maxDrainListeners: 0 };
  const out = new Writable({
    highWaterMark: 64,
    write: (chunk: Buffer, _enc, done) => {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  const on = out.on.bind(out);
  on('drain', () => gzip.emit('drain'));
  (out as unknown as { on: (event: string, listener: () => void) => Writable }).on = (event, listener) => {
    if (event !== 'drain') return on(event, listener);
    gzip.on(event, listener);
    seen.maxDrainListeners = Math.max(seen.maxDrainListeners, gzip.listenerCount('drain'));
    return out;
  };
  return { out, chunks, seen };
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedResponses(env.ctx, { survey: 'sipas-2024', count: 30, date: '2026-03-10', satisfied: 0.7, seed: 'bp' });
  await createRound(
    env.ctx,
    {
      code: 'bp',
      label: 'SIPAS',
      survey: 'sipas-2024',
      design: 'srs',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    },
    testActor,
  );
}, 120_000);
afterAll(async () => env.close());

describe('microdata under back-pressure', () => {
  it('waits on one drain listener and writes every respondent once', async () => {
    const { out, chunks, seen } = gzipLikeResponse();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    const count = await streamMicrodataCsv(env.ctx, await findRound(env.ctx, 'bp'), out);
    process.off('warning', onWarning);
    expect(count).toBe(30);
    expect(seen.maxDrainListeners).toBe(1);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r['response_id'] ?? r[Object.keys(r)[0] ?? ''])).size).toBe(30);
  });

  it('formats the same bytes on its own thread (the server) as here, and stops when the client goes away', async () => {
    const round = await findRound(env.ctx, 'bp');
    const sink = () => {
      const chunks: Buffer[] = [];
      const out = new Writable({
        highWaterMark: 64,
        write: (chunk: Buffer, _enc, done) => {
          chunks.push(chunk);
          setImmediate(done);
        },
      });
      return { out, text: () => Buffer.concat(chunks).toString('utf8') };
    };
    const here = sink();
    expect(await streamMicrodataCsv(env.ctx, round, here.out, 'vi')).toBe(30);
    const away = sink();
    expect(await downloadMicrodataCsv(env.ctx, round, away.out, 'vi', { workerUrl: compiledMicrodataWorker })).toBe(30);
    expect(away.text()).toBe(here.text());
    expect(here.text().split('\n').length).toBe(32);
    // A client that goes away after the first page: the thread is stopped, nothing more is written.
    let writes = 0;
    const gone: Writable = new Writable({
      write: (_chunk: Buffer, _enc, done) => {
        writes += 1;
        done();
        gone.destroy();
      },
    });
    expect(await downloadMicrodataCsv(env.ctx, round, gone, 'vi', { workerUrl: compiledMicrodataWorker })).toBe(0);
    expect(writes).toBe(1);
  });

  it('formats lines as csv-stringify does, in both dialects', () => {
    const cells = ['a', 'b,c', 'say "x"', 'x;y', 'l1\nl2', 'cr\r', '', ' sp ', "'=1", 'é ư', 'tab\tx', '1,5', '-2'];
    for (const delimiter of [',', ';']) expect(csvLine(cells, delimiter)).toBe(stringify([cells], { delimiter }));
  });
});
