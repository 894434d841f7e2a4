// Checks a visit outcome on the phone with the server's own rule (checkOutcome in rules.js, the browser bundle of
// src/domain), so "not at home" after one visit is refused offline, in the surveyor's language, exactly as the
// server would refuse it. rules.js is loaded on demand: the household list does not need it to show.
let loading = null;

/**
 * The versioned address of rules.js the page names: the service worker keeps that one for offline use, not the
 * bare path.
 */
function rulesSrc() {
  const named = document.querySelector('script[data-rules-src]');
  return (named && named.dataset.rulesSrc) || '/static/js/rules.js';
}

/** window.LangNgheRules, loading rules.js once. */
export function loadRules() {
  if (window.LangNgheRules) return Promise.resolve(window.LangNgheRules);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = rulesSrc();
    script.onload = () => resolve(window.LangNgheRules);
    script.onerror = () => {
      loading = null;
      script.remove();
      reject(new Error('rules.js did not load'));
    };
    document.head.append(script);
  });
  return loading;
}

/** The outcome's problems in `lang` ([] when it may be recorded); null when the rules could not be loaded. */
export async function outcomeProblems(body, lang) {
  try {
    return (await loadRules()).checkOutcome(body, lang);
  } catch {
    return null;
  }
}

/** Shows the problems in the outcome form (one line each, the fields marked invalid); none clears them. */
export function showOutcomeProblems(form, problems) {
  let box = form.querySelector('[data-outcome-error]');
  if (!box) {
    box = document.createElement('p');
    box.className = 'field-error';
    box.setAttribute('role', 'alert');
    box.dataset.outcomeError = '';
    form.querySelector('button[type="submit"]').before(box);
  }
  const list = problems || [];
  box.textContent = list.map((p) => p.message).join(' ');
  for (const field of form.querySelectorAll('[name]')) {
    if (list.some((p) => p.field === field.name)) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
  const first = list[0] && form.querySelector(`[name="${list[0].field}"]`);
  if (first) first.focus();
}
