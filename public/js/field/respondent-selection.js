// Choosing the one adult to interview in the household, before the questionnaire, when the draw's plan asks for
// it: Kish's table of this household or the nearest birthday, by the shared rules (LangNgheRules) the server
// checks. The choice (method, eligible adults, line; never names or birthdays) goes with the interview's paradata.
import { formatNumber, onLangChange, t } from './lang.js';
import { newId } from '../shared/ids.js';
import { today } from '../shared/today.js';

const R = window.LangNgheRules;
const $ = (id) => document.getElementById(id);
const MAX_ADULTS = 30;

function option(value, text) {
  const o = document.createElement('option');
  o.value = String(value);
  o.textContent = text;
  return o;
}

/** One line of the birthday list: day and month selects, keeping what was chosen before. */
function birthdayRow(i, before) {
  const li = document.createElement('li');
  li.className = 'rs-person';
  const name = document.createElement('span');
  name.className = 'rs-person-name';
  name.textContent = t('rs.person', { i: formatNumber(i) });
  li.append(name);
  for (const [part, last] of [
    ['day', 31],
    ['month', 12],
  ]) {
    const select = document.createElement('select');
    select.dataset.part = part;
    select.setAttribute('aria-label', `${t('rs.person', { i: formatNumber(i) })}: ${t(`rs.${part}`)}`);
    select.append(option('', t(`rs.${part}`)));
    for (let v = 1; v <= last; v += 1) select.append(option(v, formatNumber(v)));
    if (before && before[part]) select.value = String(before[part]);
    li.append(select);
  }
  return li;
}

/**
 * Shows the selection step when the assignment asks for one and resolves once a respondent is confirmed (at once
 * when the draft already has one, or when the household is the unit). `showQuestionnaire(false)` hides the
 * questions while the choice is being changed; `save()` keeps the draft on the device.
 */
export function chooseRespondent({ assignment, draft, save, showQuestionnaire }) {
  const rule = assignment.respondentSelection;
  if (!rule) return Promise.resolve();
  const method = rule.method;
  const table =
    method === 'kish' ? R.kishTableFor(R.householdSelectionKey(assignment.villageCode, assignment.householdId)) : null;
  let choice = null;
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));

  const adults = () => {
    const n = Number($('rs-adults').value);
    return Number.isInteger(n) && n >= 1 && n <= MAX_ADULTS ? n : null;
  };
  const birthdays = () =>
    [...$('rs-birthday-list').children].map((li) => ({
      day: Number(li.querySelector('[data-part=day]').value),
      month: Number(li.querySelector('[data-part=month]').value),
    }));

  function syncBirthdayRows(n) {
    const list = $('rs-birthday-list');
    const kept = birthdays();
    list.replaceChildren(...Array.from({ length: n ?? 0 }, (_, i) => birthdayRow(i + 1, kept[i])));
  }

  /** Recomputes the chosen line from what is entered; shows errors only when `strict` (on confirm). */
  function compute(strict) {
    const n = adults();
    choice = null;
    $('rs-error').textContent = strict && n === null ? t('rs.adultsError') : '';
    $('rs-adults').setAttribute('aria-invalid', strict && n === null ? 'true' : 'false');
    if (n !== null && method === 'kish') {
      choice = { method, eligibleAdults: n, line: R.kishLine(table, n), table };
    } else if (n !== null) {
      try {
        // Ties between equal birthdays are broken at random: a fresh stream each time, never reused.
        choice = { method, eligibleAdults: n, line: R.nextBirthdayLine(birthdays(), today(), R.createRng(newId())) };
      } catch {
        if (strict) $('rs-error').textContent = t('rs.birthdayError');
      }
    }
    $('rs-result').textContent = choice
      ? t(method === 'kish' ? 'rs.kishResult' : 'rs.birthdayResult', {
          line: formatNumber(choice.line),
          n: formatNumber(choice.eligibleAdults),
        })
      : '';
    return choice;
  }

  function renderTexts() {
    $('rs-method').textContent = t(`rs.method.${method}`, { table });
    $('rs-adults-label').textContent = t('rs.adults', { min: rule.minAge, max: rule.maxAge });
    $('rs-listed').textContent = t('rs.listed', { n: formatNumber(rule.listedAdults) });
    if (method === 'nearest_birthday') syncBirthdayRows(adults());
    if (draft.selection) {
      const s = draft.selection;
      $('rs-summary-text').textContent = t('rs.summary', {
        line: formatNumber(s.line),
        n: formatNumber(s.eligibleAdults),
        method: t(`rs.summary.${s.method}`, { table: s.table ?? '' }),
      });
    }
    if (!$('rs-form').hidden) compute(false);
  }

  function open() {
    $('rs-title').hidden = false;
    $('rs-form').hidden = false;
    $('rs-summary').hidden = true;
    $('rs-kish').hidden = method !== 'kish';
    $('rs-birthdays').hidden = method !== 'nearest_birthday';
    if (draft.selection) $('rs-adults').value = String(draft.selection.eligibleAdults);
    showQuestionnaire(false);
    renderTexts();
    $('rs-title').focus();
  }

  function close() {
    // Once chosen, one line above every screen says who is being interviewed.
    $('rs-title').hidden = true;
    $('rs-form').hidden = true;
    $('rs-summary').hidden = false;
    renderTexts();
    showQuestionnaire(true);
    resolveReady();
  }

  $('rs').hidden = false;
  $('rs-adults').addEventListener('input', () => {
    if (method === 'nearest_birthday') syncBirthdayRows(adults());
    compute(false);
  });
  $('rs-birthday-list').addEventListener('change', () => compute(false));
  $('rs-confirm').addEventListener('click', () => {
    if (!compute(true)) return;
    draft.selection = choice;
    save();
    close();
  });
  $('rs-change').addEventListener('click', open);
  onLangChange(renderTexts);
  if (draft.selection && draft.selection.method === method) close();
  else open();
  return ready;
}
