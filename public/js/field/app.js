// The field app's home (/field): sign in once (the token stays in IndexedDB), then two tabs (tabs.js): the assigned
// households as cases (search, filters, villages) and the outbox with its states, "send now", "download backup";
// sign-out (sign-out.js) and whether the phone is ready to work offline at the top.
import { downloadBackup } from './backup.js';
import { createCaseList } from './case-list.js';
import { releasedReserves } from './case-state.js';
import { draftFromRefused } from './draft.js';
import { enrolWithCode, takeEnrolmentCode } from './enrol.js';
import { renderOutbox } from './household-list.js';
import { bindLangSwitch, bindNetStatus, formatNumber, formatTime, lang, onLangChange, t } from './lang.js';
import { NetworkError, api } from '../shared/net.js';
import { localIso } from './local-time.js';
import { refreshReturned, renderReturned } from './returned.js';
import { neededSurveys } from './needed-surveys.js';
import { renderReserveNotices } from './reserve-notice.js';
import { allDrafts, allOutbox, kvGet, kvSet, pendingDispositions, reopenRecord, updateDispositions } from './store.js';
import { cachedAll, definitionUrl, interviewUrl, registerServiceWorker, warmCache } from './sw-register.js';
import { backupAndSignOut, signOut, signOutEverywhere } from './sign-out.js';
import { bindTabs } from './tabs.js';
import { onSyncChange, retryRecord, startAutoSync, status as syncStatus, syncNow } from './sync.js';

const $ = (id) => document.getElementById(id);
let me = null;
let lastRendered = '';
let caseList = null;

async function signIn(event) {
  event.preventDefault();
  const button = $('signin-submit');
  const error = $('signin-error');
  if ($('username').value.trim() === '' || $('password').value === '') {
    error.textContent = t('signin.missing');
    return;
  }
  button.disabled = true;
  error.textContent = t('signin.busy');
  try {
    const body = { username: $('username').value.trim(), password: $('password').value };
    const res = await api('POST', '/api/v1/auth/token', { body });
    if (res.status !== 201) {
      error.textContent = t(res.status === 429 ? 'signin.throttled' : 'signin.failed');
      return;
    }
    // The token's answer names its account; /me is asked only by a server that does not.
    const who = res.data.user
      ? { status: 200, data: res.data.user }
      : await api('GET', '/api/v1/me', { token: res.data.token });
    if (who.status !== 200 || who.data.role !== 'surveyor') {
      error.textContent = t('signin.notSurveyor');
      return;
    }
    error.textContent = '';
    $('password').value = '';
    await keepSignIn(res.data.token, res.data.expiresAt, who.data);
  } catch (err) {
    error.textContent = err instanceof NetworkError ? t('signin.offline') : String(err);
  } finally {
    button.disabled = false;
  }
}

async function keepSignIn(token, expiresAt, who) {
  await kvSet('token', token);
  await kvSet('me', { ...who, tokenExpiresAt: expiresAt });
  await showHome();
}

/** The admin's enrolment QR opened this page: the code signs the phone in (or the sign-in form says why not). */
async function enrol(code) {
  $('signin').hidden = false;
  $('signin-error').textContent = t('enrol.busy');
  const result = await enrolWithCode(code);
  if (result.error) {
    $('signin-error').textContent = result.error;
    return false;
  }
  $('signin-error').textContent = '';
  await keepSignIn(result.token, result.expiresAt, result.who);
  return true;
}

async function showStorage() {
  let persistent = false;
  if (navigator.storage && navigator.storage.persist) {
    persistent = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  }
  $('storage-status').textContent = t(persistent ? 'home.storagePersistent' : 'home.storageBestEffort');
}

/** Downloads the lists when online; otherwise keeps what the device has. Resolves true when the list is fresh. */
async function refreshFromServer() {
  const token = await kvGet('token');
  let offline = null;
  let fresh = false;
  try {
    // Both lists at once: on a village connection every round trip costs about half a second.
    const [surveys, res] = await Promise.all([
      api('GET', '/api/v1/surveys'),
      api('GET', '/api/v1/assignments', { token }),
    ]);
    fresh = res.status === 200 && !res.fromCache;
    // The households' questionnaires download while the lists are stored and drawn (the worker finishes the
    // download if a household is opened meanwhile); checkOffline then adds drafts and the chosen questionnaire.
    if (fresh) warmCache(neededSurveys(res.data, [], null).map((s) => definitionUrl(s.code, s.version)));
    if (surveys.status === 200)
      await kvSet(
        'surveys',
        surveys.data.filter((s) => s.kind === 'household'),
      );
    if (fresh) {
      await kvSet('assignments', { list: res.data, fetchedAt: new Date().toISOString() });
      offline = checkOffline(true);
    }
    if (res.status === 401) syncStatus.authExpired = true;
    else await refreshReturned(token);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
  }
  await render();
  await (offline ?? checkOffline(true));
  return fresh;
}

/**
 * After the server acknowledged outcomes the list is downloaded again, since a reserve may have been released. A
 * connection that has just come back may still answer from the phone's cache: then it is tried again shortly.
 */
async function refreshAfterOutcomes(attempt = 1) {
  if (await refreshFromServer()) return;
  if (attempt < 5) setTimeout(() => refreshAfterOutcomes(attempt + 1).catch(() => undefined), 2000 * attempt);
}

/** The app shell (the worker stores it whole, so its two pages stand for it) and the questionnaires needed. */
async function neededUrls() {
  const assignments = ((await kvGet('assignments')) || { list: [] }).list;
  const drafts = (await allDrafts()).filter((d) => me && d.username === me.username);
  const surveys = neededSurveys(assignments, drafts, await chosenSurvey());
  return ['/field', '/field/interview', ...surveys.map((s) => definitionUrl(s.code, s.version))];
}

/** Questionnaire versions never change, so only what is missing (a new version, say) is downloaded. */
async function checkOffline(warm) {
  const urls = await neededUrls();
  let ready = await cachedAll(urls);
  if (!ready && warm && navigator.onLine) {
    await warmCache(urls);
    ready = await cachedAll(urls);
  }
  const node = $('offline-ready');
  node.dataset.offlineReady = ready ? 'yes' : 'no';
  node.textContent = t(ready ? 'home.offlineReady' : 'home.offlineNotReady');
}

/** The surveyor's choice for households no round covers; never a silent default when there are several. */
async function chosenSurvey() {
  const surveys = (await kvGet('surveys')) || [];
  const picked = await kvGet('survey');
  return surveys.find((s) => s.code === picked) || (surveys.length === 1 ? surveys[0] : null);
}

async function render() {
  if (!me) return;
  const [cached, drafts, outboxAll, surveys, survey] = [
    await kvGet('assignments'),
    await allDrafts(),
    await allOutbox(),
    (await kvGet('surveys')) || [],
    await chosenSurvey(),
  ];
  const dispositions = Object.values(await pendingDispositions()).filter((d) => d.username === me.username);
  const seenReserves = (await kvGet('reserveNoticesSeen')) || [];
  const assignments = cached ? cached.list : [];
  // Everything the list shows is in hand from here: bench/field-load/households.mjs times the list from then.
  const dataAt = performance.now();
  const mine = (r) => r.username === me.username;
  const outbox = outboxAll.filter(mine);
  const myDrafts = drafts.filter(mine);
  const sendingId = syncStatus.sending;
  // Rebuilt only when something shown changed, so a sync in the background does not reset a form being filled.
  const signature = JSON.stringify([
    lang(),
    surveys,
    survey,
    assignments,
    myDrafts.map((d) => [d.assignmentId, d.survey, d.surveyVersion]),
    outbox.map((r) => [r.id, r.state, r.error]),
    dispositions.map((d) => [d.assignmentId, d.state, d.error]),
    sendingId,
    seenReserves,
  ]);
  if (signature !== lastRendered) {
    lastRendered = signature;
    performance.clearMarks('field:list-data');
    performance.mark('field:list-data', { startTime: dataAt });
    const select = $('survey-select');
    select.replaceChildren(
      new Option(t('cases.surveyNone'), ''),
      ...surveys.map(
        (s) => new Option(`${lang() === 'en' ? s.title.en || s.title.vi : s.title.vi} (${s.version})`, s.code),
      ),
    );
    select.value = survey ? survey.code : '';
    // The menu acts only on households whose draw no round uses (their "start" needs it): without any, it is hidden.
    const unbound = assignments.filter((a) => !a.survey && a.status === 'open').length;
    $('survey-pick').hidden = unbound === 0 || surveys.length === 0;
    $('survey-hint').textContent = t(survey ? 'cases.surveyHint' : 'cases.surveyChoose', { n: formatNumber(unbound) });
    const open = [...document.querySelectorAll('details.disposition[open]')].map(
      (d) => d.closest('[data-assignment]').dataset.assignment,
    );
    const cases = caseList.setCases(assignments, {
      drafts: myDrafts,
      outbox,
      dispositions,
      sendingId,
      survey,
      onDisposition: recordDisposition,
      onDiscardDisposition: discardDisposition,
    });
    renderReserveNotices($('reserve-notices'), releasedReserves(cases), seenReserves, {
      onShow: (a) => caseList.show(a),
      onShowAll: () => caseList.filter({ reserve: 'reserve', state: 'todo' }),
      onDismiss: async (ids) => {
        await kvSet('reserveNoticesSeen', [...seenReserves, ...ids]);
        await render();
      },
    });
    const work = cases.filter((c) => c.state === 'todo' || c.state === 'returned').length;
    $('tab-cases-count').textContent = formatNumber(work);
    for (const id of open)
      document.querySelector(`[data-assignment="${CSS.escape(id)}"] details.disposition`)?.setAttribute('open', '');
    renderOutbox($('outbox-list'), outbox, dispositions, assignments, {
      sendingId,
      onRetry: (id) => retryRecord(id),
      onCorrect: correctRecord,
    });
  }
  // Outcomes wait and need attention in the same outbox as interviews, and are listed there: they count too.
  const count = (s) => formatNumber([...outbox, ...dispositions].filter((r) => r.state === s).length);
  const unsent = [...outbox, ...dispositions].filter((r) => r.state !== 'sent');
  $('tab-outbox-count').textContent = formatNumber(unsent.length + myDrafts.length);
  $('tab-outbox').dataset.attention = unsent.some((r) => r.state === 'attention') ? 'yes' : 'no';
  $('outbox-counts').textContent = t('outbox.counts', {
    draft: formatNumber(myDrafts.length),
    waiting: count('waiting'),
    attention: count('attention'),
    sent: count('sent'),
  });
  $('assignments-updated').textContent = cached
    ? t('home.updatedAt', { time: formatTime(new Date(cached.fetchedAt)) })
    : '';
  $('auth-expired').hidden = !syncStatus.authExpired;
  $('send-now').disabled =
    Boolean(syncStatus.sending) || ![...outbox, ...dispositions].some((r) => r.state === 'waiting');
  const next = syncStatus.nextAttemptAt;
  $('sync-status').textContent = next
    ? t('outbox.nextTry', { s: formatNumber(Math.max(1, Math.round((next - Date.now()) / 1000))) })
    : '';
  // Last: it reads storage again, and the list, badges and counts above should change in the same frame.
  await renderReturned($('returned'), { username: me.username, assignments, drafts: myDrafts, outbox });
}

/** Opens a refused interview again as a draft, on the household's interview page. */
async function correctRecord(record) {
  const draft = await reopenRecord(record.id, draftFromRefused);
  if (draft) location.assign(`${interviewUrl(draft.survey, draft.surveyVersion)}#a=${draft.assignmentId}`);
  else await render();
}

/** An outcome is kept on the phone and sent like an interview: households without signal are the usual case. */
async function recordDisposition(id, body) {
  await updateDispositions((all) => ({
    ...all,
    [id]: {
      assignmentId: id,
      username: me.username,
      body,
      state: 'waiting',
      error: null,
      attempts: 0,
      recordedAt: localIso(),
    },
  }));
  await render();
  syncNow();
}

/** An outcome the server refused (another one was recorded there first): the server's record stands. */
async function discardDisposition(id) {
  await updateDispositions(({ [id]: _refused, ...rest }) => rest);
  await refreshFromServer();
}

async function showHome() {
  me = await kvGet('me');
  syncStatus.authExpired = false;
  lastRendered = '';
  $('signin').hidden = true;
  $('home').hidden = false;
  $('hello').textContent = t('home.hello', { name: me.displayName || me.username });
  // The lists download while the device's copy is drawn: on a village connection they are the long part.
  refreshFromServer().catch(() => undefined);
  await render();
  showStorage().catch(() => undefined);
  startAutoSync();
}

async function boot() {
  // Before the tabs, which rewrite the address's fragment: the enrolment code travels there.
  const code = takeEnrolmentCode();
  bindLangSwitch($('lang-switch'));
  bindTabs();
  caseList = createCaseList({
    list: $('assignment-list'),
    search: $('case-search'),
    state: $('case-state'),
    village: $('case-village'),
    reserve: $('case-reserve'),
    clear: $('cases-clear'),
    summary: $('cases-summary'),
  });
  bindNetStatus($('net-status'));
  registerServiceWorker();
  onSyncChange((s) => {
    // An acknowledged outcome may have released a reserve household: the list is downloaded again.
    if (s.dispositionsSent === 0) return render();
    s.dispositionsSent = 0;
    return refreshAfterOutcomes().catch(() => undefined);
  });
  onLangChange(() => {
    if (me) $('hello').textContent = t('home.hello', { name: me.displayName || me.username });
    render();
    checkOffline(false);
  });
  $('signin-form').addEventListener('submit', signIn);
  $('send-now').addEventListener('click', () => {
    $('send-now').disabled = true;
    syncNow().finally(render);
  });
  $('signin-again').addEventListener('click', () => {
    $('home').hidden = true;
    $('signin').hidden = false;
    $('username').value = me ? me.username : '';
    $('password').focus();
  });
  $('refresh').addEventListener('click', () => refreshFromServer());
  $('signout').addEventListener('click', () => signOut(me.username));
  $('signout-everywhere').addEventListener('click', () => signOutEverywhere(me.username));
  $('signout-backup').addEventListener('click', () => backupAndSignOut(me.username));
  $('survey-select').addEventListener('change', async (e) => {
    await kvSet('survey', e.target.value);
    render();
    checkOffline(true);
  });
  $('backup').addEventListener('click', async () => {
    const n = await downloadBackup(me.username);
    $('sync-status').textContent = t(n === 0 ? 'outbox.backupNothing' : 'outbox.backupSaved', { n: formatNumber(n) });
  });
  $('boot').hidden = true;
  // A refused code leaves the sign-in form with the server's reason, even on a phone already signed in.
  if (code) await enrol(code);
  else if (await kvGet('token')) await showHome();
  else $('signin').hidden = false;
}

boot();
