// What one submission costs, stage by stage, on one thread and without HTTP: the preparation the submission
// worker does (parse, envelope check, validation, hash) and the storing statements the request thread runs
// in group-commit batches, as the table grows. Prints microseconds per submission.
// Usage: npm run build && node bench/ingest/stages.mjs [--survey sipas-2024] [--rows 60000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const { values: opts } = parseArgs({
  options: { survey: { type: 'string', default: 'sipas-2024' }, rows: { type: 'string', default: '60000' } },
});
const { readSurveyDirectory } = await import('../../dist/services/surveys/registry.js');
const { createRng } = await import('../../dist/domain/sampling/index.js');
const { simulateEnvelope, uuidV4 } = await import('../../dist/domain/simulate/index.js');
const envelopes = await import('../../dist/services/submissions/envelope.js');
const { canonicalJson, validateAnswers } = await import('../../dist/domain/questionnaire/index.js');
const { migrateToLatest, openDatabase } = await import('../../dist/db/database.js');
const { findResponseById, insertResponse } = await import('../../dist/db/queries/responses.js');
const { createGroupCommit } = await import('../../dist/db/group-commit.js');

const survey = readSurveyDirectory(join(root, 'surveys'))
  .filter((s) => s.code === opts.survey)
  .sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
if (!survey) throw new Error(`no survey ${opts.survey} in surveys/`);
const q = survey.questionnaire;
const date = new Date().toISOString().slice(0, 10);
const bodies = Array.from({ length: 500 }, (_, i) =>
  JSON.stringify(simulateEnvelope(q, createRng(`stages:${i}`), { date })),
);
const parsed = bodies.map((b) => JSON.parse(b));
const checked = parsed.map((p) => envelopes.parseEnvelope(p));

function perCall(fn, n = 20_000) {
  for (let i = 0; i < 2_000; i += 1) fn(i % 500);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn(i % 500);
  return Number(process.hrtime.bigint() - start) / n / 1000;
}

const stages = [
  ['JSON.parse of the body', (i) => JSON.parse(bodies[i])],
  ['envelope check (zod)', (i) => envelopes.parseEnvelope(parsed[i])],
  ['answer validation', (i) => validateAnswers(q, checked[i].answers, { today: date, lang: 'vi' })],
  ['content hash', (i) => envelopes.contentHash(checked[i])],
  ['  of which canonical JSON', (i) => canonicalJson(checked[i])],
  ['JSON of the envelope', (i) => JSON.stringify(checked[i])],
  ['preparation in all', (i) => envelopes.prepareSubmission(q, envelopes.parseEnvelopeText(bodies[i]), { lang: 'vi' })],
];
console.log(
  `${opts.survey} ${survey.version}: ${(bodies.reduce((a, b) => a + b.length, 0) / 500).toFixed(0)} characters per body on average`,
);
for (const [label, fn] of stages) console.log(`${label.padEnd(28)} ${perCall(fn).toFixed(1).padStart(7)} µs`);

// The storing statements as storeResponse runs them for a field interview without assignment.
const prepared = bodies.map((b) => envelopes.prepareSubmission(q, envelopes.parseEnvelopeText(b), { lang: 'vi' }));
const dir = mkdtempSync(join(tmpdir(), 'langnghe-stages-'));
const db = openDatabase(join(dir, 'stages.db'));
await migrateToLatest(db);
const groupCommit = createGroupCommit(db);
const ids = createRng('stages-ids');
const rows = Number(opts.rows);
const step = Math.max(1, Math.floor(rows / 6));
const batch = 32;
let stored = 0;
console.log(
  `storing, batches of ${batch} (existence check, insert, ${(prepared.reduce((a, p) => a + p.screens.length, 0) / 500).toFixed(1)} screen rows on average):`,
);
while (stored < rows) {
  const start = process.hrtime.bigint();
  const until = Math.min(rows, stored + step);
  for (let from = stored; from < until; from += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, until - from) }, (_, k) =>
        groupCommit(async (trx) => {
          const s = prepared[(from + k) % 500];
          const id = uuidV4(ids);
          await findResponseById(trx, id);
          await insertResponse(
            trx,
            {
              id,
              survey_code: s.survey,
              survey_version: s.surveyVersion,
              source: 'field',
              assignment_id: null,
              collected_by: null,
              started_at: s.startedAt,
              completed_at: s.completedAt,
              received_at: new Date().toISOString(),
              answers_json: s.answersJson,
              content_hash: s.hash,
              kiosk_counter_id: null,
              kiosk_device_id: null,
              dossier_code: null,
              local_day: null,
              ...s.paradata,
            },
            s.screens,
          );
        }),
      ),
    );
  }
  const us = Number(process.hrtime.bigint() - start) / (until - stored) / 1000;
  console.log(
    `  rows ${String(stored + 1).padStart(6)}–${String(until).padEnd(6)} ${us.toFixed(1).padStart(7)} µs per submission`,
  );
  stored = until;
}
await db.destroy();
rmSync(dir, { recursive: true, force: true });
