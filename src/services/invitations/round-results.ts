// The results of an invitation round for analysts and admins: response rates per group and the summary of the
// answers (counts, means, shares; optionally reweighted to the list's groups). Nothing here carries a name, a
// contact or a token: only groups and answers, and no summary until enough have answered to hide any one of them.
import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../../context.js';
import {
  findInvitationRoundByCode,
  listAnswersByInvitationRound,
  listParticipantsByRound,
} from '../../db/queries/invitations.js';
import { DomainError, type Lang } from '../../domain/errors.js';
import { groupRates, type GroupRate } from '../../domain/invitations/participant-list.js';
import { minimumAnswersForSummary, summariseRound, type RoundSummary } from '../../domain/invitations/round-summary.js';
import { spreadsheetCell } from '../../domain/results/spreadsheet-cell.js';

export interface InvitationResults {
  code: string;
  label: string;
  survey: string;
  surveyVersion: string;
  rates: GroupRate[];
  /** Null until at least `minimumAnswers` have answered. */
  summary: RoundSummary | null;
  minimumAnswers: number;
}

export async function invitationResults(ctx: AppContext, code: string): Promise<InvitationResults> {
  const round = await findInvitationRoundByCode(ctx.db, code);
  if (!round) throw new DomainError('invitation_round_not_found');
  const people = await listParticipantsByRound(ctx.db, round.id);
  const rows = await listAnswersByInvitationRound(ctx.db, round.id);
  const invited = new Map<string, number>();
  for (const p of people) invited.set(p.grp, (invited.get(p.grp) ?? 0) + 1);
  const survey = await ctx.surveys.version(round.survey_code, round.survey_version);
  const summary =
    rows.length >= minimumAnswersForSummary
      ? summariseRound({
          definition: survey.questionnaire.definition,
          answers: rows.map((r) => ({
            group: r.respondent_group ?? '',
            answers: JSON.parse(r.answers_json) as Record<string, unknown>,
          })),
          invited,
        })
      : null;
  return {
    code: round.code,
    label: round.label,
    survey: round.survey_code,
    surveyVersion: round.survey_version,
    rates: groupRates(people.map((p) => ({ grp: p.grp, submitted: p.submitted_day !== null }))),
    summary,
    minimumAnswers: minimumAnswersForSummary,
  };
}

const figure = (v: number | null | undefined): string => (v === null || v === undefined ? '' : v.toFixed(4));

/** The summary as CSV, one row per field and per item, spreadsheet-safe; empty of rows below the minimum. */
export function invitationResultsCsv(r: InvitationResults, lang: Lang): string {
  const head = [
    'level',
    'id',
    'label',
    'answered',
    'dont_know_or_missing',
    'mean_1_5',
    'mean_1_5_reweighted',
    'share_positive',
    'share_positive_reweighted',
    'counts',
  ];
  const rows: string[][] = [];
  for (const f of r.summary?.fields ?? []) {
    const label = lang === 'en' ? (f.title.en ?? f.title.vi) : f.title.vi;
    rows.push([
      'field',
      f.id,
      label,
      '',
      '',
      figure(f.mean.raw),
      figure(f.mean.reweighted),
      figure(f.positive?.raw),
      figure(f.positive?.reweighted),
      '',
    ]);
    for (const i of f.items)
      rows.push([
        'item',
        i.id,
        lang === 'en' ? (i.label.en ?? i.label.vi) : i.label.vi,
        String(i.answered),
        String(i.missing),
        figure(i.mean.raw),
        figure(i.mean.reweighted),
        figure(i.positive?.raw),
        figure(i.positive?.reweighted),
        i.counts.map((c) => `${c.value}:${c.count}`).join(' '),
      ]);
  }
  return `\uFEFF${stringify(
    [head, ...rows].map((row) => row.map((c) => spreadsheetCell(c))),
    { record_delimiter: '\r\n' },
  )}`;
}
