// The per-dossier rating link's token: base64url(JSON claims) "." base64url(HMAC-SHA256(counter secret, first part)).
// The signature covers the exact text of the first part, so a dossier system may serialise the JSON as it likes;
// docs/rating-links.md gives the recipe and test vectors for systems that mint links offline.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { counterCodePattern, dossierPattern } from '../kiosk/codes.js';

export const linkClaimsSchema = z.strictObject({
  counter: z.string().regex(counterCodePattern),
  dossierCode: z.string().regex(dossierPattern),
  /** Unix seconds. */
  issuedAt: z.number().int().nonnegative(),
  expiresAt: z.number().int().positive(),
});
export type LinkClaims = z.infer<typeof linkClaimsSchema>;

/** Longest token accepted: longer ones are refused unread. */
export const maxTokenLength = 600;

const signature = (secret: string, signed: string): Buffer =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(signed, 'utf8').digest();

export function signLink(secret: string, claims: LinkClaims): string {
  const signed = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${signed}.${signature(secret, signed).toString('base64url')}`;
}

export interface ReadLink {
  claims: LinkClaims;
  signed: string;
  mac: Buffer;
}

/** The token's claims and signature as written, unverified; null when it is not a well-formed token. */
export function readLink(token: string): ReadLink | null {
  if (token.length > maxTokenLength) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = linkClaimsSchema.safeParse(json);
  return claims.success ? { claims: claims.data, signed: match[1], mac: Buffer.from(match[2], 'base64url') } : null;
}

/** Constant-time check of the signature under the counter's secret. */
export function signatureValid(secret: string, link: ReadLink): boolean {
  const expected = signature(secret, link.signed);
  return link.mac.length === expected.length && timingSafeEqual(link.mac, expected);
}
