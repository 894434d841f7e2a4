// Entry of a microdata thread (started by microdata-thread.ts for one download): its own read connection and
// questionnaires; formats the round's CSV page by page and posts each page, waiting for 'next' between pages.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { openConfiguredDatabase } from '../../db/engine.js';
import { DomainError } from '../../domain/errors.js';
import { readSurveyDirectory, SurveyRegistry } from '../surveys/registry.js';
import type { AppContext } from '../../context.js';
import { streamMicrodataCsv } from './microdata-export.js';
import type { MicrodataMessage, MicrodataThreadData } from './microdata-thread.js';

const port = parentPort;
if (!port) throw new Error('microdata-worker.js runs as a worker thread');
const data = workerData as MicrodataThreadData;
const db = openConfiguredDatabase({ path: data.databasePath, url: data.databaseUrl });
const surveys = new SurveyRegistry(db, readSurveyDirectory(data.surveysDir));
const post = (m: MicrodataMessage): void => port.postMessage(m);

// A page is done when the request thread asks for the next one: one page in flight, whatever the client's speed.
let taken: (() => void) | null = null;
port.on('message', () => {
  const t = taken;
  taken = null;
  t?.();
});
const pages = new Writable({
  decodeStrings: false,
  write(chunk: string | Buffer, _enc, done) {
    taken = () => done();
    post({ chunk: typeof chunk === 'string' ? chunk : chunk.toString('utf8') });
  },
});

try {
  const count = await streamMicrodataCsv({ db, surveys } as unknown as AppContext, data.round, pages, data.dialect);
  await new Promise<void>((resolve) => pages.end(resolve));
  post({ done: count });
} catch (err) {
  if (err instanceof DomainError) post({ error: { code: err.code, details: [...err.details], meta: { ...err.meta } } });
  else post({ failure: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
await db.destroy();
