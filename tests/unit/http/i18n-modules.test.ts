// Screen text is spread together from one module per page group (src/http/i18n/messages.ts): a key defined in two
// modules would silently take the later one's words on the other's page (a round report once read "Tỷ lệ phản
// hồi", the phone-rating wording, instead of its own "Tỷ lệ trả lời").
import { describe, expect, it } from 'vitest';
import { accountMessagesIn } from '../../../src/http/i18n/account-messages.js';
import { apiKeyMessagesIn } from '../../../src/http/i18n/api-key-messages.js';
import { crosswalkMessages } from '../../../src/http/i18n/crosswalk-messages.js';
import { enrolmentMessagesIn } from '../../../src/http/i18n/enrolment-messages.js';
import { messages } from '../../../src/http/i18n/messages.js';
import { phoneRatingMessagesIn } from '../../../src/http/i18n/phone-rating-messages.js';
import { pilotMessages } from '../../../src/http/i18n/pilot-messages.js';
import { planMessages } from '../../../src/http/i18n/plan-messages.js';
import { resultsMessages } from '../../../src/http/i18n/results-messages.js';
import { reviewMessages } from '../../../src/http/i18n/review-messages.js';
import { xlsformMessages } from '../../../src/http/i18n/xlsform-messages.js';

describe('screen text modules', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`define each ${lang} key in one module only, and every key reaches the merged table`, () => {
      const modules: Record<string, Record<string, string>> = {
        results: resultsMessages[lang],
        review: reviewMessages[lang],
        pilot: pilotMessages[lang],
        plan: planMessages[lang],
        xlsform: xlsformMessages[lang],
        crosswalk: crosswalkMessages[lang],
        account: accountMessagesIn(lang),
        apiKey: apiKeyMessagesIn(lang),
        enrolment: enrolmentMessagesIn(lang),
        phoneRating: phoneRatingMessagesIn(lang),
      };
      const owner = new Map<string, string>();
      const twice: string[] = [];
      for (const [name, texts] of Object.entries(modules))
        for (const key of Object.keys(texts)) {
          const first = owner.get(key);
          if (first) twice.push(`${key} (${first}, ${name})`);
          else owner.set(key, name);
        }
      expect(twice).toEqual([]);
      const merged = messages[lang] as Record<string, string>;
      for (const [name, texts] of Object.entries(modules))
        for (const [key, text] of Object.entries(texts)) expect(merged[key], `${name}: ${key}`).toBe(text);
    });
  }
});
