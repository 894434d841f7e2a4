// The kiosk controller: pairing, then a loop of ratings. Each rating starts from a blank screen, ends with a
// thank-you and a full reset; an idle timeout (default 60 s, shown as a countdown) discards a half-finished
// rating. Ratings go through the outbox in queue.js; a heartbeat tells the server the tablet is alive.
import { newId } from '../shared/ids.js';
import { api } from '../shared/net.js';
import { deliver } from '../shared/outbox.js';
import { screenHeading, screenPasses, screenProblems } from '../shared/screen-step.js';
import { today } from '../shared/today.js';
import { createIdleCountdown } from './idle.js';
import { showPairing } from './pairing.js';
import { createRatingQueue } from './queue.js';
import { el, givenAnswers, label, renderQuestion } from './screens.js';
import { lang, resetLang, switchLang, t } from './text.js';

const TOKEN_KEY = 'langnghe.kiosk.token';
const params = new URLSearchParams(location.search);
const idleSeconds = Math.max(5, Number(params.get('idle')) || 60);
const thanksSeconds = Math.max(1, Number(params.get('thanks')) || 5);
const root = document.getElementById('kiosk');
const status = document.getElementById('kiosk-status');
const langButton = document.getElementById('kiosk-lang');
const state = { token: localStorage.getItem(TOKEN_KEY), config: null, def: null, questionnaire: null, rating: null };

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

/** A fresh rating: no trace of the previous person's answers (or language) is kept anywhere. */
function startRating() {
  idle.stop();
  resetLang();
  langButton.textContent = t('lang.switch');
  state.rating = { id: newId(), answers: {}, screen: 0, startedAt: null };
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
  const { sections } = state.def;
  const rating = state.rating;
  const section = sections[rating.screen];
  root.classList.toggle('dense', section.questions.length > 2);
  const title = rating.screen === 0 ? t('rate.start') : label(section.title, lang());
  root.replaceChildren(...screenHeading(title, rating.screen, sections.length));
  const problems = screenProblems(t('rate.skipInvalid'));
  const fields = el('div', { class: 'kiosk-fields' });
  for (const q of section.questions)
    fields.appendChild(
      renderQuestion(state.def, q, rating.answers, lang(), () => {
        touched();
        problems.clear();
      }),
    );
  root.append(fields, problems.box);
  const nav = el('div', { class: 'kiosk-nav' });
  const back = () => {
    touched();
    rating.screen -= 1;
    renderScreen();
  };
  nav.appendChild(
    rating.screen > 0 ? navButton(t('rate.back'), { class: 'kiosk-button secondary' }, back) : el('span'),
  );
  const last = rating.screen === sections.length - 1;
  const next = navButton(t(last ? 'rate.send' : 'rate.next'), { class: 'kiosk-button', id: 'kiosk-next' }, () => {
    const check = { questionnaire: state.questionnaire, section, answers: rating.answers, problems };
    if (!screenPasses({ ...check, today: today(), lang: lang(), retry: () => next.click() })) return;
    if (last) {
      next.disabled = true;
      submit();
      return;
    }
    touched();
    rating.screen += 1;
    renderScreen();
  });
  nav.appendChild(next);
  root.appendChild(nav);
}

/** How long the citizen waits for the server's answer before the rating is queued and thanked for anyway. */
const directSendMs = 4000;

/**
 * Sends the rating straight away when the tablet is online, so that a refusal the citizen should hear about
 * (this dossier was already rated today) is told on the spot; without an answer in time it joins the outbox.
 */
async function submit() {
  const { id, answers, startedAt } = state.rating;
  const envelope = {
    id,
    survey: state.config.survey,
    surveyVersion: state.config.surveyVersion,
    answers: givenAnswers(answers),
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
