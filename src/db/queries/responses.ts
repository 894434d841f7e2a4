// Stored responses (paradata as their columns, screen times as child rows keyed by seq) and conflicting
// resubmissions. The statements a submission runs are compiled once (compiled-query.ts): they run for every
// interview and kiosk rating.
import { columnsOf, compileOnce, namedRow, type CompiledStatement } from '../compiled-query.js';
import { bumpResultGeneration, designScope, responsesScope } from './result-generations.js';
import type { Db } from '../database.js';
import type { NewResponse, ResponseParadataColumns, ResponseRow, ResponseScreenTimeTable } from '../schema.js';

const responseColumns = columnsOf<NewResponse>({
  id: true,
  survey_code: true,
  survey_version: true,
  source: true,
  assignment_id: true,
  collected_by: true,
  started_at: true,
  completed_at: true,
  received_at: true,
  answers_json: true,
  content_hash: true,
  kiosk_counter_id: true,
  kiosk_device_id: true,
  dossier_code: true,
  local_day: true,
  respondent_group: true,
  invitation_round_id: true,
  rating: true,
  duration_seconds: true,
  changed_answers: true,
  user_agent: true,
  platform: true,
  screen_width: true,
  screen_height: true,
  app_version: true,
  gps_lat: true,
  gps_lon: true,
  gps_accuracy_m: true,
  gps_at: true,
  selection_method: true,
  selection_adults: true,
  selection_line: true,
});

const selectResponseById = compileOnce<{ id: string }>((db, p) =>
  db.selectFrom('responses').selectAll().where('id', '=', p('id')),
);
// "Do nothing" on any unique key (the device's id, the assignment, the dossier of the day): a concurrent
// transaction that stored the same key first wins, and this one learns it from the missing seq, with no error that
// would abort a PostgreSQL transaction.
const insertResponseRow = compileOnce<NewResponse>((db, p) =>
  db
    .insertInto('responses')
    .values(namedRow(responseColumns, p))
    .onConflict((oc) => oc.doNothing())
    .returning('seq'),
);

export async function findResponseById(db: Db, id: string): Promise<ResponseRow | undefined> {
  const { rows } = await selectResponseById.run<ResponseRow>(db, { id });
  return rows[0];
}

export async function findResponseIdByAssignment(db: Db, assignmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('responses')
    .select('id')
    .where('assignment_id', '=', assignmentId)
    .executeTakeFirst();
  return row?.id;
}

type ScreenTime = { screen: string; seconds: number; visits: number };

/**
 * Stores a response with its paradata columns and its screen times; returns its seq, or null when another
 * response already holds one of its unique keys (its id, its assignment, its dossier that day) and nothing was
 * stored.
 */
export async function insertResponse(
  db: Db,
  response: NewResponse,
  screens: readonly ScreenTime[],
): Promise<number | null> {
  const { rows } = await insertResponseRow.run<{ seq: number }>(db, response);
  const seq = rows[0]?.seq;
  if (seq === undefined) return null;
  await insertScreenTimes(db, seq, screens);
  await bumpResultGeneration(db, responsesScope(response.survey_code, response.completed_at.slice(0, 7)));
  // A household's interview changes its village's completes, so the read-time weights of every round on the draw.
  if (response.assignment_id !== null) await bumpResultGeneration(db, designScope);
  return seq;
}

/** Screen times go in as multi-row inserts of up to screenChunk rows, one compiled statement per row count. */
const screenChunk = 20;
type ScreenArgs = { [K in keyof ResponseScreenTimeTable as `${K}_${number}`]: ResponseScreenTimeTable[K] };
const screenStatements = new Map<number, CompiledStatement<ScreenArgs>>();

async function insertScreenTimes(db: Db, seq: number, screens: readonly ScreenTime[]): Promise<void> {
  for (let start = 0; start < screens.length; start += screenChunk) {
    const chunk = screens.slice(start, start + screenChunk);
    const args = {} as ScreenArgs;
    chunk.forEach((s, i) => {
      args[`response_seq_${i}`] = seq;
      args[`position_${i}`] = start + i;
      args[`screen_${i}`] = s.screen;
      args[`seconds_${i}`] = s.seconds;
      args[`visits_${i}`] = s.visits;
    });
    await insertScreenRows(chunk.length).run(db, args);
  }
}

function insertScreenRows(count: number): CompiledStatement<ScreenArgs> {
  let statement = screenStatements.get(count);
  if (!statement) {
    statement = compileOnce<ScreenArgs>((db, p) =>
      db.insertInto('response_screen_times').values(
        Array.from({ length: count }, (_, i) => ({
          response_seq: p(`response_seq_${i}`),
          position: p(`position_${i}`),
          screen: p(`screen_${i}`),
          seconds: p(`seconds_${i}`),
          visits: p(`visits_${i}`),
        })),
      ),
    );
    screenStatements.set(count, statement);
  }
  return statement;
}

/** Keeps a conflicting payload aside; the same conflicting payload sent twice is kept once. */
export async function insertConflict(
  db: Db,
  conflict: {
    response_id: string;
    received_at: string;
    submitted_by: number | null;
    payload_json: string;
    content_hash: string;
  },
): Promise<void> {
  await db
    .insertInto('response_conflicts')
    .values(conflict)
    .onConflict((oc) => oc.columns(['response_id', 'content_hash']).doNothing())
    .execute();
}

/** Whether this conflicting payload (by its content hash) is already kept for the response, resolved or not. */
export async function isConflictKept(db: Db, responseId: string, contentHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('response_conflicts')
    .select('id')
    .where('response_id', '=', responseId)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many conflicting versions of a response wait for review. */
export async function countOpenConflicts(db: Db, responseId: string): Promise<number> {
  const row = await db
    .selectFrom('response_conflicts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('response_id', '=', responseId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The open conflicts, oldest first, without their payloads (a page lists them; see findConflictById). */
export async function listOpenConflicts(db: Db) {
  return db
    .selectFrom('response_conflicts')
    .leftJoin('users', 'users.id', 'response_conflicts.submitted_by')
    .select([
      'response_conflicts.id',
      'response_conflicts.response_id',
      'response_conflicts.received_at',
      'users.username',
    ])
    .where('response_conflicts.resolved_at', 'is', null)
    .orderBy('response_conflicts.id')
    .execute();
}

export async function findConflictById(db: Db, id: number) {
  return db.selectFrom('response_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveConflict(
  db: Db,
  id: number,
  r: { resolved_at: string; resolved_by: number | null; resolution: string },
): Promise<void> {
  await db.updateTable('response_conflicts').set(r).where('id', '=', id).execute();
}

/** Gives a stored response a resubmission's content: answers, hash, times, paradata columns and screen times. */
export async function replaceResponseContent(
  db: Db,
  id: string,
  content: Pick<NewResponse, 'answers_json' | 'content_hash' | 'started_at' | 'completed_at'> & ResponseParadataColumns,
  screens: readonly ScreenTime[],
): Promise<void> {
  const row = await db.updateTable('responses').set(content).where('id', '=', id).returning('seq').executeTakeFirst();
  if (!row) return;
  await bumpResultGeneration(db, designScope);
  await db.deleteFrom('response_screen_times').where('response_seq', '=', row.seq).execute();
  await insertScreenTimes(db, row.seq, screens);
}

/** Every field interview with its surveyor and duration, most recently received first (the supervisors' review). */
export async function listFieldInterviewDurations(db: Db) {
  return db
    .selectFrom('responses')
    .leftJoin('users', 'users.id', 'responses.collected_by')
    .select([
      'responses.id',
      'responses.survey_code',
      'responses.received_at',
      'responses.completed_at',
      'users.username',
      'responses.duration_seconds',
    ])
    .where('responses.source', '=', 'field')
    .orderBy('responses.received_at', 'desc')
    .execute();
}
