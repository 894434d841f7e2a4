// Entry of the scoring thread (started by score-threads.ts): its own read connection to the database and
// its own copy of the questionnaires; scores one round at a time and posts the figures back.
import { parentPort, workerData } from 'node:worker_threads';
import { openConfiguredDatabase } from '../../db/engine.js';
import { DomainError } from '../../domain/errors.js';
import { readSurveyDirectory, SurveyRegistry } from '../surveys/registry.js';
import type { RoundColumns } from './round-columns.js';
import { computeRoundScores } from './round-scores.js';
import type { ScoreReply, ScoreTask, ScoreThreadData } from './score-threads.js';

const port = parentPort;
if (!port) throw new Error('score-worker.js runs as a worker thread');
const data = workerData as ScoreThreadData;
// On PostgreSQL a pool of its own, small: the thread scores one round at a time.
const db = openConfiguredDatabase({ path: data.databasePath, url: data.databaseUrl }, { poolSize: 2 });
const surveys = new SurveyRegistry(db, readSurveyDirectory(data.surveysDir));

// Each round's columns, kept between scorings so that new responses are read alone. Only on SQLite: there a
// response committed later always has a higher seq; PostgreSQL's sequences may commit out of order.
const store = data.databaseUrl ? undefined : new Map<number, RoundColumns>();

async function handle(task: ScoreTask): Promise<ScoreReply> {
  try {
    return { n: task.n, ok: await computeRoundScores({ db, surveys }, task.round, store) };
  } catch (err) {
    if (err instanceof DomainError)
      return { n: task.n, error: { code: err.code, details: [...err.details], meta: { ...err.meta } } };
    return { n: task.n, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

// One round at a time, in the order asked.
let queue = Promise.resolve();
port.on('message', (task: ScoreTask) => {
  queue = queue.then(async () => port.postMessage(await handle(task)));
});
