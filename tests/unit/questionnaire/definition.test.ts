import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DefinitionError,
  parseDefinition,
  parseDefinitionText,
  type DefinitionIssue,
} from '../../../src/domain/questionnaire/index.js';
import { minimalDefinition, questionsOf } from '../../fixtures/definitions.js';

function issuesOf(raw: unknown): DefinitionIssue[] {
  try {
    parseDefinition(raw, 'test.json');
  } catch (err) {
    if (err instanceof DefinitionError) return [...err.issues];
    throw err;
  }
  return [];
}

const demoFramework = {
  index: 'SIPAS',
  label: { vi: 'SIPAS', en: 'SIPAS' },
  levels: [
    { key: 'part', label: { vi: 'Phần', en: 'Part' } },
    { key: 'criterion', label: { vi: 'Tiêu chí', en: 'Criterion' } },
  ],
  nodes: [
    { code: 'I', label: { vi: 'Chính sách', en: 'Policy' }, children: [{ code: 'I.1', label: { vi: 'a', en: 'a' } }] },
    { code: 'II', label: { vi: 'Dịch vụ', en: 'Service' }, children: [{ code: 'II.1', label: { vi: 'b', en: 'b' } }] },
  ],
};

describe('shipped questionnaire definitions', () => {
  const files = readdirSync('surveys').filter((f) => f.endsWith('.json'));

  it('includes at least the demo questionnaire', () => {
    expect(files).toContain('demo-service.json');
  });

  it.each(files)('%s parses and compiles', (file) => {
    const q = parseDefinitionText(readFileSync(join('surveys', file), 'utf8'), file);
    expect(q.definition.code).toMatch(/^[a-z0-9-]+$/);
    expect(q.fields.length).toBeGreaterThan(0);
  });
});

describe('definition structure errors carry the JSON path', () => {
  it('accepts the minimal definition and flattens its fields in order', () => {
    const q = parseDefinition(minimalDefinition(), 'mini.json');
    expect(q.fields.map((f) => f.id)).toEqual(['age', 'used', 'sat']);
    expect(q.fieldById.get('used')?.options?.map((o) => o.value)).toEqual([1, 0, 98]);
  });

  it('reports an unknown question type at its path', () => {
    const def = minimalDefinition();
    questionsOf(def)[0] = { id: 'x', type: 'slider', label: { vi: 'x', en: 'x' } };
    expect(issuesOf(def).map((i) => i.path)).toContain('$.sections[0].questions[0].type');
  });

  it('reports a missing Vietnamese label', () => {
    const def = minimalDefinition();
    (questionsOf(def)[0] as Record<string, unknown>)['label'] = { en: 'Age' };
    expect(issuesOf(def)).toContainEqual(expect.objectContaining({ path: '$.sections[0].questions[0].label.vi' }));
  });

  it('reports a missing English label when the definition offers English', () => {
    const def = minimalDefinition();
    (questionsOf(def)[1] as Record<string, unknown>)['label'] = { vi: 'Đã dùng?' };
    expect(issuesOf(def)).toContainEqual({
      path: '$.sections[0].questions[1].label',
      message: expect.stringContaining('English'),
    });
  });

  it('reports unknown keys (typos) instead of ignoring them', () => {
    const def = minimalDefinition();
    (questionsOf(def)[0] as Record<string, unknown>)['relevnt'] = '1 = 1';
    expect(issuesOf(def).map((i) => i.path)).toContain('$.sections[0].questions[0]');
  });

  it('reports duplicate ids with both places', () => {
    const def = minimalDefinition();
    questionsOf(def).push({ id: 'age', type: 'text', label: { vi: 'Tuổi lại', en: 'Age again' } });
    const issue = issuesOf(def).find((i) => i.message.includes('duplicate id'));
    expect(issue).toEqual({
      path: '$.sections[0].questions[3].id',
      message: 'duplicate id "age" (first used at $.sections[0].questions[0])',
    });
  });

  it('reports an unknown scale', () => {
    const def = minimalDefinition();
    (questionsOf(def)[2] as Record<string, unknown>)['scale'] = 'SAT7';
    expect(issuesOf(def)).toContainEqual({ path: '$.sections[0].questions[2].scale', message: 'unknown scale "SAT7"' });
  });

  it('reports expression syntax errors with their position', () => {
    const def = minimalDefinition();
    (questionsOf(def)[2] as Record<string, unknown>)['relevant'] = '${used} = = 1';
    const issue = issuesOf(def)[0];
    expect(issue?.path).toBe('$.sections[0].questions[2].relevant');
    expect(issue?.position).toBe(10);
  });

  it('reports references to unknown questions with their position', () => {
    const def = minimalDefinition();
    (questionsOf(def)[2] as Record<string, unknown>)['relevant'] = '${used} = 1 and ${agee} > 20';
    expect(issuesOf(def)).toEqual([
      expect.objectContaining({
        path: '$.sections[0].questions[2].relevant',
        position: 16,
        message: expect.stringContaining('agee'),
      }),
    ]);
  });

  it('keeps notes apart from the fields, with their section and own conditions, and checks them', () => {
    const def = minimalDefinition();
    questionsOf(def).push({
      id: 'thanks',
      type: 'note',
      label: { vi: 'Cảm ơn', en: 'Thanks' },
      relevant: '${used} = 1',
    });
    const q = parseDefinition(JSON.parse(JSON.stringify(def)), 'notes.json');
    expect(q.fields.map((f) => f.id)).toEqual(['age', 'used', 'sat']);
    expect(q.notes).toEqual([{ id: 'thanks', sectionId: 's1', relevant: [expect.anything()] }]);
    (questionsOf(def)[3] as Record<string, unknown>)['relevant'] = '${usd} = 1';
    expect(issuesOf(def).map((i) => i.path)).toEqual(['$.sections[0].questions[3].relevant']);
  });

  it('allows "." only in constraints', () => {
    const def = minimalDefinition();
    (questionsOf(def)[0] as Record<string, unknown>)['constraint'] = '. >= 18';
    expect(issuesOf(def)).toEqual([]);
    (questionsOf(def)[0] as Record<string, unknown>)['relevant'] = '. >= 18';
    expect(issuesOf(def).map((i) => i.path)).toEqual(['$.sections[0].questions[0].relevant']);
  });

  it('reports measure tags that do not exist in the framework or contradict it', () => {
    const def = { ...minimalDefinition(), framework: demoFramework };
    (questionsOf(def)[2] as Record<string, unknown>)['measure'] = { index: 'SIPAS', part: 'I', criterion: 'II.1' };
    expect(issuesOf(def)).toEqual([
      { path: '$.sections[0].questions[2].measure.part', message: '"I" does not contain "II.1" (its part is "II")' },
    ]);
    (questionsOf(def)[2] as Record<string, unknown>)['measure'] = { index: 'SIPAS', criterion: 'II.9' };
    expect(issuesOf(def)[0]?.message).toBe('"II.9" is not a criterion of the framework');
  });

  it('reports a measure tag without a framework block', () => {
    const def = minimalDefinition();
    (questionsOf(def)[2] as Record<string, unknown>)['measure'] = { index: 'SIPAS', criterion: 'I.1' };
    expect(issuesOf(def)[0]?.message).toContain('needs a framework block');
  });

  it('reports recode keys that are not answer codes of the item', () => {
    const def = { ...minimalDefinition(), framework: demoFramework };
    (questionsOf(def)[2] as Record<string, unknown>)['measure'] = {
      index: 'SIPAS',
      criterion: 'I.1',
      recode: { '4': 1, '9': 0 },
    };
    expect(issuesOf(def)).toEqual([
      {
        path: '$.sections[0].questions[2].measure.recode.9',
        message: 'answer code 9 is not an option of this question',
      },
    ]);
  });

  it('reports framework nodes deeper than its declared levels', () => {
    const framework = structuredClone(demoFramework);
    (framework.nodes[0]?.children?.[0] as Record<string, unknown>)['children'] = [
      { code: 'I.1.a', label: { vi: 'c', en: 'c' } },
    ];
    const issues = issuesOf({ ...minimalDefinition(), framework });
    expect(issues[0]?.path).toBe('$.framework.nodes[0].children[0].children');
  });

  it('reports invalid JSON with the parser message', () => {
    expect(() => parseDefinitionText('{"code": ', 'broken.json')).toThrow(/broken\.json.*\n.*\$: not valid JSON/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const q = parseDefinitionText(`\uFEFF${JSON.stringify(minimalDefinition())}`, 'bom.json');
    expect(q.definition.code).toBe('mini');
  });
});
