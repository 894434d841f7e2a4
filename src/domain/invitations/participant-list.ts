// An invitation round's participant list (CSV name,email_or_phone,organisation,role,group): every row checked,
// contacts normalised (lower-case e-mail; phone digits with +84 read as 0) and each used once, so a person is
// never invited twice. Problems carry their CSV line.
import { cell, type CsvRow, type RowError } from '../sampling/rows.js';

export interface Participant {
  line: number;
  name: string;
  contact: string;
  organisation: string;
  role: string;
  group: string;
}

export const participantColumns = ['name', 'email_or_phone', 'organisation', 'role', 'group'] as const;

const email = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

/** The contact as compared: e-mail lower-cased, a phone as its digits (+84 → 0); null when it is neither. */
export function normaliseContact(raw: string): string | null {
  const text = raw.trim();
  if (email.test(text)) return text.toLowerCase();
  const digits = text.replace(/[\s.()-]/g, '').replace(/^\+84/, '0');
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

export function readParticipants(columns: readonly string[], rows: readonly CsvRow[]) {
  const errors: RowError[] = [];
  const missing = participantColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    errors.push({ line: 1, code: 'missing_columns', message: `missing columns: ${missing.join(', ')}` });
    return { participants: [], errors };
  }
  const seen = new Map<string, number>();
  const participants: Participant[] = [];
  for (const row of rows) {
    const name = cell(row, 'name');
    const contact = normaliseContact(cell(row, 'email_or_phone'));
    const group = cell(row, 'group');
    if (name === '' || name.length > 200)
      errors.push({ line: row.line, field: 'name', code: 'bad_name', message: 'a name of 1 to 200 characters' });
    if (contact === null)
      errors.push({ line: row.line, field: 'email_or_phone', code: 'bad_contact', message: 'an e-mail or phone' });
    else if (seen.has(contact))
      errors.push({
        line: row.line,
        field: 'email_or_phone',
        code: 'duplicate_contact',
        message: `the same contact as line ${seen.get(contact)}`,
      });
    else seen.set(contact, row.line);
    if (group === '' || group.length > 100)
      errors.push({ line: row.line, field: 'group', code: 'bad_group', message: 'a group of 1 to 100 characters' });
    if (contact !== null)
      participants.push({
        line: row.line,
        name,
        contact,
        organisation: cell(row, 'organisation').slice(0, 200),
        role: cell(row, 'role').slice(0, 200),
        group,
      });
  }
  if (rows.length === 0) errors.push({ line: 2, code: 'no_rows', message: 'the list has no participants' });
  return { participants, errors };
}

export interface GroupRate {
  group: string;
  invited: number;
  submitted: number;
  /** submitted / invited. */
  rate: number;
}

/** Response rate per group of a census by invitation, and overall (group ''), from who submitted. */
export function groupRates(participants: readonly { grp: string; submitted: boolean }[]): GroupRate[] {
  const groups = new Map<string, GroupRate>();
  for (const p of participants) {
    const g = groups.get(p.grp) ?? { group: p.grp, invited: 0, submitted: 0, rate: 0 };
    g.invited += 1;
    if (p.submitted) g.submitted += 1;
    groups.set(p.grp, g);
  }
  const rows = [...groups.values()].sort((a, b) => a.group.localeCompare(b.group, 'vi'));
  const invited = participants.length;
  const submitted = participants.filter((p) => p.submitted).length;
  return [...rows, { group: '', invited, submitted, rate: 0 }].map((r) => ({
    ...r,
    rate: r.invited === 0 ? 0 : r.submitted / r.invited,
  }));
}
