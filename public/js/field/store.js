// On-device storage (IndexedDB): kv (token, profile, assignments, surveys, unsent non-response outcomes), drafts (one
// per interview in
// progress) and outbox (finished interviews, kept until the server acknowledged them). Drafts and outbox are
// separate stores; the move from one to the other is a single transaction, so an interview is never in neither.
const DB_NAME = 'langnghe-field';
const DB_VERSION = 1;
let opening = null;

function open() {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('kv');
      db.createObjectStore('drafts', { keyPath: 'id' }).createIndex('assignmentId', 'assignmentId');
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('assignmentId', 'assignmentId');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Browsers (iOS Safari in particular) may close the connection; the next call reopens it.
      db.onclose = () => {
        opening = null;
      };
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Runs `work(stores)` in one transaction and resolves once it is committed; retries once on a closed connection. */
async function transact(names, mode, work) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const db = await open();
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(names, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
        const stores = Object.fromEntries(names.map((n) => [n, tx.objectStore(n)]));
        let result;
        Promise.resolve(work(stores)).then(
          (value) => {
            result = value;
          },
          (err) => {
            try {
              tx.abort();
            } catch {
              /* already finished */
            }
            reject(err);
          },
        );
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      });
    } catch (err) {
      const closed = err && (err.name === 'InvalidStateError' || err.name === 'UnknownError');
      if (attempt > 0 || !closed) throw err;
      opening = null;
    }
  }
}

export const kvGet = (key) => transact(['kv'], 'readonly', ({ kv }) => done(kv.get(key)));
export const kvSet = (key, value) => transact(['kv'], 'readwrite', ({ kv }) => done(kv.put(value, key)));
export const kvDelete = (key) => transact(['kv'], 'readwrite', ({ kv }) => done(kv.delete(key)));

export const putDraft = (draft) => transact(['drafts'], 'readwrite', ({ drafts }) => done(drafts.put(draft)));
export const allDrafts = () => transact(['drafts'], 'readonly', ({ drafts }) => done(drafts.getAll()));
export const draftForAssignment = (assignmentId) =>
  transact(['drafts'], 'readonly', ({ drafts }) => done(drafts.index('assignmentId').get(assignmentId)));
export const deleteDraft = (id) => transact(['drafts'], 'readwrite', ({ drafts }) => done(drafts.delete(id)));

export const allOutbox = () => transact(['outbox'], 'readonly', ({ outbox }) => done(outbox.getAll()));
export const getOutbox = (id) => transact(['outbox'], 'readonly', ({ outbox }) => done(outbox.get(id)));
export const outboxForAssignment = (assignmentId) =>
  transact(['outbox'], 'readonly', ({ outbox }) => done(outbox.index('assignmentId').get(assignmentId)));

/**
 * Moves a finished interview from drafts to the outbox in one transaction. If the outbox already holds this
 * id (a second tap on "send"), the stored envelope is kept unchanged: a resend must be byte-identical.
 */
export const finalizeDraft = (draftId, record) =>
  transact(['drafts', 'outbox'], 'readwrite', async ({ drafts, outbox }) => {
    const existing = await done(outbox.get(record.id));
    if (!existing) await done(outbox.put(record));
    await done(drafts.delete(draftId));
    return existing ?? record;
  });

/** Whether the server refused an interview's answers as they are: it stored nothing, so they may be corrected. */
export const correctable = (record) => record.state === 'attention' && record.error?.code === 'invalid_answers';

/** Moves a correctable interview back to drafts in one transaction (`toDraft` builds the draft); null otherwise. */
export const reopenRecord = (id, toDraft) =>
  transact(['drafts', 'outbox'], 'readwrite', async ({ drafts, outbox }) => {
    const record = await done(outbox.get(id));
    if (!record || !correctable(record)) return null;
    const draft = toDraft(record);
    await done(drafts.put(draft));
    await done(outbox.delete(id));
    return draft;
  });

/**
 * Puts an interview a supervisor returned back in drafts under its own id (so that its correction is sent as the
 * interview's new version), in one transaction with removing the "sent" marker the outbox kept for that id:
 * finalizeDraft would otherwise keep the marker and drop the correction. A draft already there is kept (reopened
 * before); null while the outbox holds an unsent copy of the interview.
 */
export const reopenReturnedDraft = (draft) =>
  transact(['drafts', 'outbox'], 'readwrite', async ({ drafts, outbox }) => {
    const existing = await done(drafts.get(draft.id));
    if (existing) return existing;
    const record = await done(outbox.get(draft.id));
    if (record && record.state !== 'sent') return null;
    if (record) await done(outbox.delete(draft.id));
    await done(drafts.put(draft));
    return draft;
  });

/** Updates an outbox record in place; `change` gets the stored record and returns the new one. */
export const updateOutbox = (id, change) =>
  transact(['outbox'], 'readwrite', async ({ outbox }) => {
    const record = await done(outbox.get(id));
    if (!record) return null;
    const next = change(record);
    await done(outbox.put(next));
    return next;
  });

/** After the server's acknowledgement only: the answers leave the device, a small "sent" marker stays. */
export const markSent = (id, serverStatus, sentAt) =>
  updateOutbox(id, (record) => {
    const { envelope: _sent, ...rest } = record;
    return { ...rest, state: 'sent', serverStatus, sentAt, error: null };
  });

/**
 * Non-response outcomes recorded on this device and not yet acknowledged, by assignment id (kept in kv: a
 * household has at most one). Changed in one transaction so that the page and a sync run cannot lose an update.
 */
export const pendingDispositions = async () => (await kvGet('dispositions')) ?? {};
export const updateDispositions = (change) =>
  transact(['kv'], 'readwrite', async ({ kv }) => {
    const next = change((await done(kv.get('dispositions'))) ?? {});
    await done(kv.put(next, 'dispositions'));
    return next;
  });

export const deleteOutbox = (id) => transact(['outbox'], 'readwrite', ({ outbox }) => done(outbox.delete(id)));
