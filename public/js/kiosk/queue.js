// The kiosk's outbox: a rating waits in localStorage only until the server has answered for it (stored, duplicate
// or a final refusal), sent through the shared outbox (one run at a time, backoff with jitter). Items keep the
// shape { envelope } of earlier versions, so ratings queued before an update are still sent.
import { createOutbox, deliver } from '../shared/outbox.js';

const KEY = 'langnghe.kiosk.queue';
/** A counter's tablet sits on the office network: an outage is short, so retry soon (2-4 s) up to each minute. */
const BACKOFF = { baseMs: 4000, capMs: 60000 };

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '[]');
  } catch {
    return [];
  }
}
function write(items) {
  if (items.length === 0) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(items));
}

/**
 * `token()` is the device token of the moment (none: nothing is sent); `onUnauthorized` is told of a 401;
 * `onChange(waiting)` after each run.
 */
export function createRatingQueue({ token, onUnauthorized, onChange }) {
  async function send(item) {
    const result = await deliver('/api/v1/kiosk/ratings', item.envelope, token());
    // Any answer but "try again" is final (stored, duplicate, or refused for good): the rating leaves the tablet.
    if (result.outcome === 'sent' || result.outcome === 'refused')
      write(read().filter((i) => i.envelope.id !== item.id));
    if (result.outcome === 'auth') onUnauthorized();
    return result;
  }
  const pending = async () => (token() ? read().map((i) => ({ id: i.envelope.id, envelope: i.envelope })) : []);
  const outbox = createOutbox({ lockName: 'langnghe-kiosk-sync', backoff: BACKOFF, pending, send });
  outbox.onChange(() => onChange(read().length));

  return {
    /** Keeps the rating (once, by its id) and tries to send it now. */
    add(envelope) {
      const items = read();
      if (!items.some((i) => i.envelope.id === envelope.id)) items.push({ envelope });
      write(items);
      outbox.syncNow();
    },
    /** Sends what is waiting, and again whenever the connection comes back. */
    start: outbox.start,
  };
}
