// Entry of a submission worker thread (started by worker-pool.ts): parses a submission body, checks the
// envelope and prepares it against its questionnaire, so that this CPU work runs beside the request thread.
// Questionnaires arrive from the request thread the first time a version is asked for.
import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.js';
import { parseDefinition, type Definition, type Questionnaire } from '../../domain/questionnaire/index.js';
import { parseEnvelopeText, prepareSubmission } from './envelope.js';
import { workerReady, type WorkerReply, type WorkerTask } from './worker-pool.js';

const port = parentPort;
if (!port) throw new Error('worker-entry.js runs as a worker thread');

const questionnaires = new Map<string, Questionnaire>();
const keyOf = (code: string, version: string): string => `${code}@${version}`;

function learn(definition: Definition): void {
  const key = keyOf(definition.code, definition.version);
  questionnaires.set(key, parseDefinition(definition, `request thread:${key}`));
}

function handle(task: WorkerTask): WorkerReply {
  try {
    for (const d of task.definitions ?? []) learn(d);
    const envelope = parseEnvelopeText(task.body);
    const q = questionnaires.get(keyOf(envelope.survey, envelope.surveyVersion));
    if (!q) return { n: task.n, needSurvey: { code: envelope.survey, version: envelope.surveyVersion } };
    return { n: task.n, ok: prepareSubmission(q, envelope, { lang: task.lang }) };
  } catch (err) {
    if (err instanceof DomainError) return { n: task.n, error: { code: err.code, details: [...err.details] } };
    return { n: task.n, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

port.on('message', (task: WorkerTask) => port.postMessage(handle(task)));
port.postMessage(workerReady);
