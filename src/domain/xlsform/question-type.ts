// The type cell of a survey row, read with every spelling pyxform accepts, so that forms written years ago
// ("select one from yes_no", "begin group", "int") or by KoboToolbox ("select_one yes_no") read alike.

export type TypeCell =
  | { kind: 'group'; edge: 'begin' | 'end' }
  /** repeat, loop and looped group: refused, with the word the author used. */
  | { kind: 'repeat'; edge: 'begin' | 'end'; word: string }
  | { kind: 'select'; base: 'select_one' | 'select_multiple'; list: string | undefined; other: boolean }
  /** Anything else: its first word, or "phone_number", after the aliases ("int" → integer). */
  | { kind: 'plain'; base: string };

const control = /^(begin|end)[ _](group|lgroup|repeat|loop|looped group)(?: (?:over )?\S+)?$/;

/** pyxform's select commands (aliases.select), longest first so that "select one from" wins over "select one". */
const selects: readonly (readonly [string, 'select_one' | 'select_multiple'])[] = [
  ['add select multiple prompt using', 'select_multiple'],
  ['add select one prompt using', 'select_one'],
  ['select all that apply from', 'select_multiple'],
  ['select all that apply', 'select_multiple'],
  ['select one from', 'select_one'],
  ['select_multiple', 'select_multiple'],
  ['select_one', 'select_one'],
  ['select one', 'select_one'],
  ['select1', 'select_one'],
];
const other = / (or specify other|or_other|or other)$/;

/** pyxform's other names of the types this engine runs (question_type_dictionary). */
const plainAliases: Readonly<Record<string, string>> = {
  int: 'integer',
  string: 'text',
  add_text_prompt: 'text',
  add_integer_prompt: 'integer',
  add_decimal_prompt: 'decimal',
  add_date_prompt: 'date',
  add_note_prompt: 'note',
  add_calculate_prompt: 'calculate',
};

export function readTypeCell(text: string): TypeCell {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  const c = control.exec(t);
  if (c !== null) {
    const word = c[2] ?? 'group';
    const edge = c[1] === 'end' ? 'end' : 'begin';
    return word === 'group' ? { kind: 'group', edge } : { kind: 'repeat', edge, word };
  }
  const withOther = other.exec(t);
  const core = withOther === null ? t : t.slice(0, withOther.index);
  for (const [command, base] of selects) {
    if (core !== command && !core.startsWith(`${command} `)) continue;
    const rest = core.slice(command.length).trim();
    // The list name keeps its case: it is matched against the choices sheet.
    const list = rest === '' ? undefined : text.trim().split(/\s+/)[command.split(' ').length];
    if (rest.includes(' ')) break;
    return { kind: 'select', base, list, other: withOther !== null };
  }
  const joined = t.replace(/ /g, '_');
  if (joined === 'phone_number' || plainAliases[joined] !== undefined)
    return { kind: 'plain', base: plainAliases[joined] ?? joined };
  // "select_one_external regions" and the like: the first word is the type, refused or not by its name.
  const first = t.split(' ')[0] ?? '';
  return { kind: 'plain', base: plainAliases[first] ?? first };
}
