// The field interview and the questionnaire preview render questions through the same partials
// (views/partials/question) from the compiled questionnaire: one input per compiled option or answer on both
// pages, and on the field app a box for each note that skip logic shows or hides. The phone renders its screens
// itself with views/field/screens.ejs (tests/scripts/field-templates.test.ts: the same markup as EJS gives here).
import ejs from 'ejs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldInterviewModel } from '../../src/http/view-models/field.js';
import { createTestEnv, type TestEnv } from '../helpers/context.js';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const inputIds = (html: string) =>
  [...html.matchAll(/<(?:input|textarea)\b[^>]*\bid="(in-[^"]+)"/g)].map((m) => m[1] ?? '').sort();

describe('question partials', () => {
  it('render every compiled option of every field, with the same input ids on both pages', async () => {
    for (const survey of env.ctx.surveys.list()) {
      const q = survey.questionnaire;
      const expected = q.fields
        .filter((f) => f.type !== 'calculate')
        .flatMap((f) => (f.options ? f.options.map((o) => `in-${f.id}-${o.value}`) : [`in-${f.id}`]))
        .sort();
      const field = await ejs.renderFile('views/field/screens.ejs', { survey: fieldInterviewModel(survey) });
      const preview = (await request(env.app).get(`/surveys/${q.definition.code}/preview`)).text;
      expect(inputIds(field), q.definition.code).toEqual(expected);
      expect(inputIds(preview), q.definition.code).toEqual(expected);
      const notes = [...field.matchAll(/data-note="([^"]+)"/g)].map((m) => m[1]);
      expect(notes, q.definition.code).toEqual(q.notes.map((n) => n.id));
    }
  });
});
