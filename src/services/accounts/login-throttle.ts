// Login throttling per account and per address (rate-limiter-flexible): consecutive failures for a username
// and total failures from an address each block further attempts for a while.
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { DomainError } from '../../domain/errors.js';

export interface LoginThrottle {
  /** Throws too_many_attempts when either the account or the address is blocked. */
  check(username: string, ip: string): Promise<void>;
  recordFailure(username: string, ip: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

export function createLoginThrottle(config: Config['login']): LoginThrottle {
  const blockSeconds = Math.round(config.blockMinutes * 60);
  const perUser = new RateLimiterMemory({
    keyPrefix: 'login_user',
    points: config.maxFailuresPerUser,
    duration: blockSeconds,
    blockDuration: blockSeconds,
  });
  const perIp = new RateLimiterMemory({
    keyPrefix: 'login_ip',
    points: config.maxFailuresPerIp,
    duration: 3600,
    blockDuration: blockSeconds,
  });
  const userKey = (username: string): string => username.trim().toLowerCase();

  const blockedFor = (res: RateLimiterRes | null, limit: number): number =>
    res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    async check(username, ip) {
      const [u, a] = await Promise.all([perUser.get(userKey(username)), perIp.get(ip)]);
      const wait = Math.max(blockedFor(u, config.maxFailuresPerUser), blockedFor(a, config.maxFailuresPerIp));
      if (wait > 0) throw new DomainError('too_many_attempts', [], { retryAfterSeconds: wait });
    },
    async recordFailure(username, ip) {
      // A consume that goes over the limit rejects with RateLimiterRes: that is the block starting, not an error.
      await Promise.allSettled([perUser.consume(userKey(username)), perIp.consume(ip)]);
    },
    async recordSuccess(username) {
      await perUser.delete(userKey(username));
    },
  };
}
