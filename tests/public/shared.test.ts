// The browser parts the field app and the kiosk share (public/js/shared), run under Node with the browser globals
// they touch stubbed: ids without crypto.randomUUID, backoff, what a server answer means, and the outbox's runs.
import { webcrypto } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Result {
  outcome: 'sent' | 'retry' | 'auth' | 'refused';
  error?: unknown;
  data?: unknown;
  retryAfterMs?: number;
}
interface Item {
  id: string;
}
interface Outbox {
  status: { sending: string | null; nextAttemptAt: number | null; authExpired: boolean; lastError: string | null };
  syncNow(): Promise<void>;
  retryNow(): Promise<void>;
}
interface Shared {
  newId(): string;
  backoffDelay(attempt: number, backoff: { baseMs: number; capMs: number }, random?: () => number): number;
  deliver(path: string, body: unknown, token?: string): Promise<Result>;
  createOutbox(options: {
    lockName: string;
    backoff: { baseMs: number; capMs: number };
    pending: () => Promise<Item[]>;
    send: (item: Item) => Promise<Result>;
  }): Outbox;
}

/** The browser modules, loaded by URL: they are plain JavaScript without type declarations. */
async function shared(): Promise<Shared> {
  const load = (name: string) => import(new URL(`../../public/js/shared/${name}.js`, import.meta.url).href);
  return { ...(await load('ids')), ...(await load('backoff')), ...(await load('outbox')) } as Shared;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers });

beforeEach(() => {
  vi.stubGlobal('navigator', { onLine: true });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('newId', () => {
  it('makes UUID v4 ids where crypto.randomUUID is missing (a kiosk on plain HTTP)', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => webcrypto.getRandomValues(bytes) });
    expect('randomUUID' in crypto).toBe(false);
    const { newId } = await shared();
    const ids = Array.from({ length: 200 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('backoffDelay', () => {
  it('doubles from half the base up to the cap, half of it random', async () => {
    const { backoffDelay } = await shared();
    const kiosk = { baseMs: 4000, capMs: 60000 };
    expect([1, 2, 3, 5, 9].map((n) => [backoffDelay(n, kiosk, () => 0), backoffDelay(n, kiosk, () => 1)])).toEqual([
      [2000, 4000],
      [4000, 8000],
      [8000, 16000],
      [30000, 60000],
      [30000, 60000],
    ]);
  });
});

describe('deliver', () => {
  const answers: [Response | Error, Partial<Result>][] = [
    [json(201, { status: 'stored' }), { outcome: 'sent', data: { status: 'stored' } }],
    [json(200, { status: 'duplicate' }), { outcome: 'sent' }],
    [
      json(401, { error: { code: 'unauthenticated' } }),
      { outcome: 'auth', error: { status: 401, code: 'unauthenticated' } },
    ],
    [json(503, null), { outcome: 'retry', error: { status: 503, code: null, details: [] }, retryAfterMs: 0 }],
    [json(429, { error: { code: 'rate_limited' } }, { 'Retry-After': '7' }), { outcome: 'retry', retryAfterMs: 7000 }],
    [json(408, null), { outcome: 'retry' }],
    [
      json(409, { error: { code: 'submission_conflict', message: 'm', details: [{ message: 'x' }] } }),
      {
        outcome: 'refused',
        error: { status: 409, code: 'submission_conflict', message: 'm', details: [{ message: 'x' }] },
      },
    ],
    [new TypeError('Failed to fetch'), { outcome: 'retry', error: { code: 'network' } }],
  ];
  it.each(answers.map(([answer, expected], i) => [i, answer, expected] as const))(
    'answer %i means what the outbox expects',
    async (_i, answer, expected) => {
      const fetch = vi.fn(async () => {
        if (answer instanceof Error) throw answer;
        return answer.clone();
      });
      vi.stubGlobal('fetch', fetch);
      const { deliver } = await shared();
      expect(await deliver('/api/v1/kiosk/ratings', { id: 'r1' }, 'kd_token')).toMatchObject(expected);
      expect(fetch).toHaveBeenCalledWith(
        '/api/v1/kiosk/ratings',
        expect.objectContaining({
          method: 'POST',
          body: '{"id":"r1"}',
          headers: expect.objectContaining({ Authorization: 'Bearer kd_token', 'Content-Type': 'application/json' }),
        }),
      );
    },
  );
});

describe('createOutbox', () => {
  const backoff = { baseMs: 4000, capMs: 60000 };

  it('sends in order, stops at the first "retry" and waits at least as long as the server asked', async () => {
    vi.useFakeTimers();
    const { createOutbox } = await shared();
    const sent: string[] = [];
    const results: Record<string, Result> = {
      a: { outcome: 'sent' },
      b: { outcome: 'retry', retryAfterMs: 30000 },
      c: { outcome: 'sent' },
    };
    const outbox = createOutbox({
      lockName: 'test',
      backoff,
      pending: async () => [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      send: async (item) => {
        sent.push(item.id);
        return results[item.id] ?? { outcome: 'sent' };
      },
    });
    const before = Date.now();
    await outbox.syncNow();
    expect(sent).toEqual(['a', 'b']);
    expect(outbox.status.nextAttemptAt).toBe(before + 30000);
    results.b = { outcome: 'sent' };
    await vi.advanceTimersByTimeAsync(30000);
    expect(sent).toEqual(['a', 'b', 'a', 'b', 'c']);
    expect(outbox.status.nextAttemptAt).toBeNull();
  });

  it('stops at a 401 and says so; a run that finds nothing refused clears it', async () => {
    const { createOutbox } = await shared();
    let answer: Result = { outcome: 'auth' };
    const outbox = createOutbox({
      lockName: 'test',
      backoff,
      pending: async () => [{ id: 'a' }],
      send: async () => answer,
    });
    await outbox.syncNow();
    expect(outbox.status.authExpired).toBe(true);
    expect(outbox.status.nextAttemptAt).toBeNull();
    answer = { outcome: 'sent' };
    await outbox.syncNow();
    expect(outbox.status.authExpired).toBe(false);
  });

  it('sends nothing while the browser knows it is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const { createOutbox } = await shared();
    const send = vi.fn(async (): Promise<Result> => ({ outcome: 'sent' }));
    const outbox = createOutbox({ lockName: 'test', backoff, pending: async () => [{ id: 'a' }], send });
    await outbox.syncNow();
    expect(send).not.toHaveBeenCalled();
  });

  it('runs once more for a caller who asked during a run, never two runs at once', async () => {
    const { createOutbox } = await shared();
    let active = 0;
    let most = 0;
    let runs = 0;
    const outbox = createOutbox({
      lockName: 'test',
      backoff,
      pending: async () => {
        runs += 1;
        return [{ id: 'a' }];
      },
      send: async () => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return { outcome: 'sent' };
      },
    });
    await Promise.all([outbox.syncNow(), outbox.syncNow(), outbox.syncNow()]);
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });
});
