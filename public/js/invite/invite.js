// An invitation survey on any device (/i/<token>): the questionnaire one section per screen (the kiosk's screens.js;
// a grid's items are asked one by one), saved under the personal link on every step and by "Save for later", so
// the same link resumes where it stopped; submitted once.
import { api } from '../shared/net.js';
import { today } from '../shared/today.js';
import { el, givenAnswers, label, optionalQuestionIds, renderQuestion, screenErrors } from '../kiosk/screens.js';
import { lang, switchLang, t } from '../kiosk/text.js';

const root = document.getElementById('kiosk');
const status = document.getElementById('kiosk-status');
const saveButton = document.getElementById('invite-save');
const langButton = document.getElementById('kiosk-lang');
const base = `/api/v1/invitations/${encodeURIComponent(root.dataset.token)}`;
const state = { def: null, questionnaire: null, sections: [], answers: {}, screen: 0, done: false };

/** A section's questions as the screens ask them: a grid's items each as a question on its scale. */
function flatten(section) {
  const questions = [];
  for (const q of section.questions) {
    if (q.type === 'grid')
      for (const item of q.items)
        questions.push({ id: item.id, type: 'scale', scale: q.scale, label: item.label, required: q.required });
    else questions.push(q);
  }
  return { ...section, questions };
}

async function boot() {
  const opened = await api('GET', base);
  if (opened.status !== 200) return finish(opened.data && opened.data.error ? opened.data.error.message : '');
  if (opened.data.submitted) return finish(t('invite.already'));
  state.answers = { ...opened.data.draft };
  const { survey, surveyVersion } = opened.data;
  const def = await api(
    'GET',
    `/api/v1/surveys/${encodeURIComponent(survey)}?version=${encodeURIComponent(surveyVersion)}`,
  );
  state.def = def.data;
  state.questionnaire = window.LangNgheRules.compileDefinition(def.data).questionnaire;
  state.sections = def.data.sections.map(flatten);
  // Resume at the first screen with a required question not yet answered.
  const next = state.sections.findIndex((s) =>
    s.questions.some((q) => q.required && state.answers[q.id] === undefined),
  );
  state.screen = Object.keys(state.answers).length === 0 ? 0 : next < 0 ? state.sections.length - 1 : next;
  render();
}

async function save() {
  const res = await api('PUT', `${base}/draft`, { body: { answers: givenAnswers(state.answers) } }).catch(() => null);
  status.textContent = res && res.status === 204 ? t('invite.saved') : t('invite.notSent');
}

function render() {
  const section = state.sections[state.screen];
  root.replaceChildren(el('h1', {}, label(section.title, lang())));
  const err = el('p', { class: 'kiosk-error', role: 'alert' });
  const fields = el('div', { class: 'kiosk-fields' });
  for (const q of section.questions)
    fields.appendChild(
      q.type === 'note'
        ? el('p', { class: 'kiosk-sub' }, label(q.label, lang()))
        : renderQuestion(state.def, q, state.answers, lang(), () => {
            err.textContent = '';
          }),
    );
  root.append(fields, err);
  const nav = el('div', { class: 'kiosk-nav' });
  const back = el('button', { type: 'button', class: 'kiosk-button secondary' }, t('rate.back'));
  back.addEventListener('click', () => {
    state.screen -= 1;
    render();
  });
  nav.appendChild(state.screen > 0 ? back : el('span'));
  const last = state.screen === state.sections.length - 1;
  const next = el(
    'button',
    { type: 'button', class: 'kiosk-button', id: 'kiosk-next' },
    t(last ? 'invite.submit' : 'rate.next'),
  );
  next.addEventListener('click', async () => {
    const asked = { ...section, questions: section.questions.filter((q) => q.type !== 'note') };
    const errors = screenErrors(state.questionnaire, asked, state.answers, today(), lang());
    const optional = optionalQuestionIds(asked);
    if (errors.some((e) => !optional.has(e.question))) {
      err.textContent = errors[0].message;
      return;
    }
    if (last) return submit(err);
    state.screen += 1;
    await save();
    render();
  });
  nav.appendChild(next);
  root.appendChild(nav);
}

async function submit(err) {
  const res = await api('POST', `${base}/submit`, { body: { answers: givenAnswers(state.answers) } }).catch(() => null);
  if (res && res.status === 201) return finish(t('invite.done'));
  if (res && res.status === 410) return finish(t('invite.already'));
  err.textContent = res && res.data && res.data.error ? res.data.error.message : t('invite.notSent');
}

function finish(message) {
  state.done = true;
  saveButton.hidden = true;
  root.replaceChildren(el('p', { class: 'kiosk-thanks', role: 'status', id: 'invite-outcome' }, message));
}

saveButton.addEventListener('click', save);
langButton.addEventListener('click', () => {
  switchLang();
  langButton.textContent = t('lang.switch');
  saveButton.textContent = t('invite.save');
  if (!state.done && state.def) render();
});

boot();
