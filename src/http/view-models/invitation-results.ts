// The results page of an invitation round, with every figure formatted for its reader (81,62%; 3,75).
import type { Lang } from '../../domain/errors.js';
import type { Weighted } from '../../domain/invitations/round-summary.js';
import type { InvitationResults } from '../../services/invitations/round-results.js';
import { formatNumber, formatPercent, pickLabel } from '../i18n/index.js';

const dash = '–';

function pair(w: Weighted | null, format: (v: number) => string): { raw: string; reweighted: string } {
  return {
    raw: w?.raw === null || w === null ? dash : format(w.raw),
    reweighted: w?.reweighted === null || w === null ? dash : format(w.reweighted),
  };
}

export function invitationResultsView(r: InvitationResults, lang: Lang) {
  const mean = (v: number) => formatNumber(v, lang, 2);
  const share = (v: number) => formatPercent(v, lang, 1);
  return {
    code: r.code,
    survey: `${r.survey}@${r.surveyVersion}`,
    rates: r.rates.map((g) => ({ ...g, rateText: formatPercent(g.rate, lang) })),
    minimumAnswers: r.minimumAnswers,
    answered: r.rates.find((g) => g.group === '')?.submitted ?? 0,
    reweightProblem: r.summary?.reweightProblem ?? null,
    fields: (r.summary?.fields ?? []).map((f) => ({
      id: f.id,
      title: pickLabel(f.title, lang),
      mean: pair(f.mean, mean),
      positive: pair(f.positive, share),
      items: f.items.map((i) => ({
        id: i.id,
        label: pickLabel(i.label, lang),
        answered: i.answered,
        missing: i.missing,
        mean: pair(i.mean, mean),
        positive: pair(i.positive, share),
        counts: i.counts.map((c) => `${pickLabel(c.label, lang)}: ${c.count}`).join(' · '),
      })),
    })),
    hasSummary: r.summary !== null,
  };
}
