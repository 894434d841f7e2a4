// The phone's signed, HttpOnly device cookie for ratings by counter QR code: a random id and its HMAC under the
// server's secret, so one phone rates a counter once a day (the id is only ever stored hashed). Clearing cookies
// gives a new id: the per-address and per-counter limits and the burst detector are the second line.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const raterCookie = 'langnghe.rater';
const maxAgeMs = 400 * 86_400_000;

export interface RaterCookies {
  /** The verified device id, or null without a valid cookie. */
  read(req: Request): string | null;
  /** The verified id, or a new one set on the answer. */
  ensure(req: Request, res: Response): string;
}

export function raterCookies(secret: string, secure: boolean): RaterCookies {
  const key = createHmac('sha256', secret).update('langnghe.rater').digest();
  const mac = (id: string): Buffer => createHmac('sha256', key).update(id).digest();
  const read = (req: Request): string | null => {
    const match = new RegExp(
      `(?:^|;\\s*)${raterCookie.replace('.', '\\.')}=([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})(?:;|$)`,
    ).exec(req.headers.cookie ?? '');
    if (!match?.[1] || !match[2]) return null;
    const given = Buffer.from(match[2], 'base64url');
    const expected = mac(match[1]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? match[1] : null;
  };
  return {
    read,
    ensure(req, res) {
      const known = read(req);
      if (known) return known;
      const id = randomBytes(16).toString('base64url');
      res.cookie(raterCookie, `${id}.${mac(id).toString('base64url')}`, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: maxAgeMs,
        path: '/',
      });
      return id;
    },
  };
}
