// The kiosk controller: pairing, then a loop of ratings. Each rating starts from a blank screen (but for the
// questionnaire's defaults), follows its skip logic (flow.js), ends with a thank-you and a full reset; an idle
// timeout (default 60 s, shown as a countdown) discards a half-finished rating. Ratings go through the outbox in
// queue.js; a heartbeat tells the server the tablet is alive.
import { newId } from '../shared/ids.js';
import { api } from '../shared/net.js';
import { deliver } from '../shared/outbox.js';
import { screenHeading, screenPasses, screenProblems } from '../shared/screen-step.js';
import { today } from '../shared/today.js';
import { createIdleCountdown } from './idle.js';
import { showPairing } from './pairing.js';
import { createRatingQueue } from './queue.js';
import { askedOn, mountScreen, screenInstead, screensOf, showNav, startAnswers, stepFrom } from './flow.js';
import { el, givenAnswers, label } from './screens.js';
import { lang, resetLang, switchLang, t } from './text.js';

const TOKEN_KEY = 'langnghe.kiosk.token';
const params = new URLSearchParams(location.search);
const idleSeconds = Math.max(5, Number(params.get('idle')) || 60);
const thanksSeconds = Math.max(1, Number(params.get('thanks')) || 5);
const root = document.getElementById('kiosk');
const status = document.getElementById('kiosk-status');
const langButton = document.getElementById('kiosk-lang');
const state = { token: localStorage.getItem(TOKEN_KEY), config: null, def: null, questionnaire: null, screens: [] };
state.rating = null;

const idle = createIdleCountdown(document.getElementById('kiosk-countdown'), idleSeconds, () => startRating());
const queue = createRatingQueue({
  token: () => state.token,
  onUnauthorized: () => forgetDevice(),
  onChange: (waiting) => {
    status.textContent = waiting > 0 ? `${waiting} ${t('queue.waiting')}` : '';
  },
});

function pair() {
  idle.stop();
  showPairing(root, (token) => {
    localStorage.setItem(TOKEN_KEY, token);
    state.token = token;
    boot();
  });
}

function forgetDevice() {
  localStorage.removeItem(TOKEN_KEY);
  state.token = null;
  pair();
}

/** Loads the counter's questionnaire; retried every 5 s until the server answers. */
async function boot() {
  try {
    const res = await api('GET', '/api/v1/kiosk/config', { token: state.token });
    if (res.status === 401) return forgetDevice();
    if (res.status !== 200) throw new Error(`config ${res.status}`);
    state.config = res.data;
    const { survey, surveyVersion } = res.data;
    const def = await api(
      'GET',
      `/api/v1/surveys/${encodeURIComponent(survey)}?version=${encodeURIComponent(surveyVersion)}`,
    );
    if (def.status !== 200) throw new Error(`definition ${def.status}`);
    state.def = def.data;
    state.questionnaire = window.LangNgheRules.compileDefinition(def.data).questionnaire;
    state.screens = screensOf(def.data);
    startRating();
    heartbeat();
    queue.start();
  } catch {
    setTimeout(boot, 5000);
  }
}

function heartbeat() {
  if (state.token) api('POST', '/api/v1/kiosk/heartbeat', { token: state.token }).catch(() => undefined); // next minute
}

/** A fresh rating: no trace of the previous person's answers (or language) is kept anywhere; defaults given. */
function startRating() {
  idle.stop();
  resetLang();
  langButton.textContent = t('lang.switch');
  state.rating = { id: newId(), form: startAnswers(state.questionnaire), screen: 0, startedAt: null };
  renderScreen();
}

function touched() {
  if (!state.rating) return;
  if (!state.rating.startedAt) state.rating.startedAt = new Date().toISOString();
  idle.restart();
}

function navButton(text, attrs, onClick) {
  const button = el('button', { type: 'button', ...attrs }, text);
  button.addEventListener('click', onClick);
  return button;
}

function renderScreen() {
  const { screens } = state;
  const rating = state.rating;
  const screen = screens[rating.screen];
  const title = rating.screen === 0 ? t('rate.start') : label(screen.title, lang());
  root.replaceChildren(...screenHeading(title, rating.screen, screens.length));
  const problems = screenProblems(t('rate.skipInvalid'));
  const nav = el('div', { class: 'kiosk-nav' });
  let asked = new Map();
  const back = navButton(t('rate.back'), { class: 'kiosk-button secondary' }, () => {
    touched();
    rating.screen = stepFrom(screens, rating.screen, -1, asked);
    renderScreen();
  });
  const next = navButton(t('rate.next'), { class: 'kiosk-button', id: 'kiosk-next' }, () => {
    const shown = { ...screen, questions: askedOn(screen, asked) };
    const check = { questionnaire: state.questionnaire, section: shown, answers: rating.form.values, problems };
    if (!screenPasses({ ...check, today: today(), lang: lang(), retry: () => next.click() })) return;
    const following = stepFrom(screens, rating.screen, 1, asked);
    if (following < 0) {
      next.disabled = true;
      submit();
      return;
    }
    touched();
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
      touched();
      problems.clear();
    },
    onSettle: (settled) => {
      asked = settled.asked;
      root.classList.toggle('dense', askedOn(screen, asked).length > 2);
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

/** How long the citizen waits for the server's answer before the rating is queued and thanked for anyway. */
const directSendMs = 4000;

/**
 * Sends the rating straight away when the tablet is online, so that a refusal the citizen should hear about
 * (this dossier was already rated today) is told on the spot; without an answer in time it joins the outbox.
 */
async function submit() {
  const { id, form, startedAt } = state.rating;
  const envelope = {
    id,
    survey: state.config.survey,
    surveyVersion: state.config.surveyVersion,
    answers: givenAnswers(form.values),
    completedAt: new Date().toISOString(),
    ...(startedAt ? { startedAt } : {}),
  };
  state.rating = null;
  idle.stop();
  root.classList.remove('dense');
  const timeout = new Promise((resolve) => setTimeout(() => resolve({ outcome: 'retry' }), directSendMs));
  const result = navigator.onLine
    ? await Promise.race([deliver('/api/v1/kiosk/ratings', envelope, state.token).catch(() => timeout), timeout])
    : { outcome: 'retry' };
  if (result.outcome === 'retry' || result.outcome === 'auth') queue.add(envelope);
  const already = result.outcome === 'refused' && result.error && result.error.code === 'already_rated';
  root.replaceChildren(
    el('p', { class: 'kiosk-thanks', role: 'status' }, t('thanks.title')),
    el('p', { class: 'kiosk-sub' }, t(already ? 'thanks.alreadyRated' : 'thanks.sub')),
  );
  setTimeout(startRating, (already ? 2 : 1) * thanksSeconds * 1000);
}

langButton.addEventListener('click', () => {
  switchLang();
  langButton.textContent = t('lang.switch');
  if (state.rating) renderScreen();
  else if (!state.token) pair();
});

setInterval(heartbeat, 60000);
if (state.token) boot();
else pair();
