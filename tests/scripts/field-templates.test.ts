// The phone builds the interview screens itself, from the definition the API sends, with the EJS templates the
// build compiles into its script (scripts/field-templates.mjs). For every shipped questionnaire that markup must
// be exactly what EJS renders on the server from the same templates: one section per screen, every input labelled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ejs from 'ejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateNames, templatesModule } from '../../scripts/field-templates.mjs';
import { compileDefinition } from '../../src/domain/questionnaire/index.js';
import { bothLangs } from '../../src/http/i18n/field-messages.js';
import { fieldInterviewModel } from '../../src/http/view-models/field.js';
import { readSurveyDirectory } from '../../src/services/surveys/registry.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'langnghe-templates-'));
let render: (name: string, locals: Record<string, unknown>) => string;

beforeAll(async () => {
  const file = join(dir, 'field-templates.mjs');
  writeFileSync(file, templatesModule(repo));
  ({ render } = await import(pathToFileURL(file).href));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const surveys = readSurveyDirectory(join(repo, 'surveys'));

describe('interview screens built in the browser', () => {
  it('compiles the screens, the bilingual text and every question partial', () => {
    expect(templateNames(repo)).toEqual(
      expect.arrayContaining(['field/screens', 'field/t', 'partials/question/choice', 'partials/question/grid']),
    );
    expect(templatesModule(repo)).not.toMatch(/\bwith\s*\(/);
  });

  for (const survey of surveys) {
    const { code } = survey.questionnaire.definition;
    it(`renders ${code} from its definition exactly as the server's templates do`, async () => {
      // What the phone has: the definition as the API sends it, compiled by the shared engine (rules.js).
      const sent = JSON.parse(JSON.stringify(survey.questionnaire.definition));
      const { questionnaire } = compileDefinition(sent);
      if (!questionnaire) throw new Error(`${code} does not compile`);
      const html = render('field/screens', { survey: fieldInterviewModel({ questionnaire }) });
      const server = await ejs.renderFile(join(repo, 'views/field/screens.ejs'), {
        survey: fieldInterviewModel(survey),
        tt: bothLangs,
      });
      expect(html).toBe(server);
      expect(html.match(/<section class="screen"/g)?.length).toBe(survey.questionnaire.definition.sections.length);
      const inputs = [...html.matchAll(/<(?:input|textarea)\b[^>]*\bid="(in-[^"]+)"/g)].map((m) => m[1]);
      expect(inputs.length).toBeGreaterThan(0);
      for (const id of inputs) expect(html, id).toContain(`for="${id}"`);
      expect(html).toContain(`<span class="l-en" lang="en">`);
      // Variable names are for analysts (the preview shows them): the phone shows the question only.
      expect(html).not.toContain('class="q-id"');
    });
  }

  it("shows papi-2024's first question by its text", () => {
    const papi = surveys.find((s) => s.questionnaire.definition.code === 'papi-2024');
    if (!papi) throw new Error('papi-2024 is not shipped');
    const html = render('field/screens', { survey: fieldInterviewModel(papi) });
    expect(html).toContain('<span class="l-vi" lang="vi">Mã điều tra viên</span>');
  });

  it('escapes text from the definition', () => {
    const title = { vi: '<b>"Hộ" & \'gia đình\'</b>', en: 'x' };
    expect(render('field/t', { m: title })).toBe(
      '<span class="l-vi" lang="vi">&lt;b&gt;&#34;Hộ&#34; &amp; &#39;gia đình&#39;&lt;/b&gt;</span>' +
        '<span class="l-en" lang="en">x</span>',
    );
  });
});
