// The offline minting recipe of docs/rating-links.md: its test vectors, as printed in the docs, are reproduced by
// the server's signLink and by an independent implementation written here from the recipe's words.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkClaimsSchema, readLink, signLink, signatureValid } from '../../src/services/ratings/link-token.js';

const doc = readFileSync('docs/rating-links.md', 'utf8');
const vectors = [...doc.matchAll(/^\| `([^`]+)` \| `(\{[^`]+\})` \| `([^`]+)` \|$/gm)].map((m) => ({
  secret: m[1]!,
  json: m[2]!,
  token: m[3]!,
}));

/** From the recipe: base64url without padding of the JSON bytes, then of HMAC-SHA256(secret bytes, payload). */
function independent(secret: string, json: string): string {
  const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const payload = b64url(Buffer.from(json, 'utf8'));
  return `${payload}.${b64url(createHmac('sha256', Buffer.from(secret, 'utf8')).update(payload, 'ascii').digest())}`;
}

describe('rating link test vectors in docs/rating-links.md', () => {
  it('lists two vectors', () => expect(vectors).toHaveLength(2));

  it.each(vectors)('$token is what both implementations make and the server accepts', ({ secret, json, token }) => {
    expect(independent(secret, json)).toBe(token);
    expect(signLink(secret, linkClaimsSchema.parse(JSON.parse(json)))).toBe(token);
    const read = readLink(token);
    expect(read && signatureValid(secret, read)).toBe(true);
    expect(read && signatureValid(`${secret}x`, read)).toBe(false);
  });
});
