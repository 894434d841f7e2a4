// Invitation surveys of a list (officials, deputies, organisations): a round with one single-use token per
// participant, answered on any device, saved and resumed with the same link, submitted once. At submission the
// answers become a response with no reference to the participant, stamped with the day only (not the instant),
// and the participant keeps only "submitted on that day": no page or download can link answers to names.
import { randomBytes, randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  findInvitationRoundByCode,
  findParticipantByToken,
  insertInvitationRound,
  insertParticipants,
  listParticipantsByRound,
  markSubmittedById,
  saveDraftById,
} from '../../db/queries/invitations.js';
import { insertResponse } from '../../db/queries/responses.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { startOfVietnamDay, vietnamTime } from '../../domain/calendar/vietnam-time.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { groupRates, readParticipants, type GroupRate } from '../../domain/invitations/participant-list.js';
import { parseInput } from '../../domain/parse-input.js';
import { allAnswers, answerKeyLimit } from '../../domain/questionnaire/index.js';
import { answerMessage } from '../../domain/questionnaire/answer-messages.js';
import { spreadsheetCell } from '../../domain/results/spreadsheet-cell.js';
import { recordAudit } from '../audit/audit-log.js';
import { parseCsvRows, rowErrors } from '../sampling/csv-rows.js';
import { responseEnvelopeSchema } from '../submissions/envelope.js';
import { answerErrorsOf, prepareEnvelope } from '../submissions/store.js';

const maxParticipants = 5000;

export const invitationRoundSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code: letters, digits, . _ -'),
  label: z.string().trim().min(1).max(200),
  survey: z.string().trim().min(1).max(80).default('par-officials'),
});

const answersSchema = z.strictObject({ answers: responseEnvelopeSchema.shape.answers });
/**
 * A saved draft holds answers in the form a screen writes them: a code or number, a text (a number being typed is
 * text until it reads as one), a date, or a multi-select's codes. Their values are checked at submission; here only
 * that shape, so that a link cannot be used to store nested data.
 */
const draftValueSchema = z.union([z.number(), z.string().max(10_000), z.array(z.number()).max(500), z.null()]);
const draftSchema = z.strictObject({
  answers: responseEnvelopeSchema.shape.answers.pipe(z.record(z.string(), draftValueSchema)),
});

export async function createInvitationRound(
  ctx: AppContext,
  input: z.input<typeof invitationRoundSchema>,
  csv: string,
  actor: Actor,
): Promise<{ code: string; invited: number }> {
  const r = parseInput(invitationRoundSchema, input);
  const survey = ctx.surveys.current(r.survey);
  const { columns, rows } = parseCsvRows(csv, maxParticipants);
  const { participants, errors } = readParticipants(columns, rows);
  if (errors.length > 0) throw rowErrors('invalid_participant_list', errors);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    if (await findInvitationRoundByCode(trx, r.code))
      throw new DomainError('invitation_round_taken', [detail('code', 'counter_exists', { code: r.code })]);
    const roundId = await insertInvitationRound(trx, {
      code: r.code,
      label: r.label,
      survey_code: survey.code,
      survey_version: survey.version,
      created_at: now.toISOString(),
    });
    await insertParticipants(
      trx,
      participants.map((p) => ({
        round_id: roundId,
        name: p.name,
        contact: p.contact,
        organisation: p.organisation,
        role: p.role,
        grp: p.group,
        token: randomBytes(24).toString('base64url'),
      })),
    );
    await recordAudit(trx, now, {
      action: 'invitation.round_create',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      target: `invitation_round:${r.code}`,
      details: { invited: participants.length },
    });
    return { code: r.code, invited: participants.length };
  });
}

async function participantOf(ctx: AppContext, token: string) {
  const p = /^[A-Za-z0-9_-]{32}$/.test(token) ? await findParticipantByToken(ctx.db, token) : undefined;
  if (!p) throw new DomainError('invitation_not_found', [detail('token', 'link_forged')]);
  return p;
}

export interface InvitationView {
  round: string;
  label: string;
  survey: string;
  surveyVersion: string;
  submitted: boolean;
  /** The answers saved so far (none once submitted). */
  draft: Record<string, unknown>;
}

/** What the participant's link opens: the questionnaire and the answers saved so far. */
export async function openInvitation(ctx: AppContext, token: string): Promise<InvitationView> {
  const p = await participantOf(ctx, token);
  return {
    round: p.round_code,
    label: p.round_label,
    survey: p.survey_code,
    surveyVersion: p.survey_version,
    submitted: p.submitted_day !== null,
    draft: p.draft_json ? (JSON.parse(p.draft_json) as Record<string, unknown>) : {},
  };
}

/**
 * A draft may be incomplete, but holds only the questionnaire's questions, and no more keys than a submission may
 * carry: a link cannot be used to store arbitrary data.
 */
async function checkDraftKeys(ctx: AppContext, survey: string, version: string, answers: object, lang: Lang) {
  const q = (await ctx.surveys.version(survey, version)).questionnaire;
  const keys = Object.keys(answers);
  const limit = answerKeyLimit(q);
  if (keys.length > limit) {
    const message = answerMessage('too_many_answers', lang, { max: limit });
    throw new DomainError('invalid_answers', [{ question: allAnswers, code: 'too_many_answers', message }]);
  }
  const unknown = keys.filter((k) => !q.fieldById.has(k));
  if (unknown.length > 0)
    throw new DomainError(
      'invalid_answers',
      unknown
        .slice(0, 50)
        .map((k) => ({ question: k, code: 'unknown_question', message: answerMessage('unknown_question', lang) })),
    );
}

/** Saves unfinished answers under the link (checked for shape and questions only: they may be incomplete). */
export async function saveInvitationDraft(ctx: AppContext, token: string, body: unknown, lang: Lang): Promise<void> {
  const { answers } = parseInput(draftSchema, body);
  const p = await participantOf(ctx, token);
  await checkDraftKeys(ctx, p.survey_code, p.survey_version, answers, lang);
  const saved = await saveDraftById(ctx.db, p.id, JSON.stringify(answers), ctx.clock.now().toISOString());
  if (!saved) throw new DomainError('invitation_used', [detail('token', 'link_used_before')]);
}

/** Submits once: the answers are checked by the questionnaire's rules and stored apart from the participant. */
export async function submitInvitation(ctx: AppContext, token: string, body: unknown, lang: Lang): Promise<void> {
  const { answers } = parseInput(answersSchema, body);
  const p = await participantOf(ctx, token);
  if (p.submitted_day !== null) throw new DomainError('invitation_used', [detail('token', 'link_used_before')]);
  const now = ctx.clock.now();
  const day = vietnamTime(now).day;
  // The day's start, never the instant: a response cannot be matched to a participant by when it arrived.
  const stamp = startOfVietnamDay(day).toISOString();
  const envelope = {
    id: randomUUID(),
    survey: p.survey_code,
    surveyVersion: p.survey_version,
    answers,
    completedAt: stamp,
  };
  const s = await prepareEnvelope(ctx, envelope, { lang });
  if (s.answerErrors.length > 0) throw answerErrorsOf(s);
  await inTransaction(ctx.db, async (trx) => {
    if (!(await markSubmittedById(trx, p.id, day)))
      throw new DomainError('invitation_used', [detail('token', 'link_used_before')]);
    await insertResponse(
      trx,
      {
        id: s.id,
        survey_code: s.survey,
        survey_version: s.surveyVersion,
        source: 'invitation',
        assignment_id: null,
        collected_by: null,
        started_at: null,
        completed_at: stamp,
        received_at: stamp,
        answers_json: s.answersJson,
        content_hash: s.hash,
        // The participant's group: the one design variable a census by invitation needs (response rates,
        // post-stratification), never who answered.
        respondent_group: p.grp,
        invitation_round_id: p.round_id,
        rating: null,
        kiosk_counter_id: null,
        kiosk_device_id: null,
        dossier_code: null,
        local_day: day,
        duration_seconds: null,
        changed_answers: null,
        user_agent: null,
        platform: null,
        screen_width: null,
        screen_height: null,
        app_version: null,
        gps_lat: null,
        gps_lon: null,
        gps_accuracy_m: null,
        gps_at: null,
        selection_method: null,
        selection_adults: null,
        selection_line: null,
      },
      [],
    );
  });
}

export interface InvitationRoundStatus {
  code: string;
  label: string;
  survey: string;
  rates: GroupRate[];
  /** Who has not answered yet, for reminders. */
  reminders: { name: string; contact: string; organisation: string; role: string; group: string }[];
}

export async function invitationRoundStatus(ctx: AppContext, code: string): Promise<InvitationRoundStatus> {
  const round = await findInvitationRoundByCode(ctx.db, code);
  if (!round) throw new DomainError('invitation_round_not_found');
  const people = await listParticipantsByRound(ctx.db, round.id);
  return {
    code: round.code,
    label: round.label,
    survey: round.survey_code,
    rates: groupRates(people.map((p) => ({ grp: p.grp, submitted: p.submitted_day !== null }))),
    reminders: people
      .filter((p) => p.submitted_day === null)
      .map((p) => ({ name: p.name, contact: p.contact, organisation: p.organisation, role: p.role, group: p.grp })),
  };
}

/** A mail-merge CSV: each participant with their personal link (`base` is the public address), spreadsheet-safe. */
export async function invitationMailMerge(ctx: AppContext, code: string, base: string): Promise<string> {
  const round = await findInvitationRoundByCode(ctx.db, code);
  if (!round) throw new DomainError('invitation_round_not_found');
  const people = await listParticipantsByRound(ctx.db, round.id);
  const rows = [
    ['name', 'email_or_phone', 'organisation', 'role', 'group', 'link', 'submitted'],
    ...people.map((p) => [
      p.name,
      p.contact,
      p.organisation,
      p.role,
      p.grp,
      `${base}/i/${p.token}`,
      p.submitted_day === null ? 'no' : 'yes',
    ]),
  ];
  return `\uFEFF${stringify(
    rows.map((r) => r.map((c) => spreadsheetCell(c))),
    { record_delimiter: '\r\n' },
  )}`;
}

/** The letters of a round: each participant with their personal link (`base` is the public address). */
export async function invitationLetters(ctx: AppContext, code: string, base: string) {
  const round = await findInvitationRoundByCode(ctx.db, code);
  if (!round) throw new DomainError('invitation_round_not_found');
  const people = await listParticipantsByRound(ctx.db, round.id);
  return {
    label: round.label,
    letters: people
      .filter((p) => p.submitted_day === null)
      .map((p) => ({ name: p.name, organisation: p.organisation, role: p.role, link: `${base}/i/${p.token}` })),
  };
}
