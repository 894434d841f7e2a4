// An option's valence (its colour on the kiosk) is presentation: declaring it keeps the content hash, so a
// database that holds the pack's version still starts; everything else still changes the hash.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/domain/questionnaire/index.js';
import { toLoadedSurvey } from '../../../src/services/surveys/registry.js';

const raw = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`surveys/${file}`, 'utf8'));
const hashOf = (json: unknown): string => toLoadedSurvey(parseDefinition(json, 'test')).hash;
const withoutValence = (json: unknown): unknown =>
  JSON.parse(JSON.stringify(json), (key, value: unknown) => (key === 'valence' ? undefined : value));

describe('valence in the kiosk packs', () => {
  for (const file of ['one-stop-tt01.json', 'kiosk-one-tap.json']) {
    it(`${file}: every substantive option declares one, and the hash is the one without them`, () => {
      const json = raw(file);
      const def = parseDefinition(json, file).definition;
      const options = [
        ...Object.values(def.scales ?? {}).flatMap((s) => s.options),
        ...def.sections.flatMap((s) => s.questions.flatMap((q) => ('options' in q ? (q.options ?? []) : []))),
      ];
      expect(options.filter((o) => o.missing === undefined && o.valence === undefined)).toEqual([]);
      expect(hashOf(json)).toBe(hashOf(withoutValence(json)));
    });
  }

  it('still changes the hash for a change of meaning, and refuses an unknown valence', () => {
    const json = raw('kiosk-one-tap.json') as { scales: { KIOSK3: { options: { label: { vi: string } }[] } } };
    const relabelled = structuredClone(json);
    const first = relabelled.scales.KIOSK3.options[0];
    if (first) first.label.vi = 'Rất không hài lòng';
    expect(hashOf(relabelled)).not.toBe(hashOf(json));
    const wrong = structuredClone(json) as unknown as { scales: { KIOSK3: { options: { valence: string }[] } } };
    const option = wrong.scales.KIOSK3.options[0];
    if (option) option.valence = 'good';
    expect(() => parseDefinition(wrong, 'test')).toThrow(/valence/);
  });
});
