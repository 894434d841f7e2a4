// "Download backup": the finished interviews that the server has not acknowledged, as a file an administrator
// can import (format langnghe-backup, version 1). The envelopes are exactly those the outbox would send.
import { localDate } from './local-time.js';
import { allOutbox } from './store.js';

export function backupDocument(username, records, now = new Date()) {
  return {
    format: 'langnghe-backup',
    version: 1,
    exportedAt: now.toISOString(),
    username,
    interviews: records.map((r) => r.envelope),
  };
}

/** Saves the file through a Blob and an <a download>; returns how many interviews it holds. */
export async function downloadBackup(username) {
  const records = (await allOutbox()).filter((r) => r.username === username && r.envelope && r.state !== 'sent');
  if (records.length === 0) return 0;
  const doc = backupDocument(username, records);
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
  return records.length;
}
