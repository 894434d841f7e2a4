// The records an interview goes through on the device: the draft (answers as typed, answers set aside by
// skip logic, paradata so far) and, once finished, the outbox record holding the envelope exactly as sent.
import { answersToSend } from './logic.js';
import { localDate, localIso, newId } from './net.js';
import { envelopeParadata } from './paradata.js';

export function newDraft({ username, assignmentId, survey, version, gpsWanted }) {
  const now = localIso();
  return {
    id: newId(), username, assignmentId, survey, surveyVersion: version, answers: {}, stash: {}, committed: {},
    screen: null, startedAt: now, updatedAt: now, paradata: { screens: [], changedAnswers: 0 }, gps: null, gpsWanted,
  };
}

/**
 * The POST /api/v1/responses body. Built once, stored in the outbox and resent unchanged: the server knows a
 * resend by its id and identical content. completedAt carries the device's offset, so its date is local.
 */
export function buildEnvelope(draft, model, paradataSnapshot) {
  const { answers } = answersToSend(model, draft.answers, localDate());
  return {
    id: draft.id, survey: draft.survey, surveyVersion: draft.surveyVersion, assignmentId: draft.assignmentId, answers,
    startedAt: draft.startedAt, completedAt: localIso(), paradata: envelopeParadata(paradataSnapshot, draft.gps),
  };
}

export function outboxRecord(draft, envelope) {
  return {
    id: draft.id, username: draft.username, assignmentId: draft.assignmentId, survey: draft.survey,
    surveyVersion: draft.surveyVersion, state: 'waiting', envelope, finishedAt: envelope.completedAt, attempts: 0, error: null,
  };
}
