// The kiosk's words in the citizen's language (src/http/i18n/kiosk-messages.ts, served as /kiosk/i18n.js):
// Vietnamese first; a switch holds until someone presses it again and is never stored on the tablet.
import { messages } from '/kiosk/i18n.js';

let current = 'vi';

export const lang = () => current;

export const t = (key) => messages[current][key] ?? messages.vi[key] ?? key;

/** Each citizen starts in Vietnamese, whatever the previous one chose. */
export function resetLang() {
  current = 'vi';
  document.documentElement.lang = current;
}

export function switchLang() {
  current = current === 'vi' ? 'en' : 'vi';
  document.documentElement.lang = current;
}
