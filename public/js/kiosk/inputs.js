// The answer widgets of the section-per-screen pages (kiosk, invitation, citizen's phone), one per kind of question:
// big buttons for single choices and scales, toggle buttons for a multi-select, a numeric keypad box for numbers, a
// date box, a text box. Each writes its answer into `answers` in the stored form (codes and numbers as numbers, a
// multi-select as a sorted list) and calls `onChange`. Text is set with textContent only.

export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function label(l, lang) {
  return lang === 'en' && l && l.en ? l.en : l ? l.vi : '';
}

export function optionsFor(def, q) {
  if (q.options) return q.options;
  if (q.scale && def.scales[q.scale]) return def.scales[q.scale].options;
  return [];
}

const described = (q) => ({
  'aria-labelledby': `kq-${q.id}`,
  ...(q.hint ? { 'aria-describedby': `kh-${q.id}` } : {}),
});

/** A typed number as a number, or the text as typed when it is not one (the check then says what is wrong). */
export function parseNumber(raw, kind) {
  const text = raw.trim().replace(/\s+/g, '');
  if (text === '') return undefined;
  const normalised = kind === 'decimal' ? text.replace(',', '.') : text;
  const ok = kind === 'integer' ? /^-?\d{1,15}$/.test(normalised) : /^-?\d{1,15}(\.\d+)?$/.test(normalised);
  return ok ? Number(normalised) : raw.trim();
}

function boxInput(q, answers, attrs, read, onChange, tag = 'input') {
  const input = el(tag, {
    class: 'kiosk-input',
    id: `ki-${q.id}`,
    name: q.id,
    ...described(q),
    autocomplete: 'off',
    ...attrs,
  });
  const value = answers[q.id];
  input.value = value === undefined || value === null ? '' : String(value);
  input.addEventListener('input', () => {
    const next = read(input.value);
    if (next === undefined || next === '') delete answers[q.id];
    else answers[q.id] = next;
    onChange();
  });
  return input;
}

/** A line, or a box of several lines for a `multiline` question; at most the engine's limit (2,000 by default). */
export function textInput(q, answers, onChange) {
  const attrs = {
    autocapitalize: q.id === 'dossier_code' ? 'characters' : 'sentences',
    maxlength: String(q.maxLength || 2000),
    ...(q.multiline ? { rows: '4' } : { type: 'text' }),
  };
  return boxInput(q, answers, attrs, (v) => v.trim(), onChange, q.multiline ? 'textarea' : 'input');
}

/** Integers get the digits keypad, decimals the one with a separator; "12,5" is read as 12.5. */
export function numberInput(q, answers, onChange) {
  const attrs = { type: 'text', inputmode: q.type === 'integer' ? 'numeric' : 'decimal', maxlength: '20' };
  return boxInput(q, answers, attrs, (v) => parseNumber(v, q.type), onChange);
}

export function dateInput(q, answers, onChange) {
  const attrs = { type: 'date', ...(q.min ? { min: q.min } : {}), ...(q.max ? { max: q.max } : {}) };
  return boxInput(q, answers, attrs, (v) => v, onChange);
}

function optionButton(q, o, pressed, lang, extra) {
  return el(
    'button',
    {
      type: 'button',
      // Colour follows what the answer means (the pack's valence), never its position in the list.
      class: `kiosk-choice${extra}${o.valence ? ` valence-${o.valence}` : ''}`,
      'aria-pressed': String(pressed),
      'data-value': String(o.value),
      ...(o.exclusive ? { 'data-exclusive': '' } : {}),
    },
    label(o.label, lang),
  );
}

function choiceGroup(q, options) {
  // Many options wrap onto rows; a short scale stays on one row so a screen of several questions fits a tablet.
  const many = options.length > 5 || (q.type === 'multi' && options.length > 3);
  return el('div', {
    class: `kiosk-choices${many ? ' many' : ''}`,
    role: 'group',
    ...described(q),
  });
}

/** One answer among big buttons (single choice, scale, yes/no). */
export function choiceButtons(def, q, answers, lang, onChange) {
  const options = optionsFor(def, q);
  const group = choiceGroup(q, options);
  for (const o of options) {
    const button = optionButton(q, o, answers[q.id] === o.value, lang, '');
    button.addEventListener('click', () => {
      answers[q.id] = o.value;
      for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      onChange();
    });
    group.appendChild(button);
  }
  return group;
}

/** Several answers: each button toggles; an exclusive option ("none of these") clears the others, and they it. */
export function toggleButtons(def, q, answers, lang, onChange) {
  const options = optionsFor(def, q);
  const group = choiceGroup(q, options);
  const chosen = () => (Array.isArray(answers[q.id]) ? answers[q.id] : []);
  for (const o of options) {
    const button = optionButton(q, o, chosen().includes(o.value), lang, ' kiosk-toggle');
    button.addEventListener('click', () => {
      const exclusive = new Set(options.filter((x) => x.exclusive).map((x) => x.value));
      let next = chosen().includes(o.value)
        ? chosen().filter((c) => c !== o.value)
        : [...chosen().filter((c) => !exclusive.has(c) && !o.exclusive), o.value];
      next = next.sort((a, b) => a - b);
      if (next.length === 0) delete answers[q.id];
      else answers[q.id] = next;
      for (const b of group.querySelectorAll('button'))
        b.setAttribute('aria-pressed', String(next.includes(Number(b.dataset.value))));
      onChange();
    });
    group.appendChild(button);
  }
  return group;
}
