// What makes a supervisor look twice at an interview: much shorter than its questionnaire's median, a declined
// consent, a resubmission with other content waiting for a decision, a correction after a return.
export type InterviewFlag =
  | { code: 'short'; minutes: number; medianMinutes: number }
  | { code: 'consent_declined' }
  | { code: 'open_conflict'; count: number }
  | { code: 'corrected'; version: number };

/** An interview shorter than this share of its questionnaire's median duration is flagged for a call-back. */
export const shortInterviewRatio = 0.5;

/** @example isShortInterview(300, 1800) // true: 5 minutes against a median of 30 */
export function isShortInterview(durationSeconds: number | null, medianSeconds: number | null | undefined): boolean {
  return (
    durationSeconds !== null &&
    medianSeconds !== null &&
    medianSeconds !== undefined &&
    durationSeconds < shortInterviewRatio * medianSeconds
  );
}

export function interviewFlags(i: {
  durationSeconds: number | null;
  surveyMedianSeconds: number | null;
  declinedConsent: boolean;
  openConflicts: number;
  version: number;
}): InterviewFlag[] {
  const flags: InterviewFlag[] = [];
  if (isShortInterview(i.durationSeconds, i.surveyMedianSeconds))
    flags.push({
      code: 'short',
      minutes: (i.durationSeconds ?? 0) / 60,
      medianMinutes: (i.surveyMedianSeconds ?? 0) / 60,
    });
  if (i.declinedConsent) flags.push({ code: 'consent_declined' });
  if (i.openConflicts > 0) flags.push({ code: 'open_conflict', count: i.openConflicts });
  if (i.version > 1) flags.push({ code: 'corrected', version: i.version });
  return flags;
}
