// Flood limits for ratings from citizens' own phones and for invitation links (rate-limiter-flexible, as the
// kiosk's): hard caps per address and per counter answer 429; above the softer burst threshold a counter's ratings
// are stored but held for review. Budgets are counted where `makeLimiter` puts them: shared by every app process on
// PostgreSQL (src/db/rate-limit-store.ts), in memory on SQLite (one process).
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { inMemoryLimiter, type MakeLimiter } from '../../db/rate-limit-store.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';

export interface PublicRatingLimits {
  /** Counts one request from the address, or throws rate_limited (before the body is read). */
  consumeAddress(ip: string): Promise<void>;
  /** Counts one rating for the counter, or throws rate_limited. */
  consumeCounter(counterId: number): Promise<void>;
  /** Counts one rating towards the counter's burst window: true when it is beyond the threshold (hold it). */
  isBurst(counterId: number): Promise<boolean>;
  /** Counts one save or submission on an invitation link from the address, or throws rate_limited. */
  consumeInvitation(ip: string): Promise<void>;
}

/** True when the budget is spent; a store that failed (its database away) is not a rate limit and is thrown. */
async function spent(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    return res;
  }
}

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  field: string,
  why: 'rating_flood' | 'invitation_flood' = 'rating_flood',
): Promise<void> {
  const res = await spent(limiter, key);
  if (!res) return;
  const wait = Math.max(1, Math.ceil((res.msBeforeNext ?? 1000) / 1000));
  throw new DomainError('rate_limited', [detail(field, why, { seconds: wait })], {
    retryAfterSeconds: wait,
  });
}

export function createPublicRatingLimits(
  config: Config['publicRatings'],
  makeLimiter: MakeLimiter = inMemoryLimiter,
): PublicRatingLimits {
  const address = makeLimiter({ keyPrefix: 'pr_ip', points: config.perAddressPerHour, duration: 3600 });
  const counter = makeLimiter({ keyPrefix: 'pr_counter', points: config.perCounterPerMinute, duration: 60 });
  const burst = makeLimiter({ keyPrefix: 'pr_burst', points: config.burstPer10Minutes, duration: 600 });
  const invitation = makeLimiter({ keyPrefix: 'inv_ip', points: config.invitationsPerAddressPerHour, duration: 3600 });
  return {
    consumeAddress: (ip) => consume(address, ip, 'address'),
    consumeCounter: (counterId) => consume(counter, String(counterId), 'counter'),
    isBurst: async (counterId) => (await spent(burst, String(counterId))) !== null,
    consumeInvitation: (ip) => consume(invitation, ip, 'address', 'invitation_flood'),
  };
}
