// The records an interview goes through on the device: the draft (answers as typed, answers set aside by
// skip logic, paradata so far) and, once finished, the outbox record holding the envelope exactly as sent.
import { answersToSend } from './logic.js';
import { newId } from '../shared/ids.js';
import { today } from '../shared/today.js';
import { localIso } from './local-time.js';
import { envelopeParadata } from './paradata.js';

/**
 * What the phone already knows about a new interview, for the questions that ask it (PAPI's iv_code and
 * iv_line): the surveyor's code and the household's line on the village list, reserves numbered after the
 * primaries. The surveyor can still change them; the shared rules check them like any answer.
 */
export function knownAnswers(questionIds, username, assignment, assignments) {
  const known = {};
  if (questionIds.has('iv_code') && username) known.iv_code = username;
  if (questionIds.has('iv_line') && Number.isInteger(assignment.order)) {
    const primaries = assignments.filter((a) => a.villageCode === assignment.villageCode && !a.isReserve).length;
    known.iv_line = assignment.isReserve ? primaries + assignment.order : assignment.order;
  }
  return known;
}

export function newDraft({ username, assignmentId, survey, version, gpsWanted, answers = {} }) {
  const now = localIso();
  return {
    id: newId(),
    username,
    assignmentId,
    survey,
    surveyVersion: version,
    answers: { ...answers },
    stash: {},
    committed: {},
    screen: null,
    startedAt: now,
    updatedAt: now,
    paradata: { screens: [], changedAnswers: 0 },
    gps: null,
    gpsWanted,
  };
}

/**
 * The POST /api/v1/responses body. Built once, stored in the outbox and resent unchanged: the server knows a
 * resend by its id and identical content. completedAt carries the device's offset, so its date is local.
 */
export function buildEnvelope(draft, model, paradataSnapshot) {
  const { answers } = answersToSend(model, draft.answers, today());
  return {
    id: draft.id,
    survey: draft.survey,
    surveyVersion: draft.surveyVersion,
    assignmentId: draft.assignmentId,
    answers,
    startedAt: draft.startedAt,
    completedAt: localIso(),
    paradata: {
      ...envelopeParadata(paradataSnapshot, draft.gps),
      ...(draft.selection ? { respondentSelection: draft.selection } : {}),
    },
  };
}

/**
 * The draft of an interview whose answers the server refused (422 invalid_answers: nothing was stored under its
 * id), so that the surveyor can correct it. It keeps its id, its start and the paradata gathered so far.
 */
export function draftFromRefused(record) {
  const { answers, startedAt, paradata = {} } = record.envelope;
  return {
    id: record.id,
    username: record.username,
    assignmentId: record.assignmentId,
    survey: record.survey,
    surveyVersion: record.surveyVersion,
    answers: { ...answers },
    stash: {},
    committed: { ...answers },
    screen: null,
    startedAt,
    updatedAt: localIso(),
    paradata: {
      screens: (paradata.screens ?? []).map((s) => ({ ...s })),
      changedAnswers: paradata.changedAnswers ?? 0,
    },
    gps: paradata.gps ?? null,
    gpsWanted: Boolean(paradata.gps),
    selection: paradata.respondentSelection ?? null,
  };
}

export function outboxRecord(draft, envelope) {
  return {
    id: draft.id,
    username: draft.username,
    assignmentId: draft.assignmentId,
    survey: draft.survey,
    surveyVersion: draft.surveyVersion,
    state: 'waiting',
    envelope,
    finishedAt: envelope.completedAt,
    attempts: 0,
    error: null,
  };
}
