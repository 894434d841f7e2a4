// Versions of an interview. The response row always holds the current version (what estimates and exports read);
// once an interview gets a second version (a returned interview corrected on its surveyor's phone, or a
// supervisor's replacement by a conflicting resubmission), every version is kept in response_versions.
import type { AppContext } from '../../context.js';
import { findAssignmentById, updateDisposition } from '../../db/queries/assignments.js';
import {
  insertVersion,
  listScreenTimesBySeq,
  listVersionHashes,
  updateCurrentVersion,
} from '../../db/queries/reviews.js';
import type { Db } from '../../db/database.js';
import type { ResponseRow } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { DomainError } from '../../domain/errors.js';
import { declinedConsent, type AnswerValue } from '../../domain/questionnaire/index.js';
import { correctionMismatches } from '../../domain/review/review-status.js';
import { recordAudit } from '../audit/audit-log.js';
import { releaseNextReserve } from '../fieldwork/assignments.js';
import type { PreparedSubmission } from './envelope.js';

/** Every content hash the response has had: the current one first, then those of its kept versions. */
export async function knownHashes(db: Db, existing: ResponseRow): Promise<string[]> {
  return existing.version > 1
    ? [existing.content_hash, ...(await listVersionHashes(db, existing.seq))]
    : [existing.content_hash];
}

export interface NextVersion {
  answers_json: string;
  content_hash: string;
  completed_at: string;
  received_at: string;
  submitted_by: number | null;
  /** What the device sent about this version's session, as JSON. */
  paradata_json: string | null;
}

/** The paradata of the version held in the response row, so that it survives a replacement. */
async function storedParadata(db: Db, row: ResponseRow): Promise<string> {
  const { seq: _seq, id: _id, answers_json: _a, content_hash: _h, ...rest } = row;
  return JSON.stringify({
    startedAt: row.started_at,
    durationSeconds: rest.duration_seconds,
    changedAnswers: rest.changed_answers,
    device: { userAgent: rest.user_agent, platform: rest.platform, appVersion: rest.app_version },
    gps: rest.gps_lat === null ? null : { lat: rest.gps_lat, lon: rest.gps_lon, accuracy: rest.gps_accuracy_m },
    screens: await listScreenTimesBySeq(db, row.seq),
  });
}

/**
 * Makes `next` the current version of a stored response (its review starts again) and keeps it in the history;
 * the first time, the version the response held is kept as version 1. Returns the new version number.
 */
export async function appendVersion(trx: Db, existing: ResponseRow, next: NextVersion): Promise<number> {
  if (existing.version === 1) {
    await insertVersion(trx, {
      response_seq: existing.seq,
      version: 1,
      answers_json: existing.answers_json,
      content_hash: existing.content_hash,
      completed_at: existing.completed_at,
      received_at: existing.received_at,
      submitted_by: existing.collected_by,
      paradata_json: await storedParadata(trx, existing),
    });
  }
  const version = existing.version + 1;
  await insertVersion(trx, { response_seq: existing.seq, version, ...next });
  await updateCurrentVersion(trx, existing.seq, {
    answers_json: next.answers_json,
    content_hash: next.content_hash,
    version,
  });
  return version;
}

/**
 * Stores a returned interview's correction as its next version, inside the storing transaction. The interview's
 * own times, duration, device, GPS and screen times stay those of the visit to the household (a correction is no
 * interview); the correction's session is kept with its version. A correction may not change the questionnaire,
 * the household or a declined consent (409 correction_mismatch); one that declines consent makes the household a
 * refusal, as a first submission would.
 */
export async function storeCorrection(
  ctx: AppContext,
  trx: Db,
  existing: ResponseRow,
  s: PreparedSubmission,
  submitter: { userId: number | null; label: string },
  now: Date,
): Promise<number> {
  const storedDeclined = declinedConsent(JSON.parse(existing.answers_json) as Record<string, AnswerValue>);
  const mismatches = correctionMismatches(
    {
      survey: existing.survey_code,
      surveyVersion: existing.survey_version,
      assignmentId: existing.assignment_id,
      declinedConsent: storedDeclined,
    },
    {
      survey: s.survey,
      surveyVersion: s.surveyVersion,
      assignmentId: s.assignmentId,
      declinedConsent: s.declinedConsent,
    },
    s.lang,
  );
  if (mismatches.length > 0) throw new DomainError('correction_mismatch', mismatches);
  const version = await appendVersion(trx, existing, {
    answers_json: s.answersJson,
    content_hash: s.hash,
    completed_at: s.completedAt,
    received_at: now.toISOString(),
    submitted_by: submitter.userId,
    paradata_json: JSON.stringify({ startedAt: s.startedAt, ...s.paradata, screens: s.screens }),
  });
  await recordAudit(trx, now, {
    action: 'response.new_version',
    actorUserId: submitter.userId,
    actorLabel: submitter.label,
    target: `response:${existing.id}`,
    details: { version },
  });
  if (s.declinedConsent && !storedDeclined && existing.assignment_id !== null) {
    await refuseHousehold(
      ctx,
      trx,
      existing.assignment_id,
      `consent declined (interview ${existing.id}, version ${version})`,
      now,
      {
        userId: submitter.userId,
        label: submitter.label,
        role: 'surveyor',
      },
    );
  }
  return version;
}

/** A completed household whose corrected interview declines consent becomes a refusal and releases a reserve. */
async function refuseHousehold(
  ctx: AppContext,
  trx: Db,
  assignmentId: string,
  note: string,
  now: Date,
  actor: Actor,
): Promise<void> {
  const assignment = await findAssignmentById(trx, assignmentId);
  if (!assignment || assignment.disposition !== 'completed') return;
  await updateDisposition(trx, assignment.id, {
    disposition: 'refused',
    disposition_note: note,
    disposition_at: now.toISOString(),
    disposition_by: actor.userId,
    visits: Math.max(1, assignment.visits),
  });
  await releaseNextReserve(trx, assignment.draw_id, assignment.village_code, now, actor);
}
