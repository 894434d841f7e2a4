// The consent convention: a questionnaire whose yes/no question has the id `consent` asks for it before the
// interview, and an answer of 0 (no) means the person declined. Such an interview is a refusal, never a
// completed interview: it releases a reserve like any refusal and is left out of every estimate and export. An
// interview a supervisor rejected is left out the same way (review/review-status.ts).
import { countsInEstimates, type ReviewStatus } from '../review/review-status.js';
import type { AnswerValue } from './coerce.js';

export const consentQuestionId = 'consent';

/**
 * @example declinedConsent({ consent: 0 }) // true
 * @example declinedConsent({ consent: 1, gender: 2 }) // false (and false with no consent question at all)
 */
export function declinedConsent(answers: Readonly<Record<string, AnswerValue>>): boolean {
  return answers[consentQuestionId] === 0;
}

/**
 * Whether a stored response counts as a respondent in estimates and exports: its household (when it has one)
 * is recorded as completed, consent was not declined, and no supervisor rejected it.
 * @example isRespondent('completed', { consent: 1 }, 'rejected') // false
 */
export function isRespondent(
  householdDisposition: string | null,
  answers: Readonly<Record<string, AnswerValue>>,
  reviewStatus: ReviewStatus = 'none',
): boolean {
  return (
    (householdDisposition === null || householdDisposition === 'completed') &&
    !declinedConsent(answers) &&
    countsInEstimates(reviewStatus)
  );
}
