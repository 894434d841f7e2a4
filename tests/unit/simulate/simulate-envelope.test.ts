// Whole synthetic submissions: accepted by the API's envelope schema, with a well-formed UUID v4, plausible
// timing for the kind of survey, paradata that adds up, and byte-identical output for a seed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinitionText, validateAnswers } from '../../../src/domain/questionnaire/index.js';
import { createRng } from '../../../src/domain/sampling/index.js';
import { simulateEnvelope, uuidV4 } from '../../../src/domain/simulate/index.js';
import { responseEnvelopeSchema } from '../../../src/services/submissions/envelope.js';

const load = (file: string) => parseDefinitionText(readFileSync(`surveys/${file}`, 'utf8'), file);
const papi = load('papi-2024.json');
const kiosk = load('one-stop-tt01.json');
const date = '2024-09-20';
const uuidV4Shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const seconds = (e: { startedAt: string; completedAt: string }): number =>
  (Date.parse(e.completedAt) - Date.parse(e.startedAt)) / 1000;

describe('uuidV4', () => {
  it('sets the version nibble to 4 and the variant bits to 10, and repeats for a seed', () => {
    const rng = createRng(5);
    const ids = Array.from({ length: 2000 }, () => uuidV4(rng));
    for (const id of ids) expect(id).toMatch(uuidV4Shape);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']));
    expect(uuidV4(createRng(5))).toBe(ids[0]);
  });
});

describe('simulateEnvelope', () => {
  const household = Array.from({ length: 100 }, (_, s) => simulateEnvelope(papi, createRng(s), { date }));
  const counter = Array.from({ length: 100 }, (_, s) =>
    simulateEnvelope(kiosk, createRng(s), { date, assignmentId: null }),
  );

  it('builds bodies that the API schema accepts and whose answers validate on the interview day', () => {
    for (const e of [...household, ...counter]) {
      const parsed = responseEnvelopeSchema.safeParse(e);
      expect(parsed.success).toBe(true);
      const q = e.survey === 'papi-2024' ? papi : kiosk;
      expect(validateAnswers(q, e.answers, { today: e.completedAt.slice(0, 10) }).errors).toEqual([]);
    }
    expect(household[0]).toMatchObject({
      survey: 'papi-2024',
      surveyVersion: papi.definition.version,
      assignmentId: null,
    });
  });

  it('carries the assignment id it is given', () => {
    const id = '0b6f6f43-43b5-4b6e-9a55-5d1fd0f3a0c1';
    expect(simulateEnvelope(papi, createRng(1), { date, assignmentId: id }).assignmentId).toBe(id);
  });

  it('lasts 10-40 minutes for a household survey and 20-90 seconds at a kiosk, in office hours of the day', () => {
    const long = household.map(seconds);
    expect(Math.min(...long)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...long)).toBeLessThanOrEqual(2400);
    expect(Math.max(...long) - Math.min(...long)).toBeGreaterThan(600);
    const short = counter.map(seconds);
    expect(Math.min(...short)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...short)).toBeLessThanOrEqual(90);
    for (const e of [...household, ...counter]) {
      expect(e.startedAt.slice(0, 10)).toBe(date);
      expect(e.completedAt.slice(0, 10)).toBe(date);
      expect(e.startedAt >= `${date}T00:30:00.000Z` && e.completedAt <= `${date}T10:30:00.000Z`).toBe(true);
    }
  });

  it('records time on each section that has answers, adding up to no more than the interview', () => {
    for (const e of household) {
      const total = e.paradata.screens.reduce((sum, s) => sum + s.seconds, 0);
      expect(total).toBeLessThanOrEqual(seconds(e));
      expect(total).toBeGreaterThan(seconds(e) * 0.9);
      const sections = new Set(papi.fields.filter((f) => f.id in e.answers).map((f) => f.sectionId));
      expect(e.paradata.screens.map((s) => s.screen)).toEqual(
        papi.definition.sections.map((s) => s.id).filter((id) => sections.has(id)),
      );
      expect(e.paradata.device.appVersion).toBe('simulated');
    }
    expect(new Set(household.map((e) => e.paradata.changedAnswers)).size).toBeGreaterThan(2);
    expect(counter.every((e) => e.paradata.device.screenWidth >= 1000)).toBe(true);
  });

  it('gives byte-identical JSON for a seed and different ids across seeds', () => {
    expect(JSON.stringify(simulateEnvelope(papi, createRng('abc'), { date }))).toBe(
      JSON.stringify(simulateEnvelope(papi, createRng('abc'), { date })),
    );
    expect(new Set(household.map((e) => e.id)).size).toBe(household.length);
  });
});
