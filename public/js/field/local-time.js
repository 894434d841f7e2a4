// Times as the surveyor's phone shows them: ISO instants with the device's UTC offset, so that their first 10
// characters are the local date (timestamps in drafts, envelopes, paradata; the backup file's name).

/** An ISO instant with the device's UTC offset: its first 10 characters are the local date of the interview. */
export function localIso(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 23);
  return `${local}${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export const localDate = (date = new Date()) => localIso(date).slice(0, 10);
