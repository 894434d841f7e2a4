// Builds kiosk screens from the counter's questionnaire: one section per screen, big buttons for scales and
// single choices, a text box for the dossier code. Text comes from the definition and is set with
// textContent only.

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function label(l, lang) {
  return lang === 'en' && l && l.en ? l.en : l ? l.vi : '';
}

function optionsFor(def, q) {
  if (q.options) return q.options;
  if (q.scale && def.scales[q.scale]) return def.scales[q.scale].options;
  return [];
}

function textInput(q, answers, lang, onChange) {
  const input = el('input', {
    class: 'kiosk-input',
    id: `ki-${q.id}`,
    'aria-labelledby': `kq-${q.id}`,
    ...(q.hint ? { 'aria-describedby': `kh-${q.id}` } : {}),
    autocomplete: 'off',
    autocapitalize: 'characters',
    maxlength: String(q.maxLength || 60),
  });
  input.value = answers[q.id] || '';
  input.addEventListener('input', () => {
    answers[q.id] = input.value.trim();
    onChange();
  });
  return input;
}

function choiceButtons(def, q, answers, lang, onChange) {
  const group = el('div', { class: 'kiosk-choices', role: 'group', 'aria-labelledby': `kq-${q.id}` });
  for (const o of optionsFor(def, q)) {
    const button = el(
      'button',
      {
        type: 'button',
        // Colour follows what the answer means (the pack's valence), never its position in the list.
        class: `kiosk-choice${o.valence ? ` valence-${o.valence}` : ''}`,
        'aria-pressed': String(answers[q.id] === o.value),
        'data-value': String(o.value),
      },
      label(o.label, lang),
    );
    button.addEventListener('click', () => {
      answers[q.id] = o.value;
      for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      onChange();
    });
    group.appendChild(button);
  }
  return group;
}

/** Renders one question; `answers` is read and written in place, `onChange` is told after each change. */
export function renderQuestion(def, q, answers, lang, onChange) {
  const wrap = el('div', { class: 'kiosk-field', 'data-question': q.id });
  wrap.appendChild(el('p', { class: 'kiosk-question', id: `kq-${q.id}` }, label(q.label, lang)));
  // The hint (a dossier code's example) stays visible above the box: a placeholder vanishes at the first key.
  if (q.hint) wrap.appendChild(el('p', { class: 'kiosk-hint', id: `kh-${q.id}` }, label(q.hint, lang)));
  wrap.appendChild(
    q.type === 'text' ? textInput(q, answers, lang, onChange) : choiceButtons(def, q, answers, lang, onChange),
  );
  return wrap;
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
