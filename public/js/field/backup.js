// "Download backup": everything of the surveyor's that the server has not acknowledged, as a file an administrator
// can import (format langnghe-backup, version 1): finished interviews as the outbox would send them, and, for the
// record, drafts still in progress, a draft being discarded, and visit outcomes not yet sent (the import stores
// the interviews; the rest is kept in the file for a supervisor to read).
import { localDate, localIso } from './local-time.js';
import { allDrafts, allOutbox, pendingDispositions } from './store.js';

const draftCopy = (d, extra = {}) => ({
  id: d.id,
  assignmentId: d.assignmentId,
  survey: d.survey,
  surveyVersion: d.surveyVersion,
  answers: d.answers,
  startedAt: d.startedAt,
  updatedAt: d.updatedAt,
  paradata: d.paradata,
  ...extra,
});

export function backupDocument(
  username,
  { records = [], drafts = [], outcomes = [], discarded = [] },
  now = new Date(),
) {
  return {
    format: 'langnghe-backup',
    version: 1,
    exportedAt: now.toISOString(),
    username,
    interviews: records.map((r) => r.envelope),
    drafts: [...drafts.map((d) => draftCopy(d)), ...discarded.map((d) => draftCopy(d, { discardedAt: localIso(now) }))],
    outcomes: outcomes.map((o) => ({
      assignmentId: o.assignmentId,
      ...o.body,
      recordedAt: o.recordedAt,
      state: o.state,
    })),
  };
}

/** What the device holds for the surveyor and has not sent: interviews, drafts (but `except`) and outcomes. */
export async function unsentOf(username, { except = null } = {}) {
  const mine = (x) => x.username === username;
  return {
    records: (await allOutbox()).filter((r) => mine(r) && r.envelope && r.state !== 'sent'),
    drafts: (await allDrafts()).filter((d) => mine(d) && d.id !== except),
    outcomes: Object.values(await pendingDispositions()).filter(mine),
  };
}

/** How many things a backup holds (or would hold). */
export const itemCount = ({ records = [], drafts = [], outcomes = [], discarded = [] }) =>
  records.length + drafts.length + outcomes.length + discarded.length;

/**
 * Saves the file through a Blob and an <a download>; returns how many items it holds (0: no file). `discarded`
 * drafts go into the file whatever else there is, so a draft is in a file before it leaves the phone.
 */
export async function downloadBackup(username, { discarded = [] } = {}) {
  const unsent = await unsentOf(username, { except: discarded[0]?.id ?? null });
  const parts = { ...unsent, discarded };
  const count = itemCount(parts);
  if (count === 0) return 0;
  const doc = backupDocument(username, parts);
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `langnghe-backup-${username.replace(/[^A-Za-z0-9._-]/g, '_')}-${localDate()}.json`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return count;
}
