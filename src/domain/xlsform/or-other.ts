// XLSForm's `select_one L or_other` (also "or specify other"), read as pyxform writes it: the question gets an option
// "other", and a text question `<name>_other` follows, asked when that option is chosen.
import type { Option } from '../questionnaire/index.js';

type Json = Record<string, unknown>;

/** "Khác" is 96 in Vietnamese questionnaires (PAPI's ethnicity and occupation); the next free code if 96 is used. */
const otherCode = 96;

/** Adds the option to `q` (a select with its own options) and returns the follow-up, or why it cannot be done. */
export function withOther(q: Json, inGrid: boolean): { followUp: Json } | { error: string } {
  const options = q['options'] as Option[] | undefined;
  if (inGrid || options === undefined)
    return {
      error:
        'or_other is not supported in a table-list grid or on a named scale: add an "other" choice and a text question',
    };
  if (options.some((o) => o.name === 'other'))
    return { error: 'or_other adds a choice "other", and the list already has one: remove or_other' };
  const used = new Set(options.map((o) => o.value));
  let code = otherCode;
  while (used.has(code)) code += 1;
  q['options'] = [...options, { value: code, name: 'other', label: { vi: 'Khác', en: 'Other' } }];
  const id = String(q['id']);
  return {
    followUp: {
      id: `${id}_other`,
      type: 'text',
      label: { vi: 'Khác (ghi rõ)', en: 'Other (please specify)' },
      relevant: q['type'] === 'multi' ? `selected(\${${id}}, '${code}')` : `\${${id}} = ${code}`,
    },
  };
}
