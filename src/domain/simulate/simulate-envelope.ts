// A whole synthetic submission in the shape of POST /api/v1/responses: a device-made UUID v4 drawn from the
// seeded Rng, plausible start and end times for the kind of survey, the answers and paradata (time per
// section, changed answers, device). The app version "simulated" marks the record as synthetic.
import type { AnswerValue, Questionnaire } from '../questionnaire/index.js';
import type { Rng } from '../sampling/prng.js';
import { chance, intBetween, pick, weightedIndex } from './random.js';
import { simulateAnswers, type SimulateOptions } from './simulate-answers.js';

export interface SimulatedScreen {
  screen: string;
  seconds: number;
  visits: number;
}

export interface SimulatedEnvelope {
  id: string;
  survey: string;
  surveyVersion: string;
  assignmentId: string | null;
  answers: Record<string, AnswerValue>;
  startedAt: string;
  completedAt: string;
  paradata: {
    screens: SimulatedScreen[];
    changedAnswers: number;
    device: { userAgent: string; platform: string; screenWidth: number; screenHeight: number; appVersion: string };
  };
}

export interface EnvelopeOptions extends Omit<SimulateOptions, 'today'> {
  /** The interview day, 'YYYY-MM-DD'. The interview happens in Vietnamese office hours (07:30-17:30, UTC+7), so
   * its UTC date, which the server takes as today(), is this day too. */
  date: string;
  assignmentId?: string | null;
}

/** Seconds an interview lasts, by kind: household surveys 10-40 minutes, a kiosk 20-90 seconds. */
const durations: Record<string, [number, number]> = { household: [600, 2400], kiosk: [20, 90], online: [180, 900] };
const OFFICE_START_UTC_S = 30 * 60;
const OFFICE_LENGTH_S = 10 * 3600;

const phones = [
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36',
    screenWidth: 360,
    screenHeight: 800,
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Mobile Safari/537.36',
    screenWidth: 393,
    screenHeight: 873,
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; OPPO A58) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Mobile Safari/537.36',
    screenWidth: 412,
    screenHeight: 915,
  },
];
const kioskTablet = {
  userAgent:
    'Mozilla/5.0 (Linux; Android 12; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
  screenWidth: 1200,
  screenHeight: 1920,
};

/**
 * A UUID v4 from 128 bits of the Rng: version nibble 4, variant bits 10.
 * @example uuidV4(createRng(1)) // 'xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx'
 */
export function uuidV4(rng: Rng): string {
  const words = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
  words[1] = (((words[1] ?? 0) & 0xffff0fff) | 0x00004000) >>> 0;
  words[2] = (((words[2] ?? 0) & 0x3fffffff) | 0x80000000) >>> 0;
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seconds per section with at least one answer, in questionnaire order, summing to at most `total`. */
function screenTimes(
  rng: Rng,
  q: Questionnaire,
  answers: Record<string, AnswerValue>,
  total: number,
): SimulatedScreen[] {
  const counts = new Map<string, number>();
  for (const field of q.fields)
    if (field.id in answers) counts.set(field.sectionId, (counts.get(field.sectionId) ?? 0) + 1);
  const weighted = [...counts].map(([screen, n]) => ({ screen, weight: n * (0.6 + 0.8 * rng.next()) }));
  const sum = weighted.reduce((a, s) => a + s.weight, 0) || 1;
  return weighted.map(({ screen, weight }) => ({
    screen,
    seconds: Math.max(1, Math.floor((total * 0.95 * weight) / sum)),
    visits: chance(rng, 0.1) ? 2 : 1,
  }));
}

/**
 * A complete submission for `q`. Draws in a fixed order (id, answers, times, paradata), so a seed gives the
 * same envelope byte for byte.
 */
export function simulateEnvelope(q: Questionnaire, rng: Rng, opts: EnvelopeOptions): SimulatedEnvelope {
  const { date, assignmentId = null, ...tendencies } = opts;
  const id = uuidV4(rng);
  const answers = simulateAnswers(q, rng, { ...tendencies, today: date });
  const kind = q.definition.kind;
  const [shortest, longest] = durations[kind] ?? [600, 2400];
  const answerable = q.fields.filter((f) => f.type !== 'calculate').length || 1;
  // Longer questionnaires take longer: the share of questions answered stretches the duration.
  const share = Object.keys(answers).length / answerable;
  const seconds = Math.round(shortest + (longest - shortest) * Math.min(1, share * (0.7 + 0.6 * rng.next())));
  const startOffset = OFFICE_START_UTC_S + intBetween(rng, 0, OFFICE_LENGTH_S - seconds);
  const dayStart = Date.parse(`${date}T00:00:00.000Z`);
  const startedAt = new Date(dayStart + startOffset * 1000).toISOString();
  const completedAt = new Date(dayStart + (startOffset + seconds) * 1000).toISOString();
  const screens = screenTimes(rng, q, answers, seconds);
  const changedAnswers = weightedIndex(rng, [50, 25, 13, 7, 5]);
  const device = kind === 'kiosk' ? kioskTablet : pick(rng, phones);
  return {
    id,
    survey: q.definition.code,
    surveyVersion: q.definition.version,
    assignmentId,
    answers,
    startedAt,
    completedAt,
    paradata: { screens, changedAnswers, device: { ...device, platform: 'Android', appVersion: 'simulated' } },
  };
}
