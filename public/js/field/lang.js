// Language of the field app: Vietnamese unless the surveyor switched to English (kept in localStorage).
// Pages carry both languages; switching sets <html lang>, which field.css uses to show one of them.
import { messages } from '/field/i18n.js';
import { onReachabilityChange, serverReachable } from '../shared/net.js';

const KEY = 'langnghe.lang';
let current = readSaved();
const listeners = [];

function readSaved() {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function apply() {
  document.documentElement.lang = current;
}
apply();

export function lang() {
  return current;
}

/** The message in the current language with {name} placeholders filled in. */
export function t(key, params = {}) {
  let text = messages[current][key] ?? messages.vi[key] ?? key;
  for (const [name, value] of Object.entries(params)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

const numberFormats = new Map();

/** Numbers as people write them: 1.234,5 in Vietnamese, 1,234.5 in English. Formatters are kept (lists use many). */
export function formatNumber(n, digits = 0) {
  const key = `${current}:${digits}`;
  if (!numberFormats.has(key))
    numberFormats.set(
      key,
      new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits }),
    );
  return numberFormats.get(key).format(n);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}

export function onLangChange(listener) {
  listeners.push(listener);
}

export function bindLangSwitch(button) {
  if (!button) return;
  button.addEventListener('click', () => {
    current = current === 'vi' ? 'en' : 'vi';
    try {
      localStorage.setItem(KEY, current);
    } catch {
      // A private window may refuse storage; the switch still works for this page.
    }
    apply();
    for (const listener of listeners) listener();
  });
}

/** Keeps the header's online/offline badge current: offline when the browser says so or the server did not answer. */
export function bindNetStatus(element) {
  if (!element) return;
  const update = () => element.setAttribute('data-online', serverReachable() ? 'yes' : 'no');
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onReachabilityChange(update);
  update();
}
