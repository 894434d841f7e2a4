// Proposes a plausible raw answer for one field: codes skewed toward the favourable end of ordered scales,
// occasional don't-know and refusal codes, 1-3 options of a multi-select, ages of adults, recent dates, short
// Vietnamese text. Proposals may still break a constraint; simulate-answers checks and retries.
import type { Field, Option } from '../questionnaire/index.js';
import type { Rng } from '../sampling/prng.js';
import { UnsupportedPattern, textMatching } from './pattern.js';
import { chance, shuffled, weightedIndex } from './random.js';
import { pickText } from './text.js';

export interface Tendencies {
  /** Share of answers on the favourable half of an ordered scale (SIPAS: about 80% satisfied). */
  satisfied: number;
  /** Chance of each offered missing-data code. */
  dontKnow: number;
  refused: number;
  notApplicable: number;
}

const DAY_MS = 86_400_000;
/** The Kinh majority's share of adults (2019 census: about 85%), for ethnicity questions. */
const KINH_SHARE = 0.85;

const missingRate = (o: Option, t: Tendencies): number =>
  o.missing === 'dont_know'
    ? t.dontKnow
    : o.missing === 'refused'
      ? t.refused
      : o.missing === 'not_applicable'
        ? t.notApplicable
        : 0;

const isOther = (o: Option): boolean => o.value === 96 || /^khác\b/i.test(o.label.vi) || o.label.en === 'Other';

/** A consent question: almost everyone who opens the door agrees. */
const isConsent = (f: Field): boolean => /consent/i.test(f.id) || f.label.vi.toLowerCase().includes('đồng ý tham gia');

/**
 * How favourable each option is, or null when the options have no order. A measure's recode and polarity
 * decide when present; otherwise a scale of three or more options is better at higher codes.
 */
function favourability(field: Field, options: readonly Option[]): number[] | null {
  const polarity = field.measure?.polarity ?? 1;
  const recode = field.measure?.recode;
  if (recode) {
    const known = options.map((o) => recode[String(o.value)]).filter((v): v is number => v !== undefined);
    const floor = Math.min(...known);
    return options.map((o) => (recode[String(o.value)] ?? floor) * polarity);
  }
  if (field.type === 'scale' && options.length >= 3) return options.map((o) => o.value * polarity);
  if (field.type === 'yesno' && field.measure?.polarity !== undefined) return options.map((o) => o.value * polarity);
  return null;
}

/** Weights over the distinct favourability levels, lowest first: the favourable top holds `satisfied`. */
function levelWeights(levels: number, satisfied: number): number[] {
  const favourable = levels === 3 ? 2 : Math.floor(levels / 2);
  const rest = levels - favourable;
  const favWeights = Array.from({ length: favourable }, (_, k) => favourable - k);
  const restWeights = Array.from({ length: rest }, (_, k) => 2 ** (k - rest + 1));
  const norm = (ws: number[], mass: number): number[] => {
    const total = ws.reduce((a, b) => a + b, 0);
    return ws.map((w) => (total === 0 ? 0 : (w / total) * mass));
  };
  return [...norm(restWeights, 1 - satisfied), ...norm(favWeights, satisfied)];
}

/** Weights over `field.options` for a single, scale or yes/no answer. */
export function optionWeights(field: Field, t: Tendencies): number[] {
  const options = field.options ?? [];
  const substantive = options.filter((o) => !o.missing);
  const missingMass = options.reduce((sum, o) => sum + missingRate(o, t), 0);
  const scores = favourability(field, substantive);
  let weights: number[];
  const distinct = scores ? [...new Set(scores)].sort((a, b) => a - b) : [];
  if (scores && distinct.length >= 2) {
    const byLevel = levelWeights(distinct.length, t.satisfied);
    const share = (s: number): number => (byLevel[distinct.indexOf(s)] ?? 0) / scores.filter((x) => x === s).length;
    weights = scores.map(share);
  } else if (isConsent(field)) {
    weights = substantive.map((o) => (o.value === 1 ? 0.97 : 0.03));
  } else {
    weights = substantive.map((o) => (isOther(o) ? 0.3 : 1));
    const kinh = substantive.findIndex((o) => o.label.vi === 'Kinh');
    const others = weights.reduce((a, w, i) => (i === kinh ? a : a + w), 0);
    if (kinh >= 0) weights[kinh] = (KINH_SHARE / (1 - KINH_SHARE)) * others;
  }
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const bySubstantive = new Map(
    substantive.map((o, i) => [o, ((weights[i] ?? 0) / total) * Math.max(0, 1 - missingMass)]),
  );
  return options.map((o) => bySubstantive.get(o) ?? missingRate(o, t));
}

function chooseCode(rng: Rng, field: Field, t: Tendencies): number | undefined {
  const options = field.options ?? [];
  return options[weightedIndex(rng, optionWeights(field, t))]?.value;
}

function chooseCodes(rng: Rng, field: Field, t: Tendencies): number[] {
  const options = field.options ?? [];
  const exclusive = options.filter((o) => o.exclusive);
  const open = options.filter((o) => !o.exclusive && !o.missing);
  const alone = exclusive.find((o) => chance(rng, o.missing ? missingRate(o, t) : 0.05));
  if (alone || open.length === 0) return alone ? [alone.value] : exclusive.slice(0, 1).map((o) => o.value);
  const lo = Math.max(1, field.minSelected ?? 1);
  const hi = Math.min(open.length, field.maxSelected ?? open.length);
  const count = Math.min(hi, Math.max(lo, 1 + weightedIndex(rng, [0.5, 0.35, 0.15])));
  return shuffled(rng, open)
    .slice(0, count)
    .map((o) => o.value);
}

const asNumber = (v: number | string | null): number | null => (typeof v === 'number' ? v : null);

/** Bounds for a number, narrowed to adult ages or birth years (drawn uniformly) when the question asks for them. */
function numberBounds(field: Field, today: string): { lo: number; hi: number; uniform: boolean } {
  const min = asNumber(field.min);
  const max = asNumber(field.max);
  const label = field.label.vi.toLowerCase();
  let lo = min ?? Math.min(0, max ?? 0);
  let hi = max ?? lo + 100;
  let uniform = false;
  if (/(^|_)(age|tuoi)($|_)/i.test(field.id) || label.includes('bao nhiêu tuổi')) [lo, hi, uniform] = [18, 70, true];
  else if (/birth_?year|nam_sinh/i.test(field.id) || label.includes('sinh năm') || label.includes('năm sinh')) {
    const year = Number(today.slice(0, 4));
    [lo, hi, uniform] = [year - 70, year - 18, true];
  }
  const narrowedLo = Math.max(lo, min ?? lo);
  const narrowedHi = Math.min(hi, max ?? hi);
  return narrowedLo <= narrowedHi
    ? { lo: narrowedLo, hi: narrowedHi, uniform }
    : { lo: min ?? lo, hi: max ?? hi, uniform };
}

/** Small counts are commoner than large ones (minutes of walking, line numbers): skewed to the low end. */
function chooseNumber(rng: Rng, field: Field, today: string): number {
  const { lo, hi, uniform } = numberBounds(field, today);
  const u = uniform ? rng.next() : rng.next() ** 3;
  if (field.type === 'integer') {
    const [a, b] = [Math.ceil(lo), Math.floor(hi)];
    return Math.min(b, a + Math.floor(u * (b - a + 1)));
  }
  return Math.min(hi, Math.round((lo + u * (hi - lo)) * 10) / 10);
}

const dayNumber = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The interview date itself for "date of interview" questions; otherwise a day in the past year. */
function chooseDate(rng: Rng, field: Field, today: string): string {
  const label = field.label.vi.toLowerCase();
  const min = typeof field.min === 'string' ? dayNumber(field.min) : -Infinity;
  const max = typeof field.max === 'string' ? dayNumber(field.max) : Infinity;
  const t = dayNumber(today);
  const wanted = label.includes('phỏng vấn') || label.includes('khảo sát') ? t : t - rng.int(366);
  return dateOf(Math.min(max, Math.max(min, wanted)));
}

function chooseText(rng: Rng, field: Field): string | undefined {
  if (!field.pattern) return pickText(rng, field);
  try {
    return textMatching(rng, field.pattern.source);
  } catch (err) {
    if (err instanceof UnsupportedPattern) return undefined;
    throw err;
  }
}

/** A proposed raw answer (what a device would send), or undefined when there is nothing sensible to offer. */
export function proposeAnswer(rng: Rng, field: Field, today: string, t: Tendencies): unknown {
  switch (field.type) {
    case 'single':
    case 'scale':
    case 'yesno':
      return chooseCode(rng, field, t);
    case 'multi':
      return chooseCodes(rng, field, t);
    case 'integer':
    case 'decimal':
      return chooseNumber(rng, field, today);
    case 'date':
      return chooseDate(rng, field, today);
    case 'text':
      return chooseText(rng, field);
    case 'calculate':
      return undefined;
  }
}

/** Every other answer worth trying, in a random order, when proposals keep breaking a constraint. */
export function fallbackAnswers(rng: Rng, field: Field, today: string): unknown[] {
  const options = field.options ?? [];
  switch (field.type) {
    case 'single':
    case 'scale':
    case 'yesno':
      return shuffled(
        rng,
        options.map((o) => o.value),
      );
    case 'multi':
      return shuffled(
        rng,
        options.map((o) => [o.value]),
      );
    case 'integer':
    case 'decimal': {
      const [lo, hi] = [Math.ceil(asNumber(field.min) ?? 0), Math.floor(asNumber(field.max) ?? 1000)];
      const span = Math.min(hi - lo + 1, 2000);
      return span > 0
        ? shuffled(
            rng,
            Array.from({ length: span }, (_, i) => lo + i),
          )
        : [];
    }
    case 'date':
      return [today, field.min, field.max].filter((d) => typeof d === 'string');
    case 'text':
    case 'calculate':
      return [];
  }
}
