// The way through a section-per-screen questionnaire (kiosk, invitation, citizen's phone), by the shared rules
// (public/js/rules.js): the answers are settled after each change (a question no longer asked loses its answer, an
// option a choice_filter no longer allows is dropped, a default is given when its question is first asked), a
// screen shows only the questions asked, and a screen with none is passed over.
import { fillRefs, markRefs } from '../shared/text-refs.js';
import { today } from '../shared/today.js';
import { el, renderQuestion, syncFields } from './screens.js';

const rules = () => window.LangNgheRules;

/**
 * One screen per section; a grid is its label (a `group` entry, shown while one of its items is asked) and then its
 * items, each asked as a question on its scale; calculations are never shown.
 */
export function screensOf(def, keep = () => true) {
  const screens = [];
  for (const section of def.sections) {
    const questions = [];
    for (const q of section.questions) {
      if (q.type === 'calculate' || !keep(q)) continue;
      if (q.type !== 'grid') {
        questions.push(q);
        continue;
      }
      questions.push({ id: q.id, type: 'group', label: q.label, hint: q.hint, items: q.items.map((i) => i.id) });
      for (const item of q.items)
        questions.push({ id: item.id, type: 'scale', scale: q.scale, label: item.label, required: q.required });
    }
    if (questions.length > 0) screens.push({ ...section, questions });
  }
  return screens;
}

/** Whether a screen entry is shown: a grid's label while one of its items is asked, the others when asked. */
export function isAsked(q, asked) {
  return q.type === 'group' ? q.items.some((id) => asked.get(id) !== false) : asked.get(q.id) !== false;
}

/**
 * The answers of one rating or invitation: `values` as the widgets write them, `pending` the defaults still to
 * give. A new one gives every default; one resumed from saved answers gives none (the person saw them already).
 */
export function startAnswers(questionnaire, saved) {
  const values = { ...(saved || {}) };
  const fresh = Object.keys(values).length === 0;
  return { values, pending: fresh ? rules().fieldsWithDefaults(questionnaire) : new Set() };
}

/** Settles `form.values` in place; returns what is asked and the options shown. */
export function settle(questionnaire, form) {
  const settled = rules().settleAnswers(questionnaire, form.values, today(), form.pending);
  for (const key of Object.keys(form.values)) if (!(key in settled.answers)) delete form.values[key];
  Object.assign(form.values, settled.answers);
  form.pending = settled.pending;
  return settled;
}

/** The questions of a screen that are asked (a grid's label counts only with an item asked). */
export function askedOn(screen, asked) {
  return screen.questions.filter((q) => isAsked(q, asked));
}

/** The next screen from `index` in direction `step` (1 or -1) with a question asked, or -1 when there is none. */
export function stepFrom(screens, index, step, asked) {
  for (let i = index + step; i >= 0 && i < screens.length; i += step)
    if (askedOn(screens[i], asked).length > 0) return i;
  return -1;
}

/**
 * The screen to show instead of `index` when the answers so far ask nothing on it (a new rating's first, say): the
 * next one with a question asked; null to show it as it is (something is asked, or nothing follows).
 */
export function screenInstead(screens, index, asked) {
  if (askedOn(screens[index], asked).length > 0) return null;
  const following = stepFrom(screens, index, 1, asked);
  return following >= 0 ? following : null;
}

/**
 * Back is hidden on the first screen with a question asked (keeping its place, so Next stays on the right); Next
 * says `lastLabel` on the last one.
 */
export function showNav({ back, next, screens, index, asked, nextLabel, lastLabel }) {
  back.style.visibility = stepFrom(screens, index, -1, asked) < 0 ? 'hidden' : '';
  next.textContent = stepFrom(screens, index, 1, asked) < 0 ? lastLabel : nextLabel;
}

/** The question with the options the engine resolved for it (its own, its scale's, or yes/no with their codes). */
function withOptions(questionnaire, q) {
  const field = questionnaire.fieldById.get(q.id);
  return field && field.options ? { ...q, options: field.options } : q;
}

/**
 * A screen's questions, kept in line with the rules after each answer. `onAnswer()` is told of each change by the
 * person, `onSettle(settled)` after every settling (also the first, before this returns).
 */
export function mountScreen({ def, questionnaire, screen, form, lang, onAnswer, onSettle }) {
  const fields = el('div', { class: 'kiosk-fields' });
  const refresh = () => {
    const settled = settle(questionnaire, form);
    syncFields(fields, form.values, settled);
    fillRefs(fields, questionnaire, form.values, today(), lang);
    onSettle(settled);
    return settled;
  };
  for (const q of screen.questions)
    fields.appendChild(
      renderQuestion(def, withOptions(questionnaire, q), form.values, lang, () => {
        onAnswer();
        refresh();
      }),
    );
  markRefs(fields);
  const settled = refresh();
  return { fields, settled };
}
