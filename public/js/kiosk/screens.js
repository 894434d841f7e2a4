// Builds the screens of the kiosk, the invitation page and the citizen's phone from a questionnaire: one section
// per screen, each question with the widget of its type (inputs.js), a note as text, a calculation not at all.
// syncFields shows only what the shared rules ask (LangNgheRules.settleAnswers, through flow.js) after each answer.
import { t } from './text.js';
import { choiceButtons, dateInput, el, label, numberInput, textInput, toggleButtons } from './inputs.js';

export { el, label } from './inputs.js';

function widget(def, q, answers, lang, onChange) {
  if (q.type === 'text') return textInput(q, answers, onChange);
  if (q.type === 'integer' || q.type === 'decimal') return numberInput(q, answers, onChange);
  if (q.type === 'date') return dateInput(q, answers, onChange);
  if (q.type === 'multi') return toggleButtons(def, q, answers, lang, onChange);
  return choiceButtons(def, q, answers, lang, onChange);
}

/**
 * Renders one question (a note as its text, a grid's label as a heading); `answers` is read and written in place,
 * `onChange` told after. A choice question's options are `q.options` (flow.js gives the engine's), else its scale's.
 */
export function renderQuestion(def, q, answers, lang, onChange) {
  if (q.type === 'group') {
    // A grid's label above its items, which follow as questions of their own.
    const group = el('div', {
      class: 'kiosk-field kiosk-group',
      'data-question': q.id,
      'data-items': q.items.join(' '),
    });
    group.appendChild(el('p', { class: 'kiosk-question', id: `kq-${q.id}` }, label(q.label, lang)));
    if (q.hint) group.appendChild(el('p', { class: 'kiosk-hint', id: `kh-${q.id}` }, label(q.hint, lang)));
    return group;
  }
  if (q.type === 'note') {
    const note = el('div', { class: 'kiosk-field kiosk-note', 'data-question': q.id, 'data-note': '' });
    note.appendChild(el('p', { class: 'kiosk-sub', id: `kq-${q.id}` }, label(q.label, lang)));
    if (q.hint) note.appendChild(el('p', { class: 'kiosk-hint', id: `kh-${q.id}` }, label(q.hint, lang)));
    return note;
  }
  const wrap = el('div', { class: 'kiosk-field', 'data-question': q.id, 'data-type': q.type });
  wrap.appendChild(el('p', { class: 'kiosk-question', id: `kq-${q.id}` }, label(q.label, lang)));
  // The hint (a dossier code's example) stays visible above the box: a placeholder vanishes at the first key.
  const hint = q.hint ? label(q.hint, lang) : q.type === 'multi' ? t('question.several') : '';
  if (hint) wrap.appendChild(el('p', { class: 'kiosk-hint', id: `kh-${q.id}` }, hint));
  const input = widget(def, q, answers, lang, onChange);
  if (hint) input.setAttribute('aria-describedby', `kh-${q.id}`);
  wrap.appendChild(input);
  return wrap;
}

/**
 * Brings rendered questions in line with the settled answers: a question not asked is hidden (and its box
 * emptied, since its answer is gone), options a choice_filter leaves out are hidden, buttons show the answers.
 */
export function syncFields(container, answers, settled) {
  for (const wrap of container.querySelectorAll('[data-question]')) {
    const id = wrap.dataset.question;
    const items = wrap.dataset.items;
    wrap.hidden = items
      ? items.split(' ').every((item) => settled.asked.get(item) === false)
      : settled.asked.get(id) === false;
    const value = answers[id];
    const shown = settled.shown.get(id);
    for (const b of wrap.querySelectorAll('button[data-value]')) {
      const code = Number(b.dataset.value);
      b.hidden = shown !== undefined && !shown.includes(code);
      b.setAttribute('aria-pressed', String(Array.isArray(value) ? value.includes(code) : value === code));
    }
    // The box being typed in already shows what the person typed (a half-typed date reads as empty meanwhile).
    const input = wrap.querySelector('input, textarea');
    if (!input || input === document.activeElement) continue;
    if (value === undefined) input.value = '';
    else if (input.value === '') input.value = String(value);
  }
}

/** What a rating sends: the answers given, without the blanks. */
export function givenAnswers(answers) {
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== '' && v !== undefined));
}

/** The questions a citizen may leave out: an invalid answer to one of them can be dropped instead of fixed. */
export function optionalQuestionIds(section) {
  return new Set(section.questions.filter((q) => !q.required).map((q) => q.id));
}

/** The fields of one screen that are not yet valid, by the shared rules. */
export function screenErrors(questionnaire, section, answers, today, lang) {
  const ids = new Set(section.questions.map((q) => q.id));
  const result = window.LangNgheRules.validateAnswers(questionnaire, givenAnswers(answers), { today, lang });
  return result.errors.filter((e) => ids.has(e.question));
}
