// The pairing screen: the one-time code an administrator issued for this counter buys the tablet a device token.
import { api } from '../shared/net.js';
import { el } from './screens.js';
import { t } from './text.js';

/** Renders the form into `root`; `onPaired(token)` once the server accepted the code. */
export function showPairing(root, onPaired, error = '') {
  root.replaceChildren();
  root.appendChild(el('h1', {}, t('pair.title')));
  root.appendChild(el('p', { class: 'kiosk-sub', id: 'pair-help' }, t('pair.help')));
  const input = el('input', {
    class: 'kiosk-input',
    id: 'pair-code',
    'aria-describedby': 'pair-help',
    autocomplete: 'off',
    autocapitalize: 'characters',
  });
  const err = el('p', { class: 'kiosk-error', role: 'alert' }, error);
  const button = el('button', { type: 'button', class: 'kiosk-button', id: 'pair-submit' }, t('pair.submit'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    // No answer reads as a refused code too: either way the person tries again.
    const res = await api('POST', '/api/v1/kiosk/pair', { body: { code: input.value } }).catch(() => null);
    if (res && res.status === 201) onPaired(res.data.token);
    else showPairing(root, onPaired, t('pair.badCode'));
  });
  root.appendChild(input);
  root.appendChild(button);
  root.appendChild(err);
  input.focus();
}
