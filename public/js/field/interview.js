// One interview (/field/interview/:code/:version#a=<assignment>): one section per screen (built from the
// definition, screens.js), live skip logic and validation through the shared engine, the draft saved to IndexedDB
// on every change, and "finish and send", which moves the interview to the outbox in one transaction and then
// tries to send it.
import { errorText } from './household-list.js';
import { bindLangSwitch, bindNetStatus, formatNumber, formatTime, lang, onLangChange, t } from './lang.js';
import { buildEnvelope, knownAnswers, newDraft, outboxRecord } from './draft.js';
import { buildModel, validate } from './logic.js';
import { applySkipLogic } from './skip.js';
import { discardDraft } from './discard-draft.js';
import { api } from '../shared/net.js';
import { fillRefs, markRefs } from '../shared/text-refs.js';
import { today } from '../shared/today.js';
import { localIso } from './local-time.js';
import { ScreenClock, requestGps } from './paradata.js';
import { chooseRespondent } from './respondent-selection.js';
import { applyExclusive, firstInput, readField, setFormLocked, showError, writeField } from './form-state.js';
import { buildScreens, surveyOfPath } from './screens.js';
import { draftForAssignment, finalizeDraft, getOutbox, kvGet, kvSet, outboxForAssignment, putDraft } from './store.js';
import { showReviewNotes } from './review-notes.js';
import { definitionUrl, registerServiceWorker } from './sw-register.js';
import { startAutoSync, syncNow } from './sync.js';

const $ = (id) => document.getElementById(id);
const main = $('main');
const form = $('iv-form');
const { code: survey, version: askedVersion } = surveyOfPath(location.pathname);
let version = askedVersion;
let screens = [];
let model = null;
let draft = null;
let clock = null;
let current = null;
let finished = false;
let busy = false;
let saving = Promise.resolve();
let saveTimer = null;
const shownErrors = new Set();

function notice(text) {
  $('iv-notice').textContent = text;
  $('iv-notice').hidden = false;
}

// ---- answers, relevance and errors -------------------------------------------------------------------------

/** Applies skip logic; errors of questions no longer asked disappear with them. */
function refresh() {
  const asked = applySkipLogic(form, model, draft, today());
  fillRefs(main, model.questionnaire, draft.answers, today());
  for (const id of [...shownErrors]) {
    if (!asked.get(id)) {
      shownErrors.delete(id);
      showError(form, id, null);
    }
  }
  updateProgress();
}

// A grid is hidden only when all its items are, so an item's own flag says whether it is asked.
const visibleFieldsOf = (screen) =>
  [...screen.querySelectorAll('[data-field]')].filter((n) => !n.hidden).map((n) => n.dataset.field);

/** Shows the current error (or none) of each given field; returns the fields that have one. */
function showErrors(ids) {
  const errors = validate(model, draft.answers, today(), lang());
  const failing = [];
  for (const id of ids) {
    const message = errors.get(id) || null;
    showError(form, id, message);
    if (message) {
      shownErrors.add(id);
      failing.push(id);
    } else {
      shownErrors.delete(id);
    }
  }
  if (shownErrors.size === 0) $('iv-errors').textContent = '';
  return failing;
}

function onAnswer(target, committed) {
  const id = target.name;
  if (!id || !model || finished || !model.questionnaire.fieldById.has(id)) return;
  applyExclusive(form, target);
  const value = readField(form, id);
  if (value === undefined) delete draft.answers[id];
  else draft.answers[id] = value;
  delete draft.stash[id];
  if (committed) {
    const before = draft.committed[id];
    if (before !== undefined && JSON.stringify(before) !== JSON.stringify(value)) clock.noteChange();
    draft.committed[id] = value;
  }
  refresh();
  if (committed || shownErrors.has(id)) showErrors([...new Set([id, ...shownErrors])]);
  save(!committed);
}

// ---- saving ----------------------------------------------------------------------------------------------

/** Saves the draft now (or within 400 ms while typing); writes are queued so they land in order. */
function save(debounce = false) {
  clearTimeout(saveTimer);
  if (debounce) {
    saveTimer = setTimeout(() => save(false), 400);
    return saving;
  }
  if (finished || !draft) return saving;
  draft.paradata = clock.snapshot();
  draft.screen = current;
  draft.updatedAt = localIso();
  const copy = JSON.parse(JSON.stringify(draft));
  saving = saving
    .then(() => putDraft(copy))
    .then(
      () => {
        $('save-status').textContent = t('iv.saved', { time: formatTime(new Date()) });
        main.dataset.saves = String(Number(main.dataset.saves || 0) + 1);
      },
      () => {
        $('save-status').textContent = t('iv.saveFailed');
      },
    );
  return saving;
}

// ---- navigation ------------------------------------------------------------------------------------------

const isVisible = (screen) =>
  screen.dataset.screen === '_finish' || [...screen.querySelectorAll('[data-question]')].some((q) => !q.hidden);
const indexOf = (id) => screens.findIndex((s) => s.dataset.screen === id);

function updateProgress() {
  if (current === null) return;
  const visible = screens.filter(isVisible);
  const position = visible.filter((s) => indexOf(s.dataset.screen) <= indexOf(current)).length;
  $('iv-progress').max = visible.length;
  $('iv-progress').value = position;
  $('iv-progress-text').textContent = t('iv.screen', {
    n: formatNumber(position),
    total: formatNumber(visible.length),
  });
  $('prev').disabled = position <= 1 || finished;
  $('next').hidden = current === '_finish';
}

function go(id, focus = true) {
  current = id;
  for (const s of screens) s.hidden = s.dataset.screen !== id;
  if (id === '_finish') clock.leave();
  else clock.enter(id);
  $('iv-errors').textContent = '';
  updateProgress();
  window.scrollTo(0, 0);
  if (focus) $(`screen-${id}-title`).focus();
  save();
}

function step(direction) {
  const from = indexOf(current);
  const candidates = direction > 0 ? screens.slice(from + 1) : screens.slice(0, from).reverse();
  const target = candidates.find(isVisible);
  if (target) go(target.dataset.screen);
}

function next() {
  const failing = showErrors(visibleFieldsOf(screens[indexOf(current)]));
  if (failing.length > 0) {
    $('iv-errors').textContent = t('iv.fixErrors', { n: formatNumber(failing.length) });
    firstInput(form, failing[0])?.focus();
    return;
  }
  step(1);
}

// ---- finishing -------------------------------------------------------------------------------------------

async function finish() {
  if (busy || finished) return;
  busy = true;
  $('finish').disabled = true;
  try {
    const errors = validate(model, draft.answers, today(), lang());
    if (errors.size > 0) {
      const wrong = screens.find((s) => isVisible(s) && visibleFieldsOf(s).some((id) => errors.has(id)));
      if (wrong) {
        go(wrong.dataset.screen);
        next();
      } else {
        $('iv-errors').textContent = [...errors.values()].join(' ');
      }
      return;
    }
    await save();
    finished = true;
    $('discard-draft').hidden = true;
    setFormLocked(form, true);
    let record;
    try {
      record = await finalizeDraft(draft.id, outboxRecord(draft, buildEnvelope(draft, model, clock.snapshot())));
    } catch {
      finished = false;
      setFormLocked(form, false);
      $('finish-status').textContent = t('iv.saveFailed');
      return;
    }
    // The interview is safe in the outbox now: the surveyor may leave while it is being sent.
    updateProgress();
    showFinishState('waiting');
    $('finish-back').hidden = false;
    $('rs-change').disabled = true;
    if (navigator.onLine) {
      $('finish-status').textContent = t('iv.sending');
      await syncNow();
    }
    const after = await getOutbox(record.id);
    showFinishState(after ? after.state : 'waiting', after && after.error);
    $('finish-status').dataset.attempted = 'yes';
  } finally {
    busy = false;
    $('finish').disabled = finished;
  }
}

function showFinishState(state, error) {
  const node = $('finish-status');
  node.dataset.state = state;
  node.textContent =
    state === 'sent'
      ? t('iv.sent')
      : state === 'attention'
        ? t('iv.attention', { message: errorText(error) })
        : t('iv.queued');
}

async function onGpsChoice(allowed) {
  await kvSet('gpsAllowed', allowed);
  draft.gpsWanted = allowed;
  if (!allowed) {
    draft.gps = null;
    $('gps-status').textContent = '';
    return save();
  }
  $('gps-status').textContent = t('iv.gpsWaiting');
  const fix = await requestGps();
  if (!draft.gpsWanted || finished) return undefined;
  draft.gps = fix;
  $('gps-status').textContent = fix ? t('iv.gpsOk', { m: formatNumber(fix.accuracy) }) : t('iv.gpsFail');
  return save();
}

/** Discards the draft after the surveyor confirms; it is in a backup file before it leaves the phone. */
async function onDiscard() {
  if (busy || finished) return;
  busy = true;
  try {
    clearTimeout(saveTimer);
    await save();
    const copy = JSON.parse(JSON.stringify(draft));
    if (!(await discardDraft(copy, $('iv-household').dataset.name))) return;
    finished = true;
    for (const id of ['iv-form', 'pager', 'discard-draft', 'save-status']) $(id).hidden = true;
    document.querySelector('.iv-progress').hidden = true;
    notice(t('draft.discarded'));
  } catch {
    notice(t('draft.discardFailed'));
  } finally {
    busy = false;
  }
}

// ---- start -----------------------------------------------------------------------------------------------

/** The answers a new interview starts with: each question's `default` (XLSForm), as the engine checked it. */
function defaultAnswers() {
  return Object.fromEntries(model.fields.filter((f) => f.default != null).map((f) => [f.id, f.default]));
}

async function openDraft(me, assignment, assignments) {
  const existing = await draftForAssignment(assignment.id);
  if (existing) return existing;
  const ids = new Set(model.fields.map((f) => f.id));
  const created = newDraft({
    username: me.username,
    assignmentId: assignment.id,
    survey,
    version,
    gpsWanted: Boolean(await kvGet('gpsAllowed')),
    // XLSForm defaults first; what the app knows (the interviewer, the line) wins.
    answers: { ...defaultAnswers(), ...knownAnswers(ids, me.username, assignment, assignments) },
  });
  await putDraft(created);
  return created;
}

function showQuestionnaire(shown) {
  form.hidden = !shown;
  $('pager').hidden = !shown;
}

/** A compact grid's key sticks just under the header, whose height depends on the phone's width and language. */
function trackHeaderHeight() {
  const header = document.querySelector('.field-header');
  const set = () => document.documentElement.style.setProperty('--header-height', `${header.offsetHeight}px`);
  set();
  new ResizeObserver(set).observe(header);
}

/** The questionnaire's definition, then its title and screens; false when it cannot be loaded. */
async function loadQuestionnaire() {
  const res = await api('GET', definitionUrl(survey, version));
  if (res.status !== 200) return false;
  model = buildModel(res.data);
  version = model.questionnaire.definition.version;
  Object.assign(main.dataset, { survey, version });
  buildScreens(model.questionnaire);
  markRefs(main);
  screens = [...form.querySelectorAll('section.screen')];
  return true;
}

async function boot() {
  trackHeaderHeight();
  bindLangSwitch($('lang-switch'));
  bindNetStatus($('net-status'));
  registerServiceWorker();
  if (!(await loadQuestionnaire())) return notice(t('iv.loadFailed'));
  const assignmentId = new URLSearchParams(location.hash.slice(1)).get('a');
  const [me, cached] = [await kvGet('me'), await kvGet('assignments')];
  const assignment = cached && cached.list.find((a) => a.id === assignmentId);
  if (!me || !assignment) return notice(t('iv.noAssignment'));
  const household = () => {
    $('iv-household').dataset.name = assignment.headName;
    $('iv-household').textContent = t('iv.household', { name: `${assignment.headName} · ${assignment.householdId}` });
  };
  household();
  const done = await outboxForAssignment(assignmentId);
  if (done) return notice(t('iv.alreadyFinished', { state: t(`state.${done.state}`) }));
  draft = await openDraft(me, assignment, cached.list);
  if (draft.survey !== survey || draft.surveyVersion !== version)
    return notice(t('iv.versionChanged', { v: draft.surveyVersion }));
  clock = new ScreenClock(draft.paradata);
  for (const [id, value] of Object.entries(draft.answers)) writeField(form, id, value);
  showReviewNotes(form, draft.review);
  await chooseRespondent({ assignment, draft, save: () => save(), showQuestionnaire });
  showQuestionnaire(true);
  refresh();
  const saved = screens.find((s) => s.dataset.screen === draft.screen);
  current = saved ? saved.dataset.screen : screens[0].dataset.screen;
  if (!isVisible(screens[indexOf(current)])) step(1);
  else go(current, false);
  form.addEventListener('change', (e) => onAnswer(e.target, true));
  form.addEventListener('input', (e) => {
    if (e.target.type !== 'radio' && e.target.type !== 'checkbox') onAnswer(e.target, false);
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  // Enter in a one-line field moves on, as a keyboard user expects (the form has no submit button to do it).
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !e.target.matches('input[type=text], input[type=date]') || current === '_finish') return;
    e.preventDefault();
    onAnswer(e.target, true);
    next();
  });
  $('next').addEventListener('click', next);
  $('prev').addEventListener('click', () => step(-1));
  $('finish').addEventListener('click', finish);
  $('discard-draft').hidden = false;
  $('discard-draft').addEventListener('click', onDiscard);
  $('gps-consent').checked = Boolean(draft.gpsWanted);
  $('gps-consent').addEventListener('change', (e) => onGpsChoice(e.target.checked));
  if (draft.gpsWanted && !draft.gps) onGpsChoice(true);
  // Leaving the page (or the phone locking it) must not lose the last keystrokes.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) save();
  });
  window.addEventListener('pagehide', () => save());
  onLangChange(() => {
    household();
    showReviewNotes(form, draft.review);
    updateProgress();
    showErrors([...shownErrors]);
  });
  startAutoSync();
  return undefined;
}

boot().catch((err) => notice(`${t('iv.loadFailed')} (${err && err.message ? err.message : err})`));
