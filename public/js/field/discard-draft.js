// "Discard draft" on the interview page (an interview opened by mistake, a household to start again): once the
// surveyor confirms, the draft is written to a backup file, and only then does it leave the phone.
import { downloadBackup } from './backup.js';
import { t } from './lang.js';
import { deleteDraft } from './store.js';

/** True when the draft is in a downloaded file and gone from the phone; false when the surveyor said no. */
export async function discardDraft(draft, householdName, confirm = (text) => window.confirm(text)) {
  if (!confirm(t('draft.discardConfirm', { name: householdName }))) return false;
  const saved = await downloadBackup(draft.username, { discarded: [draft] });
  if (saved === 0) throw new Error('the backup file was not made');
  await deleteDraft(draft.id);
  return true;
}
