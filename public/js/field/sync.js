// Sends the outbox, then the non-response outcomes recorded offline, through the shared outbox (one run at a time,
// in order, backoff with jitter). Only a 201/200 removes answers (or an outcome) from the device; what the server
// will not accept as it is (409, 422, 403, 404, 413, 400) waits as "needs attention".
import { backoffDelay as sharedBackoff } from '../shared/backoff.js';
import { createOutbox, deliver } from '../shared/outbox.js';
import { localIso } from './local-time.js';
import { allOutbox, kvGet, kvSet, markSent, pendingDispositions, updateDispositions, updateOutbox } from './store.js';

/** From 5 s doubling to 15 minutes: a phone may spend a day out of reach, and its battery matters. */
const BACKOFF = { baseMs: 5000, capMs: 15 * 60 * 1000 };

/** Delay before retry number `attempt` (1, 2, ...): half fixed, half random, doubling up to 15 minutes. */
export const backoffDelay = (attempt, random = Math.random) => sharedBackoff(attempt, BACKOFF, random);

/** An interview as an outbox item: posted with its stored envelope; once sent, only a small marker stays. */
const interviewItem = (record, token) => ({
  id: record.id,
  token,
  path: '/api/v1/responses',
  body: record.envelope,
  update: (change) => updateOutbox(record.id, change),
  sent: async (data) => {
    await markSent(record.id, data && data.status, localIso());
    await markAssignmentDone(record.assignmentId);
  },
});

/** A visit outcome as an outbox item: the server answers a resend of the same outcome 200 "duplicate". */
const outcomeItem = (d, token) => ({
  id: `disposition:${d.assignmentId}`,
  token,
  path: `/api/v1/assignments/${encodeURIComponent(d.assignmentId)}/disposition`,
  body: d.body,
  update: (change) =>
    updateDispositions((all) =>
      all[d.assignmentId] ? { ...all, [d.assignmentId]: change(all[d.assignmentId]) } : all,
    ),
  sent: async () => {
    await updateDispositions(({ [d.assignmentId]: _sent, ...rest }) => rest);
    status.dispositionsSent += 1;
  },
});

/** The surveyor's waiting interviews, oldest first, then their waiting outcomes; nothing without a sign-in. */
async function pending() {
  const [token, me] = [await kvGet('token'), await kvGet('me')];
  if (!token || !me) return [];
  const mine = (r) => r.state === 'waiting' && r.username === me.username;
  const queue = (await allOutbox()).filter((r) => mine(r) && r.envelope);
  queue.sort((a, b) => String(a.finishedAt).localeCompare(String(b.finishedAt)));
  const outcomes = Object.values(await pendingDispositions()).filter(mine);
  return [...queue.map((r) => interviewItem(r, token)), ...outcomes.map((d) => outcomeItem(d, token))];
}

/** Posts one item and records on the device what the server said: sent, or one more attempt and why. */
async function send(item) {
  const result = await deliver(item.path, item.body, item.token);
  if (result.outcome === 'sent') await item.sent(result.data);
  else
    await item.update((x) => ({
      ...x,
      ...(result.outcome === 'refused' ? { state: 'attention' } : {}),
      attempts: (x.attempts ?? 0) + 1,
      error: result.error,
    }));
  return result;
}

const outbox = createOutbox({ lockName: 'langnghe-sync', backoff: BACKOFF, pending, send });

/** `dispositionsSent`: outcomes the server acknowledged since the page last looked (it then reloads the list). */
export const status = Object.assign(outbox.status, { dispositionsSent: 0 });
export const onSyncChange = outbox.onChange;
export const syncNow = outbox.syncNow;
export const startAutoSync = outbox.start;

/** Until the next download of the list, a sent household shows as completed. */
async function markAssignmentDone(assignmentId) {
  const cached = await kvGet('assignments');
  if (!cached || !assignmentId) return;
  const list = cached.list.map((a) =>
    a.id === assignmentId ? { ...a, status: 'completed', disposition: 'completed' } : a,
  );
  await kvSet('assignments', { ...cached, list });
}

/** Puts an interview that needed attention back in the queue (after a supervisor fixed the cause). */
export async function retryRecord(id) {
  await updateOutbox(id, (r) => (r.state === 'attention' ? { ...r, state: 'waiting', error: null } : r));
  return outbox.retryNow();
}
