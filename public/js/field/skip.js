// Skip logic on the form: questions that are not asked are hidden and their answers set aside in the draft's
// stash (never sent); if a question is asked again, its answer comes back, so a mis-tap loses nothing.
import { clearField, readField, writeField } from './form-state.js';
import { relevance, shownOptions } from './logic.js';

/** Options a choice_filter leaves out are hidden and unticked, so an answer never holds one. */
function filterOptions(form, model, draft, today) {
  for (const [id, codes] of shownOptions(model, draft.answers, today)) {
    const allowed = new Set(codes);
    let dropped = false;
    for (const input of form.querySelectorAll(`[name="${CSS.escape(id)}"]`)) {
      const shown = allowed.has(Number(input.value));
      const label = input.closest('label') ?? input;
      label.hidden = !shown;
      if (!shown && input.checked) {
        input.checked = false;
        dropped = true;
      }
    }
    if (dropped) {
      const value = readField(form, id);
      if (value === undefined) delete draft.answers[id];
      else draft.answers[id] = value;
    }
  }
}

function settle(form, model, draft, asked, restore) {
  let changed = false;
  for (const field of model.fields) {
    const id = field.id;
    if (field.type === 'calculate') continue;
    if (!asked.get(id) && draft.answers[id] !== undefined) {
      draft.stash[id] = draft.answers[id];
      delete draft.answers[id];
      clearField(form, id);
      changed = true;
    } else if (restore && asked.get(id) && draft.answers[id] === undefined && draft.stash[id] !== undefined) {
      draft.answers[id] = draft.stash[id];
      delete draft.stash[id];
      writeField(form, id, draft.answers[id]);
      changed = true;
    }
  }
  return changed;
}

/** Brings answers and screen in line with the conditions; returns which fields and notes are asked. */
export function applySkipLogic(form, model, draft, today) {
  filterOptions(form, model, draft, today);
  let asked = relevance(model, draft.answers, today);
  // A restored answer can change other conditions; a last pass only sets aside, so the result is consistent.
  for (let pass = 0; pass < 5; pass += 1) {
    if (!settle(form, model, draft, asked, pass < 4)) break;
    asked = relevance(model, draft.answers, today);
  }
  for (const node of form.querySelectorAll('[data-field]')) node.hidden = !asked.get(node.dataset.field);
  for (const node of form.querySelectorAll('[data-note]')) node.hidden = !asked.get(node.dataset.note);
  for (const grid of form.querySelectorAll('.question.grid'))
    grid.hidden = ![...grid.querySelectorAll('[data-field]')].some((n) => !n.hidden);
  return asked;
}
