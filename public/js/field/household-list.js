// Renders the assigned households and the outbox with DOM calls (textContent only: names and addresses are
// data). Each household shows its server status and the state of its interview on this device.
import { formatNumber, lang, t } from './lang.js';
import { outcomeProblems, showOutcomeProblems } from './outcome-check.js';
import { serverReason } from './server-reason.js';
import { correctable } from './store.js';
import { interviewUrl } from './sw-register.js';

export function h(tag, attrs = {}, ...children) {
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

/** draft / waiting / sending / sent / attention, or null when the device holds nothing for the household. */
export function deviceState(assignmentId, { drafts, outbox, sendingId }) {
  const record = outbox.find((r) => r.assignmentId === assignmentId);
  if (record) return { state: record.id === sendingId ? 'sending' : record.state, record };
  const draft = drafts.find((d) => d.assignmentId === assignmentId);
  return draft ? { state: 'draft', draft } : { state: null };
}

/** What went wrong with an interview, for people. */
export function errorText(error) {
  if (!error) return '';
  if (error.code === 'network') return t('err.network');
  if (error.code === 'submission_conflict') return t('err.conflict');
  if (error.code === 'assignment_already_completed') return t('err.alreadyCompleted');
  if (error.code === 'disposition_invalid') return serverReason(error);
  if (error.status === 422) {
    const details = (error.details || []).map((d) => `${d.question || d.field || ''}: ${d.message}`).join('; ');
    return t('err.invalid', { details });
  }
  if (error.status === 401) return t('home.authExpired');
  if (error.status === 403) return t('err.forbidden');
  if (error.status === 404) return t('err.notFound');
  if (error.status === 413) return t('err.tooLarge');
  return t('err.other', { status: error.status });
}

function dispositionForm(assignment, onDisposition) {
  const id = assignment.id;
  const reasons = ['refused', 'not_at_home_3_visits', 'moved', 'ineligible', 'other'];
  const select = h(
    'select',
    { id: `disp-${id}`, name: 'disposition' },
    ...reasons.map((r) => h('option', { value: r, text: t(`disp.${r}`) })),
  );
  const visits = h('input', {
    id: `visits-${id}`,
    name: 'visits',
    type: 'number',
    inputmode: 'numeric',
    min: 1,
    max: 20,
    value: Math.max(1, assignment.visits || 1),
  });
  const note = h('input', { id: `note-${id}`, name: 'note', type: 'text', maxlength: 500 });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: `disp-${id}`, text: t('disp.reason') }),
    select,
    h('label', { for: `visits-${id}`, text: t('disp.visits') }),
    visits,
    h('label', { for: `note-${id}`, text: t('disp.note') }),
    note,
    h('button', { type: 'submit', class: 'button', text: t('disp.save') }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      disposition: select.value,
      visits: Number(visits.value),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    // The server's rule, run here: offline, a refused outcome would otherwise wait in the outbox to be refused.
    const problems = await outcomeProblems(body, lang());
    showOutcomeProblems(form, problems);
    if (problems && problems.length > 0) return;
    onDisposition(id, body);
  });
  const details = h('details', { class: 'disposition' }, h('summary', { text: t('disp.title') }), form);
  // Opening the form fetches the outcome rule (kept by the service worker), so it is there once offline.
  details.addEventListener('toggle', () => outcomeProblems({}, lang()), { once: true });
  return details;
}

/** The outcome form, built when first opened: most cards never open it, and a list of 600 stays fast. */
function lazyDispositionForm(assignment, onDisposition) {
  const details = h('details', { class: 'disposition' }, h('summary', { text: t('disp.title') }));
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return;
    // Opening the form fetches the outcome rule (kept by the service worker), so it is there once offline.
    void outcomeProblems({}, lang());
    details.append(...[...dispositionForm(assignment, onDisposition).children].slice(1));
  });
  return details;
}

/** An outcome recorded on this phone and not yet acknowledged: what it says, its state, and why it was refused. */
function pendingOutcome(d, onDiscard) {
  const discard =
    d.state === 'attention' ? h('button', { type: 'button', class: 'button', text: t('disp.discard') }) : null;
  discard?.addEventListener('click', () => onDiscard(d.assignmentId));
  return h(
    'div',
    { class: 'disposition-pending', 'data-disposition': d.state },
    h(
      'p',
      {},
      `${t('disp.pending', { reason: t(`disp.${d.body.disposition}`) })} `,
      h('span', { class: `badge state-${d.state}`, text: t(`state.${d.state}`) }),
    ),
    d.error ? h('p', { class: 'error-text', role: 'status', text: errorText(d.error) }) : null,
    discard,
  );
}

export function householdCard(a, ctx) {
  const local = deviceState(a.id, ctx);
  const outcome = ctx.dispositions.find((d) => d.assignmentId === a.id);
  const badges = h(
    'p',
    { class: 'badges' },
    a.isReserve ? h('span', { class: 'badge reserve', text: t('household.reserve') }) : null,
    h('span', { class: `badge status-${a.status}`, text: t(`status.${a.status}`) }),
    local.state
      ? h('span', { class: `badge state-${local.state}`, 'data-state': local.state, text: t(`state.${local.state}`) })
      : null,
  );
  let action = null;
  if (outcome) {
    action = pendingOutcome(outcome, ctx.onDiscardDisposition);
  } else if (local.state === 'draft') {
    action = h('a', {
      class: 'button primary',
      href: `${interviewUrl(local.draft.survey, local.draft.surveyVersion)}#a=${a.id}`,
      text: t('household.resume'),
    });
  } else if (!local.state && a.status === 'open' && (a.survey || ctx.survey)) {
    // The round that uses this household's draw names its questionnaire; otherwise the one chosen on the phone.
    const survey = a.survey ? { code: a.survey, version: a.surveyVersion } : ctx.survey;
    action = h('a', {
      class: 'button primary',
      href: `${interviewUrl(survey.code, survey.version)}#a=${a.id}`,
      text: t('household.start'),
    });
  }
  return h(
    'article',
    { class: 'household', 'data-assignment': a.id },
    h('h4', { text: a.headName }),
    h('p', { class: 'small muted', text: `${a.householdId} · ${t('household.order', { n: formatNumber(a.order) })}` }),
    a.address ? h('p', { text: a.address }) : null,
    a.phone
      ? h('p', { class: 'phone' }, `${t('household.phone')}: `, h('a', { href: `tel:${a.phone}`, text: a.phone }))
      : null,
    a.replaces ? h('p', { class: 'replaces small', text: replacesText(a.replaces) }) : null,
    badges,
    action,
    !local.state && !outcome && a.status === 'open' ? lazyDispositionForm(a, ctx.onDisposition) : null,
  );
}

/** For a released reserve: "In place of Trần Thị B (H005): refused". */
export function replacesText(r) {
  const reason = r.disposition ? t(`disp.${r.disposition}`) : '';
  return t('cases.replaces', { name: r.headName, id: r.householdId, reason });
}

export function renderOutbox(list, records, dispositions, assignments, { sendingId, onRetry, onCorrect }) {
  list.replaceChildren();
  for (const d of dispositions) {
    const a = assignments.find((x) => x.id === d.assignmentId);
    list.append(
      h(
        'li',
        { 'data-outbox-disposition': d.assignmentId },
        h('strong', { text: a ? a.headName : d.assignmentId }),
        ' ',
        t('disp.pending', { reason: t(`disp.${d.body.disposition}`) }),
        ' ',
        h('span', { class: `badge state-${d.state}`, 'data-state': d.state, text: t(`state.${d.state}`) }),
      ),
    );
  }
  for (const r of records.filter((x) => x.state !== 'sent')) {
    const a = assignments.find((x) => x.id === r.assignmentId);
    const state = r.id === sendingId ? 'sending' : r.state;
    list.append(
      h(
        'li',
        { 'data-outbox': r.id },
        h('strong', { text: a ? a.headName : r.assignmentId || r.id }),
        ' ',
        h('span', { class: `badge state-${state}`, 'data-state': state, text: t(`state.${state}`) }),
        r.error ? h('p', { class: 'error-text', text: errorText(r.error) }) : null,
        // Sending refused answers again would be refused again: they are corrected instead.
        r.state === 'attention' && !correctable(r)
          ? h('button', { type: 'button', class: 'button', 'data-action': 'retry', text: t('outbox.retry') })
          : null,
        correctable(r)
          ? h('button', {
              type: 'button',
              class: 'button primary',
              'data-action': 'correct',
              text: t('outbox.correct'),
            })
          : null,
      ),
    );
    list.lastElementChild.querySelector('[data-action="retry"]')?.addEventListener('click', () => onRetry(r.id));
    list.lastElementChild.querySelector('[data-action="correct"]')?.addEventListener('click', () => onCorrect(r));
  }
}
