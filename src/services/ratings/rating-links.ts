// Minting per-dossier rating links (API with a `rating-links` service token, CLI, or offline by the dossier system
// from docs/rating-links.md). The counter's shared secret is made with its first link; each minted link is
// recorded, so the links' response rate is ratings / links issued.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ensureLinkSecret, insertRatingLink } from '../../db/queries/citizen-ratings.js';
import { findCounterByCode } from '../../db/queries/kiosk.js';
import { inTransaction } from '../../db/transaction.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { parseInput } from '../../domain/parse-input.js';
import { counterCodePattern, dossierPattern } from '../kiosk/codes.js';
import { signLink } from './link-token.js';
import { tokenHashOf } from './targets.js';

export const mintRequestSchema = z.strictObject({
  counter: z.string().regex(counterCodePattern),
  dossierCode: z.string().trim().regex(dossierPattern, 'dossier code format: e.g. 000.00.12.H56-240315-0001'),
  days: z.number().int().min(1).max(365).optional(),
});

export interface MintedLink {
  token: string;
  path: string;
  counter: string;
  dossierCode: string;
  issuedAt: string;
  expiresAt: string;
}

/** Mints a link for a returned dossier; `mintedBy` says how ('api', 'cli', 'admin'). */
export async function mintRatingLink(ctx: AppContext, input: unknown, mintedBy: string): Promise<MintedLink> {
  const req = parseInput(mintRequestSchema, input);
  const now = ctx.clock.now();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + (req.days ?? ctx.config.publicRatings.linkDays) * 86_400;
  return inTransaction(ctx.db, async (trx) => {
    const counter = await findCounterByCode(trx, req.counter);
    if (!counter)
      throw new DomainError('counter_not_found', [detail('counter', 'no_counter', { counter: req.counter })]);
    const secret = counter.link_secret ?? (await ensureLinkSecret(trx, counter.id, randomBytes(32).toString('hex')));
    const token = signLink(secret, { counter: counter.code, dossierCode: req.dossierCode, issuedAt, expiresAt });
    const row = {
      token_hash: tokenHashOf(token),
      counter_id: counter.id,
      dossier_code: req.dossierCode,
      issued_at: new Date(issuedAt * 1000).toISOString(),
      expires_at: new Date(expiresAt * 1000).toISOString(),
      minted_by: mintedBy,
    };
    await insertRatingLink(trx, row);
    return {
      token,
      path: `/r/d/${token}`,
      counter: counter.code,
      dossierCode: req.dossierCode,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
    };
  });
}

/** The counter's shared secret for offline minting (made now if it has none); for admins and the CLI only. */
export async function counterLinkSecret(ctx: AppContext, code: string): Promise<string> {
  return inTransaction(ctx.db, async (trx) => {
    const counter = await findCounterByCode(trx, code);
    if (!counter) throw new DomainError('counter_not_found', [detail('counter', 'no_counter', { counter: code })]);
    return counter.link_secret ?? ensureLinkSecret(trx, counter.id, randomBytes(32).toString('hex'));
  });
}
