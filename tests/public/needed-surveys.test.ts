// The questionnaires a phone asks its service worker to keep for offline work: only those of its households (the
// rounds' versions, or the one chosen on the phone for households without a round) and of its drafts, each once.
import { describe, expect, it } from 'vitest';

interface SurveyRef {
  code: string;
  version: string;
}
interface Assignment {
  survey: string | null;
  surveyVersion: string | null;
  status: 'open' | 'completed' | 'nonresponse';
}
type NeededSurveys = (
  assignments: Assignment[],
  drafts: { survey: string; surveyVersion: string }[],
  chosen: SurveyRef | null,
) => SurveyRef[];

/** The browser module, loaded by URL: plain JavaScript without type declarations. */
async function neededSurveys(): Promise<NeededSurveys> {
  const url = new URL('../../public/js/field/needed-surveys.js', import.meta.url).href;
  return ((await import(url)) as { neededSurveys: NeededSurveys }).neededSurveys;
}

const inRound = (survey: string, version: string, status: Assignment['status'] = 'open'): Assignment => ({
  survey,
  surveyVersion: version,
  status,
});
const withoutRound = (status: Assignment['status'] = 'open'): Assignment => ({
  survey: null,
  surveyVersion: null,
  status,
});
const chosen = { code: 'sipas-2024', version: '2024.1' };

describe('neededSurveys', () => {
  it("keeps the rounds' questionnaires of the households, each version once, and not the one chosen", async () => {
    const needed = await neededSurveys();
    const list = [
      inRound('papi-2024', '2024.1'),
      inRound('papi-2024', '2024.1', 'completed'),
      withoutRound('completed'),
    ];
    expect(needed(list, [], chosen)).toEqual([{ code: 'papi-2024', version: '2024.1' }]);
  });

  it('adds the questionnaire chosen on the phone when an open household has no round', async () => {
    const needed = await neededSurveys();
    expect(needed([inRound('papi-2024', '2024.1'), withoutRound()], [], chosen)).toEqual([
      { code: 'papi-2024', version: '2024.1' },
      chosen,
    ]);
    expect(needed([withoutRound()], [], null)).toEqual([]);
  });

  it('keeps the version of every interview in progress, an older one included', async () => {
    const needed = await neededSurveys();
    const drafts = [
      { survey: 'papi-2024', surveyVersion: '2023.2' },
      { survey: 'papi-2024', surveyVersion: '2024.1' },
    ];
    expect(needed([inRound('papi-2024', '2024.1')], drafts, chosen)).toEqual([
      { code: 'papi-2024', version: '2024.1' },
      { code: 'papi-2024', version: '2023.2' },
    ]);
  });

  it('needs nothing for a phone without households or drafts', async () => {
    expect((await neededSurveys())([], [], chosen)).toEqual([]);
  });
});
