// The form's inputs are the screen; this module turns them into answers (option codes as integers, multi as a
// sorted list, numbers as numbers) and back, and shows an error next to its question.
const inputsOf = (form, id) => [...form.querySelectorAll(`[name="${CSS.escape(id)}"]`)];

/** A typed number, or the text as typed when it is not one (validation then reports it). */
function parseNumber(raw, kind) {
  const text = raw.trim().replace(/\s+/g, '');
  if (text === '') return undefined;
  const normalised = kind === 'decimal' ? text.replace(',', '.') : text;
  const ok = kind === 'integer' ? /^-?\d{1,15}$/.test(normalised) : /^-?\d{1,15}(\.\d+)?$/.test(normalised);
  return ok ? Number(normalised) : raw;
}

export function readField(form, id) {
  const inputs = inputsOf(form, id);
  const first = inputs[0];
  if (!first) return undefined;
  if (first.type === 'radio') {
    const checked = inputs.find((i) => i.checked);
    return checked ? Number(checked.value) : undefined;
  }
  if (first.type === 'checkbox') {
    const codes = inputs
      .filter((i) => i.checked)
      .map((i) => Number(i.value))
      .sort((a, b) => a - b);
    return codes.length > 0 ? codes : undefined;
  }
  if (first.dataset.kind) return parseNumber(first.value, first.dataset.kind);
  return first.value.trim() === '' ? undefined : first.value;
}

export function writeField(form, id, value) {
  const inputs = inputsOf(form, id);
  const first = inputs[0];
  if (!first) return;
  if (first.type === 'radio') {
    for (const i of inputs) i.checked = value !== undefined && Number(i.value) === value;
  } else if (first.type === 'checkbox') {
    const list = Array.isArray(value) ? value : [];
    for (const i of inputs) i.checked = list.includes(Number(i.value));
  } else {
    first.value = value === undefined || value === null ? '' : String(value);
  }
}

export const clearField = (form, id) => writeField(form, id, undefined);

/** An exclusive option ("none of these") unticks the others, and the others untick it. */
export function applyExclusive(form, changed) {
  if (changed.type !== 'checkbox' || !changed.checked) return;
  for (const other of inputsOf(form, changed.name)) {
    if (other === changed) continue;
    if (changed.hasAttribute('data-exclusive') || other.hasAttribute('data-exclusive')) other.checked = false;
  }
}

export function showError(form, id, message) {
  const box = form.querySelector(`[data-field="${CSS.escape(id)}"]`);
  const text = document.getElementById(`e-${id}`);
  if (text) text.textContent = message || '';
  if (box) box.classList.toggle('invalid', Boolean(message));
  for (const input of inputsOf(form, id)) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** The first input of a field, to move focus to. */
export const firstInput = (form, id) => inputsOf(form, id)[0] || null;

export function setFormLocked(form, locked) {
  for (const input of form.querySelectorAll('input, textarea, select')) {
    if (input.id !== 'gps-consent') input.disabled = locked;
  }
}
