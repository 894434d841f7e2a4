// Login throttling (rate-limiter-flexible). An attempt is taken from every budget *before* the password is
// hashed, so parallel guesses cannot all slip past a check that runs before the slow hash; a success gives
// the attempt back. Budgets: consecutive failures per (account, address) pair, failures per address per
// hour, and a slower budget per account across all addresses. Locking by pair means a stranger cannot lock
// someone out from their own address; the per-account budget still stops a guesser who rotates addresses,
// at the price that such a guesser can lock the account for everyone (docs/security.md says so).
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { inMemoryLimiter, type MakeLimiter } from '../../db/rate-limit-store.js';
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

/** `makeLimiter`: where budgets are counted (shared by all processes on PostgreSQL; rate-limit-store.ts). */
export function createLoginThrottle(
  config: Config['login'],
  makeLimiter: MakeLimiter = inMemoryLimiter,
): LoginThrottle {
  const blockSeconds = Math.round(config.blockMinutes * 60);
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    makeLimiter({ keyPrefix, points, duration, blockDuration: blockSeconds });
  const budgets = [
    { limiter: limiter('login_pair', config.maxFailuresPerUser, blockSeconds), key: pairKey },
    { limiter: limiter('login_ip', config.maxFailuresPerIp, 3600), key: (_u: string, ip: string) => ip },
    { limiter: limiter('login_account', config.maxFailuresPerAccount, 3600), key: (u: string) => u },
  ];

  return {
    async reserve(username, ip) {
      const user = throttleKey(username);
      const keys = budgets.map((b) => b.key(user, ip));
      // One budget after the other, the pair's first: a flood of parallel guesses spends the pair's budget and
      // never reaches the address's or the account's (with budgets shared in a database, taking all three at
      // once would let 60 parallel guesses at one account block the whole address).
      for (const [i, budget] of budgets.entries()) {
        try {
          await budget.limiter.consume(keys[i] as string);
        } catch (refusal) {
          // The attempt is not made, so what it took from the budgets before this one goes back.
          await Promise.all(budgets.slice(0, i).map((b, j) => b.limiter.reward(keys[j] as string, 1)));
          const spent = await Promise.all(budgets.slice(i + 1).map((b, j) => b.limiter.get(keys[i + 1 + j] as string)));
          const others = spent.filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0);
          throw new DomainError('too_many_attempts', [], { retryAfterSeconds: retryAfter([refusal, ...others]) });
        }
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

/** Unambiguous for any name, and without NUL (which PostgreSQL's text, where budgets may be kept, refuses). */
function pairKey(user: string, ip: string): string {
  return JSON.stringify([user, ip]);
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
