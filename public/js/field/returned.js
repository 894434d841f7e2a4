// Interviews a supervisor returned for correction (GET /api/v1/returned-interviews): kept on the phone with the
// supervisor's comments, listed on the home page, and reopened as a draft under the interview's own id, so that
// the corrected interview leaves through the outbox like any other and the server stores it as a new version.
import { formatTime, lang, t } from './lang.js';
import { localIso } from './local-time.js';
import { api, NetworkError } from '../shared/net.js';
import { kvDelete, kvGet, kvSet, reopenReturnedDraft } from './store.js';
import { interviewUrl } from './sw-register.js';

const LIST = 'returned';
/** Which version of each returned interview this phone reopened: { [id]: version }. */
const REOPENED = 'returnedReopened';

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'text') el.textContent = value;
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.filter(Boolean));
  return el;
}

/** Downloads the list when the server answers; offline, the phone keeps the list it has. */
export async function refreshReturned(token) {
  try {
    const res = await api('GET', '/api/v1/returned-interviews', { token });
    if (res.status === 200 && !res.fromCache && Array.isArray(res.data)) await kvSet(LIST, res.data);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
  }
}

/** Sign-out: the answers of returned interviews are personal data of the surveyor's households. */
export async function forgetReturned() {
  await kvDelete(LIST);
  await kvDelete(REOPENED);
}

/**
 * The draft of a returned interview: its id, household and questionnaire, the answers as the server holds them,
 * and the comments. It opens on the screen of the first commented question; the session's paradata start afresh
 * (the server keeps the visit's own times and keeps this session's with the new version).
 */
export function draftFromReturned(item, username) {
  const now = localIso();
  const first = item.comments.find((c) => c.screen);
  return {
    id: item.id,
    username,
    assignmentId: item.assignmentId,
    survey: item.survey,
    surveyVersion: item.surveyVersion,
    answers: { ...item.answers },
    stash: {},
    committed: { ...item.answers },
    screen: first ? first.screen : null,
    startedAt: now,
    updatedAt: now,
    paradata: { screens: [], changedAnswers: 0 },
    gps: null,
    gpsWanted: false,
    review: { version: item.version, comment: item.comment, reviewer: item.reviewer, comments: item.comments },
  };
}

/** returned (to reopen), correcting (a draft), or the outbox state of the correction. */
function stateOf(item, reopened, drafts, outbox) {
  if (reopened[item.id] !== item.version) return 'returned';
  if (drafts.some((d) => d.id === item.id)) return 'correcting';
  const record = outbox.find((r) => r.id === item.id);
  return record ? record.state : 'returned';
}

async function reopen(item, username) {
  const draft = await reopenReturnedDraft(draftFromReturned(item, username));
  if (!draft) return;
  await kvSet(REOPENED, { ...((await kvGet(REOPENED)) || {}), [item.id]: item.version });
  location.assign(`${interviewUrl(item.survey, item.surveyVersion)}#a=${encodeURIComponent(item.assignmentId)}`);
}

function card(item, state, assignment, username) {
  const url = `${interviewUrl(item.survey, item.surveyVersion)}#a=${encodeURIComponent(item.assignmentId)}`;
  let action = null;
  if (state === 'returned' && assignment) {
    action = h('button', {
      type: 'button',
      class: 'button primary',
      'data-action': 'reopen',
      text: t('returned.reopen'),
    });
    action.addEventListener('click', () => reopen(item, username));
  } else if (state === 'correcting') {
    action = h('a', { class: 'button primary', href: url, text: t('returned.continue') });
  }
  const badge = state === 'returned' ? 'returned' : state === 'correcting' ? 'draft' : state;
  return h(
    'article',
    { class: 'returned', 'data-returned': item.id, 'data-state': state },
    h('h3', { text: assignment ? `${assignment.headName} · ${assignment.householdId}` : item.id.slice(0, 8) }),
    h(
      'p',
      { class: 'small muted' },
      t('returned.by', {
        who: item.reviewer || '?',
        time: item.returnedAt ? formatTime(new Date(item.returnedAt)) : '',
      }),
      ' ',
      h('span', {
        class: `badge state-${badge}`,
        text:
          state === 'returned'
            ? t('returned.badge')
            : t(state === 'correcting' ? 'returned.correcting' : `state.${state}`),
      }),
    ),
    item.comment ? h('p', { class: 'review-comment', text: item.comment }) : null,
    h(
      'ul',
      { class: 'review-comments' },
      ...item.comments.map((c) =>
        h(
          'li',
          { 'data-comment': c.field },
          h('strong', { text: t('returned.question', { label: pick(c.label) }) }),
          ' ',
          c.comment,
        ),
      ),
    ),
    action,
  );
}

const pick = (label) => (lang() === 'en' ? label.en || label.vi : label.vi);

/** Shows the returned interviews (the section stays hidden when there are none). */
export async function renderReturned(section, { username, assignments, drafts, outbox }) {
  const list = (await kvGet(LIST)) || [];
  const reopened = (await kvGet(REOPENED)) || {};
  const box = section.querySelector('[data-returned-list]');
  box.replaceChildren(
    ...list.map((item) =>
      card(
        item,
        stateOf(item, reopened, drafts, outbox),
        assignments.find((a) => a.id === item.assignmentId),
        username,
      ),
    ),
  );
  section.hidden = list.length === 0;
  section.querySelector('[data-returned-count]').textContent = String(list.length);
}
