// What a definition's content hash covers: everything that gives stored answers their meaning, and not the
// presentation hints (an option's `valence`, its colour), which a pack may gain under the same version.
import type { Definition } from './schema.js';

const isOption = (holder: unknown): boolean =>
  typeof holder === 'object' && holder !== null && 'value' in holder && 'label' in holder;

/**
 * The definition without presentation hints, for hashing. Only an option's `valence` goes (a scale or question
 * that happens to be called "valence" stays).
 * @example meaningContent(def).scales.KIOSK3.options[0] has no `valence`, even when the file gives one.
 */
export function meaningContent(def: Definition): unknown {
  return JSON.parse(JSON.stringify(def), function (this: unknown, key, value: unknown) {
    return key === 'valence' && isOption(this) ? undefined : value;
  });
}
