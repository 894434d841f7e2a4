// What the phone rating pages show: the counter (by its code, the QR's slug) or a verified per-dossier link, with
// the questionnaire version the rating will use.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { verifiedLink } from './targets.js';
import { cachedCounterByCode } from './counter-cache.js';

export interface PhoneRatingPage {
  counter: string;
  agency: string;
  field: string;
  location: string | null;
  survey: string;
  surveyVersion: string;
  dossier: string | null;
}

async function pageOf(ctx: AppContext, code: string, dossier: string | null): Promise<PhoneRatingPage> {
  const row = await cachedCounterByCode(ctx, code);
  if (!row) throw new DomainError('counter_not_found', [detail('counter', 'no_counter', { counter: code })]);
  const survey = ctx.surveys.current(row.survey_code);
  return {
    counter: row.code,
    agency: row.agency,
    field: row.field,
    location: row.location,
    survey: survey.code,
    surveyVersion: survey.version,
    dossier,
  };
}

export const counterRatingPage = (ctx: AppContext, code: string): Promise<PhoneRatingPage> => pageOf(ctx, code, null);

/** A link's page: invalid_link, link_expired or link_used before anything is shown. */
export async function linkRatingPage(ctx: AppContext, token: string): Promise<PhoneRatingPage> {
  const target = await verifiedLink(ctx, token, ctx.clock.now());
  return pageOf(ctx, target.counter, target.dossier);
}
