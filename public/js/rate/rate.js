// A citizen rating on their own phone (/r/<counter>, /r/d/<link>): the counter's questionnaire, one section per
// screen (the kiosk's skip logic and widgets, kiosk/flow.js), sent once to /api/v1/public/ratings. A failed send
// keeps the rating and its id, so "Send again" can never count it twice; the server's refusals are told in the
// citizen's language.
import { newId } from '../shared/ids.js';
import { api } from '../shared/net.js';
import { today } from '../shared/today.js';
import { screenHeading, screenPasses, screenProblems } from '../shared/screen-step.js';
import { askedOn, mountScreen, screenInstead, screensOf, showNav, startAnswers, stepFrom } from '../kiosk/flow.js';
import { el, givenAnswers, label } from '../kiosk/screens.js';
import { lang, switchLang, t } from '../kiosk/text.js';

const root = document.getElementById('kiosk');
const status = document.getElementById('kiosk-status');
const langButton = document.getElementById('kiosk-lang');
const target = root.dataset;
const state = { def: null, questionnaire: null, screens: [], rating: null };
let finished = null;

async function boot() {
  try {
    const path = `/api/v1/surveys/${encodeURIComponent(target.survey)}?version=${encodeURIComponent(target.version)}`;
    const def = await api('GET', path);
    if (def.status !== 200) throw new Error(`definition ${def.status}`);
    state.def = def.data;
    state.questionnaire = window.LangNgheRules.compileDefinition(def.data).questionnaire;
    // A link already names its dossier: that question is not asked here.
    state.screens = screensOf(def.data, (q) => !(target.token && q.id === 'dossier_code'));
    state.rating = { id: newId(), form: startAnswers(state.questionnaire), screen: 0, startedAt: null };
    renderScreen();
  } catch {
    status.textContent = t('phone.offline');
    setTimeout(boot, 5000);
  }
}

function button(text, attrs, onClick) {
  const b = el('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

function renderScreen() {
  const { rating, screens } = state;
  const screen = screens[rating.screen];
  const title = rating.screen === 0 ? t('rate.start') : label(screen.title, lang());
  root.replaceChildren(...screenHeading(title, rating.screen, screens.length));
  const problems = screenProblems(t('rate.skipInvalid'));
  const nav = el('div', { class: 'kiosk-nav' });
  let asked = new Map();
  const back = button(t('rate.back'), { class: 'kiosk-button secondary' }, () => {
    rating.screen = stepFrom(screens, rating.screen, -1, asked);
    renderScreen();
  });
  const next = button(t('rate.next'), { class: 'kiosk-button', id: 'kiosk-next' }, () => {
    const shown = { ...screen, questions: askedOn(screen, asked) };
    const check = { questionnaire: state.questionnaire, section: shown, answers: rating.form.values, problems };
    if (!screenPasses({ ...check, today: today(), lang: lang(), retry: () => next.click() })) return;
    const following = stepFrom(screens, rating.screen, 1, asked);
    if (following < 0) return send();
    rating.screen = following;
    renderScreen();
  });
  const { fields } = mountScreen({
    def: state.def,
    questionnaire: state.questionnaire,
    screen,
    form: rating.form,
    lang: lang(),
    onAnswer: () => {
      if (!rating.startedAt) rating.startedAt = new Date().toISOString();
      problems.clear();
    },
    onSettle: (settled) => {
      asked = settled.asked;
      showNav({
        back,
        next,
        screens,
        index: rating.screen,
        asked,
        nextLabel: t('rate.next'),
        lastLabel: t('rate.send'),
      });
    },
  });
  const instead = screenInstead(screens, rating.screen, asked);
  if (instead !== null) {
    rating.screen = instead;
    return renderScreen();
  }
  nav.append(back, next);
  root.append(fields, problems.box, nav);
}

function envelope() {
  const { id, form, startedAt } = state.rating;
  return {
    id,
    survey: target.survey,
    surveyVersion: target.version,
    answers: givenAnswers(form.values),
    ...(target.token ? { token: target.token } : { counter: target.counter }),
    ...(startedAt ? { startedAt } : {}),
  };
}

/** The words for the server's answer: thanks, or why nothing more was recorded. */
function outcomeText(res) {
  if (res.status === 201 || res.status === 200) return { title: t('thanks.title'), sub: t('thanks.sub'), done: true };
  const code = res.data && res.data.error ? res.data.error.code : '';
  const details = (res.data && res.data.error && res.data.error.details) || [];
  if (code === 'already_rated') {
    const today = details.some((d) => d.field === 'cookie');
    return { title: t('thanks.title'), sub: t(today ? 'phone.alreadyToday' : 'phone.dossierRated'), done: true };
  }
  if (code === 'rate_limited') return { title: t('phone.failed'), sub: t('phone.rateLimited'), done: false };
  const message = res.data && res.data.error ? res.data.error.message : `HTTP ${res.status}`;
  return { title: t('phone.failed'), sub: message, done: res.status === 401 || res.status === 410 };
}

async function send() {
  finished = envelope();
  root.replaceChildren(el('p', { class: 'kiosk-sub', role: 'status' }, t('phone.sending')));
  let res;
  try {
    res = await api('POST', '/api/v1/public/ratings', { body: finished });
  } catch {
    res = null;
  }
  const shown = res ? outcomeText(res) : { title: t('phone.failed'), sub: t('phone.offline'), done: false };
  root.replaceChildren(
    el('p', { class: shown.done ? 'kiosk-thanks' : 'kiosk-error', role: 'status' }, shown.title),
    el('p', { class: 'kiosk-sub', id: 'phone-outcome' }, shown.sub),
  );
  if (!shown.done) root.appendChild(button(t('phone.retry'), { class: 'kiosk-button', id: 'phone-retry' }, send));
}

function translateStatic() {
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
}

langButton.addEventListener('click', () => {
  switchLang();
  langButton.textContent = t('lang.switch');
  translateStatic();
  if (!finished && state.def) renderScreen();
});

boot();
