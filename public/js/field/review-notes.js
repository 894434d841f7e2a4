// On the interview page of a returned interview: what the supervisor said, above the form and next to each question
// they commented on, so that the surveyor sees what to correct and where.
import { lang, t } from './lang.js';

const pick = (label) => (lang() === 'en' ? label.en || label.vi : label.vi);

function note(className, strong, text) {
  const p = document.createElement('p');
  p.className = className;
  const label = document.createElement('strong');
  label.textContent = strong;
  p.append(label, ' ', text);
  return p;
}

/** Shows (again, after a language switch) the comments of `review`, a returned draft's; nothing for other drafts. */
export function showReviewNotes(form, review) {
  for (const old of document.querySelectorAll('#iv-review, [data-review-note]')) old.remove();
  if (!review) return;
  const summary = document.createElement('section');
  summary.id = 'iv-review';
  summary.className = 'review-summary';
  summary.setAttribute('role', 'note');
  const title = document.createElement('h2');
  title.textContent = t('returned.summary', { who: review.reviewer || '?' });
  summary.append(title);
  if (review.comment) summary.append(note('review-comment', t('returned.general'), review.comment));
  const list = document.createElement('ul');
  for (const c of review.comments) {
    const item = document.createElement('li');
    const label = document.createElement('strong');
    label.textContent = t('returned.question', { label: pick(c.label) });
    item.append(label, ' ', c.comment);
    list.append(item);
  }
  summary.append(list);
  form.before(summary);
  for (const c of review.comments) {
    const field = form.querySelector(`[data-field="${CSS.escape(c.field)}"]`);
    if (!field) continue;
    const after = field.querySelector(':scope > legend, :scope > label');
    const box = note('review-note', t('returned.note'), c.comment);
    box.dataset.reviewNote = c.field;
    box.id = `rn-${c.field}`;
    // Screen readers hear the comment with the question's inputs.
    for (const input of field.querySelectorAll(`[name="${CSS.escape(c.field)}"]`)) {
      const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== box.id);
      input.setAttribute('aria-describedby', [...ids, box.id].join(' '));
    }
    if (after) after.after(box);
    else field.prepend(box);
  }
}
