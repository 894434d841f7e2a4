// One screen of a one-section-per-screen rating (the counter kiosk and a citizen's own phone): its title and
// progress bar, the line that tells what is wrong, and the check made before leaving it. A wrong answer to a
// question the citizen may leave out (a mistyped dossier code) must not block them: they are offered to skip it.
import { el, optionalQuestionIds, screenErrors } from '../kiosk/screens.js';

/** The screen's heading and a progress bar filled to screen `index` (from 0) of `count`. */
export function screenHeading(title, index, count) {
  const bar = el('div', { class: 'kiosk-progress', 'aria-hidden': 'true' });
  const filled = el('span');
  // Set through the CSSOM: the CSP refuses inline style attributes, but not a script's own style changes.
  filled.style.width = `${Math.round((100 * (index + 1)) / count)}%`;
  bar.appendChild(filled);
  return [el('h1', {}, title), bar];
}

/**
 * The screen's problem line and its "skip the wrong answers" button, in one box (`box`); `clear()` hides both
 * once the citizen changes an answer.
 */
export function screenProblems(skipText) {
  const err = el('p', { class: 'kiosk-error', role: 'alert' });
  const skip = el('button', { type: 'button', class: 'kiosk-small kiosk-skip', hidden: '' }, skipText);
  const box = el('div', { class: 'kiosk-problems' });
  box.append(err, skip);
  return {
    box,
    err,
    skip,
    clear() {
      err.textContent = '';
      skip.hidden = true;
    },
  };
}

/**
 * Whether the screen may be left: true when its answers pass the questionnaire's rules. Otherwise the first
 * problem is shown, and when every problem is on an optional question the skip button drops those answers and
 * calls `retry` (the Next button again).
 */
export function screenPasses({ questionnaire, section, answers, today, lang, problems, retry }) {
  const errors = screenErrors(questionnaire, section, answers, today, lang);
  if (errors.length === 0) return true;
  problems.err.textContent = errors[0].message;
  const optional = optionalQuestionIds(section);
  if (errors.every((e) => optional.has(e.question))) {
    problems.skip.hidden = false;
    problems.skip.onclick = () => {
      for (const e of errors) delete answers[e.question];
      retry();
    };
  }
  return false;
}
