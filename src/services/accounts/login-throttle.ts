// Login throttling (rate-limiter-flexible). An attempt is taken from every budget *before* the password is
// hashed, so parallel guesses cannot all slip past a check that runs before the slow hash; a success gives
// the attempt back. Budgets: consecutive failures per (account, address) pair, failures per address per
// hour, and a slower budget per account across all addresses. Locking by pair means a stranger cannot lock
// someone out from their own address; the per-account budget still stops a guesser who rotates addresses,
// at the price that such a guesser can lock the account for everyone (docs/security.md says so).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { DomainError } from '../../domain/errors.js';

export interface LoginAttempt {
  /** The password was right: the attempt is given back and the pair's consecutive failures are forgotten. */
  succeeded(): Promise<void>;
}

export interface LoginThrottle {
  /** Takes one attempt from every budget; throws too_many_attempts (with retryAfterSeconds) when any is spent. */
  reserve(username: string, ip: string): Promise<LoginAttempt>;
}

/** Names are compared trimmed and in lower case, so "Lan " and "lan" share one budget. */
export const throttleKey = (username: string): string => username.trim().toLowerCase();

export function createLoginThrottle(config: Config['login']): LoginThrottle {
  const blockSeconds = Math.round(config.blockMinutes * 60);
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterMemory =>
    new RateLimiterMemory({ keyPrefix, points, duration, blockDuration: blockSeconds });
  const budgets = [
    { limiter: limiter('login_pair', config.maxFailuresPerUser, blockSeconds), key: pairKey },
    { limiter: limiter('login_ip', config.maxFailuresPerIp, 3600), key: (_u: string, ip: string) => ip },
    { limiter: limiter('login_account', config.maxFailuresPerAccount, 3600), key: (u: string) => u },
  ];

  return {
    async reserve(username, ip) {
      const user = throttleKey(username);
      const keys = budgets.map((b) => b.key(user, ip));
      const taken = await Promise.allSettled(budgets.map((b, i) => b.limiter.consume(keys[i] as string)));
      const refused = taken.flatMap((t) => (t.status === 'rejected' ? [t.reason as unknown] : []));
      if (refused.length > 0) {
        // The attempt is not made, so what it took from the budgets that still had room goes back.
        await Promise.all(
          budgets.map((b, i) => (taken[i]?.status === 'fulfilled' ? b.limiter.reward(keys[i] as string, 1) : null)),
        );
        throw new DomainError('too_many_attempts', [], { retryAfterSeconds: retryAfter(refused) });
      }
      return {
        async succeeded() {
          const [pair, ...others] = budgets;
          await pair?.limiter.delete(keys[0] as string);
          await Promise.all(others.map((b, i) => b.limiter.reward(keys[i + 1] as string, 1)));
        },
      };
    },
  };
}

function pairKey(user: string, ip: string): string {
  return `${user}\u0000${ip}`;
}

function retryAfter(refused: readonly unknown[]): number {
  let ms = 1000;
  for (const r of refused) {
    // A consume over the limit rejects with RateLimiterRes; anything else is a real error.
    if (!(r instanceof RateLimiterRes)) throw r;
    ms = Math.max(ms, r.msBeforeNext);
  }
  return Math.ceil(ms / 1000);
}
