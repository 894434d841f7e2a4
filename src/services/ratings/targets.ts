// What a phone rates: a counter (its QR code) or one dossier at a counter (a signed link). A link is checked here,
// before anything is read or stored: well-formed, signed with its counter's secret, not expired, not used.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { findLinkUseByTokenHash } from '../../db/queries/citizen-ratings.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { cachedCounterByCode } from './counter-cache.js';
import { readLink, signatureValid } from './link-token.js';

export interface RatingTarget {
  channel: 'qr' | 'link';
  counterId: number;
  counter: string;
  survey: string;
  /** The link's dossier (a QR rating's dossier code is optional and comes with the rating). */
  dossier: string | null;
  tokenHash: string | null;
  /** The link is already recorded (minted by this server, or seen before): nothing to record when it is used. */
  recorded?: boolean;
  issuedAt?: string;
  expiresAt?: string;
}

export const tokenHashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const forged = (): DomainError => new DomainError('invalid_link', [detail('token', 'link_forged')]);

/**
 * The link's target (`resendOf`: the id of the rating being sent), or invalid_link (401), link_expired (410) or
 * link_used (410).
 */
export async function verifiedLink(
  ctx: AppContext,
  token: string,
  now: Date,
  resendOf?: string,
): Promise<RatingTarget> {
  const link = readLink(token);
  if (!link) throw forged();
  const counter = await cachedCounterByCode(ctx, link.claims.counter, true);
  if (!counter || counter.link_secret === null || !signatureValid(counter.link_secret, link)) throw forged();
  const expiresAt = new Date(link.claims.expiresAt * 1000);
  if (expiresAt.getTime() <= now.getTime())
    throw new DomainError('link_expired', [detail('token', 'link_expired_on', { at: expiresAt.toISOString() })]);
  const tokenHash = tokenHashOf(token);
  const use = await findLinkUseByTokenHash(ctx.db, tokenHash);
  // The rating that used it may be sent again (a lost answer): storing finds it a duplicate.
  if (use?.used_at && use.response_id !== resendOf)
    throw new DomainError('link_used', [detail('token', 'link_used_before')]);
  return {
    channel: 'link',
    counterId: counter.id,
    counter: counter.code,
    survey: counter.survey_code,
    dossier: link.claims.dossierCode,
    tokenHash,
    recorded: use !== undefined,
    issuedAt: new Date(link.claims.issuedAt * 1000).toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
}
