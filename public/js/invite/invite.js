// An invitation survey on any device (/i/<token>): the questionnaire one section per screen, by the kiosk's skip
// logic and widgets (kiosk/flow.js; a grid's items are asked one by one), saved under the personal link on every step
// and by "Save for later", so the same link resumes where it stopped; submitted once.
import { api } from '../shared/net.js';
import { today } from '../shared/today.js';
import { askedOn, mountScreen, screensOf, settle, showNav, startAnswers, stepFrom } from '../kiosk/flow.js';
import { el, givenAnswers, label, optionalQuestionIds, screenErrors } from '../kiosk/screens.js';
import { lang, switchLang, t } from '../kiosk/text.js';

const root = document.getElementById('kiosk');
const status = document.getElementById('kiosk-status');
const saveButton = document.getElementById('invite-save');
const langButton = document.getElementById('kiosk-lang');
const base = `/api/v1/invitations/${encodeURIComponent(root.dataset.token)}`;
const state = { def: null, questionnaire: null, screens: [], form: null, screen: 0, done: false };

async function boot() {
  const opened = await api('GET', base);
  if (opened.status !== 200) return finish(opened.data && opened.data.error ? opened.data.error.message : '');
  if (opened.data.submitted) return finish(t('invite.already'));
  const { survey, surveyVersion } = opened.data;
  const def = await api(
    'GET',
    `/api/v1/surveys/${encodeURIComponent(survey)}?version=${encodeURIComponent(surveyVersion)}`,
  );
  state.def = def.data;
  state.questionnaire = window.LangNgheRules.compileDefinition(def.data).questionnaire;
  state.screens = screensOf(def.data);
  // A new invitation starts with the defaults; a resumed one with the answers saved.
  state.form = startAnswers(state.questionnaire, opened.data.draft);
  const { asked } = settle(state.questionnaire, state.form);
  const first = stepFrom(state.screens, -1, 1, asked);
  // Resume at the first screen with a required question asked and not yet answered.
  const open = state.screens.findIndex((s) =>
    askedOn(s, asked).some((q) => q.required && state.form.values[q.id] === undefined),
  );
  const resumed = Object.keys(opened.data.draft || {}).length > 0;
  const last = stepFrom(state.screens, state.screens.length, -1, asked);
  state.screen = Math.max(0, !resumed ? first : open >= 0 ? open : last);
  render();
}

async function save() {
  const res = await api('PUT', `${base}/draft`, { body: { answers: givenAnswers(state.form.values) } }).catch(
    () => null,
  );
  status.textContent = res && res.status === 204 ? t('invite.saved') : t('invite.notSent');
}

function render() {
  const { screens } = state;
  const screen = screens[state.screen];
  root.replaceChildren(el('h1', {}, label(screen.title, lang())));
  const err = el('p', { class: 'kiosk-error', role: 'alert' });
  const nav = el('div', { class: 'kiosk-nav' });
  let asked = new Map();
  const back = el('button', { type: 'button', class: 'kiosk-button secondary' }, t('rate.back'));
  back.addEventListener('click', () => {
    state.screen = stepFrom(screens, state.screen, -1, asked);
    render();
  });
  const next = el('button', { type: 'button', class: 'kiosk-button', id: 'kiosk-next' }, t('rate.next'));
  const { fields } = mountScreen({
    def: state.def,
    questionnaire: state.questionnaire,
    screen,
    form: state.form,
    lang: lang(),
    onAnswer: () => {
      err.textContent = '';
    },
    onSettle: (settled) => {
      asked = settled.asked;
      showNav({
        back,
        next,
        screens,
        index: state.screen,
        asked,
        nextLabel: t('rate.next'),
        lastLabel: t('invite.submit'),
      });
    },
  });
  next.addEventListener('click', async () => {
    const shown = { ...screen, questions: askedOn(screen, asked).filter((q) => q.type !== 'note') };
    const errors = screenErrors(state.questionnaire, shown, state.form.values, today(), lang());
    const optional = optionalQuestionIds(shown);
    if (errors.some((e) => !optional.has(e.question))) {
      err.textContent = errors[0].message;
      return;
    }
    const following = stepFrom(screens, state.screen, 1, asked);
    if (following < 0) return submit(err);
    state.screen = following;
    await save();
    render();
  });
  nav.append(back, next);
  root.append(fields, err, nav);
}

async function submit(err) {
  const res = await api('POST', `${base}/submit`, { body: { answers: givenAnswers(state.form.values) } }).catch(
    () => null,
  );
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
