// How long to wait before trying a send again: exponential backoff with jitter, so that devices which lost the server
// together do not all come back at the same instant.

/**
 * Delay before retry number `attempt` (1, 2, ...): half fixed, half random, from `baseMs` doubling up to `capMs`.
 * @example backoffDelay(2, { baseMs: 5000, capMs: 900000 }, () => 0) // 5000 (half of 10 s)
 */
export function backoffDelay(attempt, { baseMs, capMs }, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
