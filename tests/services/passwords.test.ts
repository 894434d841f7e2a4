// Password hashing under a burst: at most a bounded queue waits for the two hash slots, the rest is refused
// with server_busy at once instead of taking every core.
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.js';
import { hashPassword, verifyPassword } from '../../src/services/accounts/passwords.js';

describe('password hashing under a burst', () => {
  it('runs 2 hashes, queues 64 and refuses the rest with server_busy', async () => {
    const stored = await hashPassword('a-long-password', 1024);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => verifyPassword(i === 0 ? 'a-long-password' : `wrong-${i}`, stored)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(66);
    expect(refused).toHaveLength(34);
    for (const r of refused) expect((r.reason as DomainError).code).toBe('server_busy');
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    // Once the burst has drained, hashing works again.
    expect(await verifyPassword('a-long-password', stored)).toBe(true);
  });
});
