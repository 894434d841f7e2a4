// The idle countdown of a half-finished rating, shown in the footer: each touch starts it again from the full time;
// at zero `onTimeout` discards the rating, so that the next person never finds someone else's answers.
import { t } from './text.js';

export function createIdleCountdown(element, seconds, onTimeout) {
  let timer = null;
  let left = 0;

  const show = () => {
    element.textContent = `${t('idle.reset')} ${left} ${t('idle.seconds')}`;
  };
  function tick() {
    left -= 1;
    if (left <= 0) {
      onTimeout();
      return;
    }
    show();
  }

  return {
    restart() {
      left = seconds;
      show();
      if (!timer) timer = setInterval(tick, 1000);
    },
    stop() {
      clearInterval(timer);
      timer = null;
      element.textContent = '';
    },
  };
}
