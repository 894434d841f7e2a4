// Flood limits for ratings from citizens' own phones (rate-limiter-flexible, as the kiosk's): hard caps per address
// and per counter answer 429; above the softer burst threshold a counter's ratings are stored but held for review.
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';

export interface PublicRatingLimits {
  /** Counts one request from the address, or throws rate_limited (before the body is read). */
  consumeAddress(ip: string): Promise<void>;
  /** Counts one rating for the counter, or throws rate_limited. */
  consumeCounter(counterId: number): Promise<void>;
  /** Counts one rating towards the counter's burst window: true when it is beyond the threshold (hold it). */
  isBurst(counterId: number): Promise<boolean>;
}

function refusal(res: unknown, field: string): DomainError {
  const wait = Math.max(1, Math.ceil(((res as RateLimiterRes).msBeforeNext ?? 1000) / 1000));
  return new DomainError('rate_limited', [detail(field, 'rating_flood', { seconds: wait })], {
    retryAfterSeconds: wait,
  });
}

export function createPublicRatingLimits(config: Config['publicRatings']): PublicRatingLimits {
  const address = new RateLimiterMemory({ keyPrefix: 'pr_ip', points: config.perAddressPerHour, duration: 3600 });
  const counter = new RateLimiterMemory({ keyPrefix: 'pr_counter', points: config.perCounterPerMinute, duration: 60 });
  const burst = new RateLimiterMemory({ keyPrefix: 'pr_burst', points: config.burstPer10Minutes, duration: 600 });
  return {
    async consumeAddress(ip) {
      await address.consume(ip).catch((res: unknown) => {
        throw refusal(res, 'address');
      });
    },
    async consumeCounter(counterId) {
      await counter.consume(String(counterId)).catch((res: unknown) => {
        throw refusal(res, 'counter');
      });
    },
    async isBurst(counterId) {
      return burst.consume(String(counterId)).then(
        () => false,
        () => true,
      );
    },
  };
}
