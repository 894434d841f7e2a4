// View models of interview review: texts in the page's language, numbers as Vietnamese write them, times in
// Vietnam's wall-clock time, and the review form's fields (a comment box under each answer).
import type { Lang } from '../../domain/errors.js';
import type { InterviewFlag } from '../../domain/review/interview-flags.js';
import { reviewStatusLabels, type ReviewStatus } from '../../domain/review/review-status.js';
import type { InterviewPage, InterviewReview } from '../../services/fieldwork/interview-review.js';
import { formatNumber, formatVietnamTime, pickLabel, type Translate } from '../i18n/index.js';

const fill = (text: string, values: Record<string, string>): string =>
  Object.entries(values).reduce((t, [k, v]) => t.split(`{${k}}`).join(v), text);

export const statusLabel = (status: ReviewStatus, lang: Lang): string => reviewStatusLabels[status][lang];

/** Minutes with at most one decimal, as /supervise shows them (5 / 29,5 phút). */
const formatMinutes = (value: number, lang: Lang): string =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
const minutes = (value: number | null, lang: Lang): string => (value === null ? '–' : formatMinutes(value, lang));

/** 75 seconds as "1:15". */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "2026-11-23 14:30 – 15:02", the end's day only when it differs. */
function timeRange(started: string | null, completed: string): string {
  const end = formatVietnamTime(completed);
  if (!started) return end;
  const start = formatVietnamTime(started);
  return `${start} – ${start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end}`;
}

export function interviewListView(page: InterviewPage, lang: Lang) {
  return {
    ...page,
    interviews: page.interviews.map((i) => ({
      ...i,
      shortId: i.id.slice(0, 8),
      received: formatVietnamTime(i.receivedAt),
      minutesText: minutes(i.minutes, lang),
      statusText: statusLabel(i.status, lang),
    })),
  };
}

function flagText(flag: InterviewFlag, t: Translate, lang: Lang): string {
  switch (flag.code) {
    case 'short':
      return fill(t('review.flag.short'), {
        minutes: formatMinutes(flag.minutes, lang),
        median: formatMinutes(flag.medianMinutes, lang),
      });
    case 'open_conflict':
      return fill(t('review.flag.open_conflict'), { count: String(flag.count) });
    case 'corrected':
      return fill(t('review.flag.corrected'), { version: String(flag.version) });
    default:
      return t('review.flag.consent_declined');
  }
}

/**
 * The interview page. `form` is what a refused review sent (shown again as typed); otherwise the form starts from
 * the current state and, while the interview is returned, the comments that returned it.
 */
export function interviewReviewView(
  r: InterviewReview,
  t: Translate,
  lang: Lang,
  form: Readonly<Record<string, string>> | null = null,
) {
  const say = (label: { vi: string; en?: string | undefined } | null) => (label ? pickLabel(label, lang) : null);
  const typed = (name: string, otherwise: string): string => (form ? (form[name] ?? '') : otherwise);
  return {
    id: r.id,
    shortId: r.id.slice(0, 8),
    surveyTitle: say(r.survey.title) ?? r.survey.code,
    survey: r.survey,
    surveyor: r.surveyor,
    household: r.household,
    timeRange: timeRange(r.startedAt, r.completedAt),
    received: formatVietnamTime(r.receivedAt),
    minutes: minutes(r.minutes, lang),
    status: r.status,
    statusText: statusLabel(r.status, lang),
    version: r.version,
    flags: r.flags.map((f) => ({ code: f.code, text: flagText(f, t, lang) })),
    sections: r.sheet.map((s) => ({
      id: s.id,
      title: say(s.title),
      questions: s.questions.map((q) => ({
        id: q.id,
        label: say(q.label),
        items: q.items.map((i) => ({
          field: i.field,
          label: say(i.label),
          answer: say(i.answer),
          missing: i.missing,
          comment: typed(`comments.${i.field}`, r.returnComments[i.field] ?? ''),
        })),
      })),
    })),
    screens: r.screens.map((s) => ({ title: say(s.title), time: clock(s.seconds), visits: s.visits })),
    screensTotal: clock(r.screens.reduce((sum, s) => sum + s.seconds, 0)),
    gps: r.gps && {
      lat: formatNumber(r.gps.lat, lang, 5),
      lon: formatNumber(r.gps.lon, lang, 5),
      accuracy: r.gps.accuracy === null ? null : formatNumber(r.gps.accuracy, lang, 0),
      at: r.gps.at ? formatVietnamTime(r.gps.at) : null,
    },
    versions: r.versions.map((v) => ({
      heading: fill(t('review.versionReceived'), {
        version: String(v.version),
        time: formatVietnamTime(v.receivedAt),
        who: v.submittedBy,
      }),
      first: v.version === 1,
      changes: v.changes.map((c) => ({
        field: c.field,
        label: say(c.label),
        before: say(c.before) ?? '–',
        after: say(c.after) ?? '–',
      })),
    })),
    reviews: r.reviews.map((p) => ({
      statusText: statusLabel(p.status, lang),
      status: p.status,
      by: fill(t('review.by'), { who: p.reviewer, time: formatVietnamTime(p.reviewedAt), version: String(p.version) }),
      comment: p.comment,
      comments: p.comments.map((c) => ({ label: say(c.label), comment: c.comment })),
    })),
    decisions: (['approved', 'has_issues', 'rejected'] as const).map((d) => ({
      value: d,
      label: statusLabel(d, lang),
    })),
    form: { decision: typed('decision', r.status === 'none' ? '' : r.status), comment: typed('comment', '') },
  };
}
