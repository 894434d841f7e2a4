// Builds kiosk screens from the counter's questionnaire: one section per screen, big buttons for scales and
// single choices, a text box for the dossier code. Text comes from the definition and is set with
// textContent only.
(function () {
  'use strict';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function label(l, lang) {
    return lang === 'en' && l && l.en ? l.en : l ? l.vi : '';
  }

  function optionsFor(def, q) {
    if (q.options) return q.options;
    if (q.scale && def.scales[q.scale]) return def.scales[q.scale].options;
    return [];
  }

  /** Renders one question; `answers` is read and written in place, `onChange` is told after each change. */
  function renderQuestion(def, q, answers, lang, onChange) {
    var wrap = el('div', { class: 'kiosk-field', 'data-question': q.id });
    var heading = el('p', { class: 'kiosk-question', id: 'kq-' + q.id }, label(q.label, lang));
    wrap.appendChild(heading);
    if (q.type === 'text') {
      var input = el('input', {
        class: 'kiosk-input',
        id: 'ki-' + q.id,
        'aria-labelledby': 'kq-' + q.id,
        autocomplete: 'off',
        autocapitalize: 'characters',
        maxlength: String(q.maxLength || 60),
      });
      input.value = answers[q.id] || '';
      if (q.hint) input.setAttribute('placeholder', label(q.hint, lang));
      input.addEventListener('input', function () {
        answers[q.id] = input.value.trim();
        onChange();
      });
      wrap.appendChild(input);
      return wrap;
    }
    var group = el('div', { class: 'kiosk-choices', role: 'group', 'aria-labelledby': 'kq-' + q.id });
    optionsFor(def, q).forEach(function (o) {
      var button = el(
        'button',
        {
          type: 'button',
          class: 'kiosk-choice v' + o.value,
          'aria-pressed': String(answers[q.id] === o.value),
          'data-value': String(o.value),
        },
        label(o.label, lang),
      );
      button.addEventListener('click', function () {
        answers[q.id] = o.value;
        group.querySelectorAll('button').forEach(function (b) {
          b.setAttribute('aria-pressed', String(b === button));
        });
        onChange();
      });
      group.appendChild(button);
    });
    wrap.appendChild(group);
    return wrap;
  }

  /** The fields of one screen that are not yet valid, by the shared rules. */
  function screenErrors(questionnaire, section, answers, today, lang) {
    var ids = {};
    section.questions.forEach(function (q) {
      ids[q.id] = true;
    });
    var present = {};
    Object.keys(answers).forEach(function (k) {
      if (answers[k] !== '' && answers[k] !== undefined) present[k] = answers[k];
    });
    var result = window.LangNgheRules.validateAnswers(questionnaire, present, { today: today, lang: lang });
    return result.errors.filter(function (e) {
      return ids[e.question];
    });
  }

  window.KioskScreens = { el: el, label: label, renderQuestion: renderQuestion, screenErrors: screenErrors };
})();
