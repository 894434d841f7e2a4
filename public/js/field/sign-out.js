// Signing a surveyor out of the phone. Nothing of theirs may be lost by it: unsent interviews, outcomes and drafts
// hold it back until they are sent, or saved to a backup file ("back up, then sign out").
import { downloadBackup, itemCount, unsentOf } from './backup.js';
import { formatNumber, t } from './lang.js';
import { NetworkError, api } from '../shared/net.js';
import { forgetReturned } from './returned.js';
import { allDrafts, allOutbox, deleteDraft, deleteOutbox, kvDelete, kvGet, updateDispositions } from './store.js';
import { forgetCachedAssignments } from './sw-register.js';

const $ = (id) => document.getElementById(id);

async function mayForget(username) {
  const unsent = itemCount(await unsentOf(username));
  if (unsent > 0) {
    $('signout-status').textContent = t('home.signoutPending', { n: formatNumber(unsent) });
    $('signout-backup').hidden = false;
    return false;
  }
  return true;
}

async function forgetSignIn(username) {
  for (const r of await allOutbox()) if (r.username === username) await deleteOutbox(r.id);
  // Drafts and outcomes are left only after a backup file took them (mayForget, backupAndSignOut).
  for (const d of await allDrafts()) if (d.username === username) await deleteDraft(d.id);
  await updateDispositions((all) => Object.fromEntries(Object.entries(all).filter(([, d]) => d.username !== username)));
  for (const key of ['token', 'me', 'assignments']) await kvDelete(key);
  await forgetReturned();
  await forgetCachedAssignments();
  location.reload();
}

/** The way out when something is unsent: everything goes into a backup file, then leaves the phone. */
export async function backupAndSignOut(username) {
  const saved = await downloadBackup(username);
  if (saved > 0 && !window.confirm(t('home.signoutBackupConfirm', { n: formatNumber(saved) }))) return;
  await forgetSignIn(username);
}

export async function signOut(username) {
  if (!(await mayForget(username)) || !window.confirm(t('home.signoutConfirm'))) return;
  await forgetSignIn(username);
}

/** Revokes every token of the account on the server (a lost phone among them), then signs out here. */
export async function signOutEverywhere(username) {
  if (!(await mayForget(username)) || !window.confirm(t('home.signoutEverywhereConfirm'))) return;
  try {
    const res = await api('POST', '/api/v1/auth/revoke-all', { token: await kvGet('token'), body: {} });
    // 401: this token was already revoked (by an admin, or from another phone); there is nothing left to end.
    if (res.fromCache || (res.status !== 200 && res.status !== 401)) throw new NetworkError(String(res.status));
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    $('signout-status').textContent = t('home.signoutEverywhereOffline');
    return;
  }
  await forgetSignIn(username);
}
