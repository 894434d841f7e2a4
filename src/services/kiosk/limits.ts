// Server-side flood protection for kiosks (rate-limiter-flexible): per device, a minimum gap between ratings
// and a cap per hour; per address, a cap on pairing attempts so codes cannot be guessed.
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { inMemoryLimiter, type MakeLimiter } from '../../db/rate-limit-store.js';
import { DomainError } from '../../domain/errors.js';

export interface KioskLimits {
  /** Consumes one rating for the device or throws rate_limited with the seconds to wait. */
  consumeRating(deviceId: number): Promise<void>;
  consumePairingAttempt(ip: string): Promise<void>;
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    // A spent budget rejects with RateLimiterRes; a store that failed (its database away) is not a rate limit.
    if (!(res instanceof RateLimiterRes)) throw res;
    const wait = Math.max(1, Math.ceil(((res as RateLimiterRes).msBeforeNext ?? 1000) / 1000));
    throw new DomainError('rate_limited', [], { retryAfterSeconds: wait });
  }
}

export function createKioskLimits(config: Config['kiosk'], makeLimiter: MakeLimiter = inMemoryLimiter): KioskLimits {
  const gap =
    config.minIntervalSeconds > 0
      ? makeLimiter({ keyPrefix: 'kiosk_gap', points: 1, duration: config.minIntervalSeconds })
      : null;
  const hourly = makeLimiter({ keyPrefix: 'kiosk_hour', points: config.maxPerHour, duration: 3600 });
  const pairing = makeLimiter({ keyPrefix: 'kiosk_pair', points: 10, duration: 600 });
  return {
    async consumeRating(deviceId) {
      if (gap) await consume(gap, String(deviceId));
      await consume(hourly, String(deviceId));
    },
    consumePairingAttempt: (ip) => consume(pairing, ip),
  };
}
