// Signing a phone in from the admin's enrolment QR code: /field#enrol=CODE. The code travels in the fragment, so it
// never reaches a server log or a cache; it leaves the address bar at once and is exchanged, once, for the same
// API token a password sign-in gives.
import { NetworkError, api } from '../shared/net.js';
import { t } from './lang.js';
import { serverReason } from './server-reason.js';

/** The code in the address, removed from it (and from the history entry); null when there is none. */
export function takeEnrolmentCode() {
  const code = new URLSearchParams(location.hash.slice(1)).get('enrol');
  if (!code) return null;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return code;
}

/** { token, expiresAt, who } for a usable code, or { error } in the surveyor's words (the server's reason). */
export async function enrolWithCode(code) {
  try {
    const res = await api('POST', '/api/v1/auth/enrol', { body: { code } });
    if (res.status !== 201)
      return { error: t('enrol.failed', { reason: serverReason(res.data && res.data.error) || res.status }) };
    const who = res.data.user
      ? { status: 200, data: res.data.user }
      : await api('GET', '/api/v1/me', { token: res.data.token });
    if (who.status !== 200) return { error: t('enrol.failed', { reason: who.status }) };
    return { token: res.data.token, expiresAt: res.data.expiresAt, who: who.data };
  } catch (err) {
    if (err instanceof NetworkError) return { error: t('enrol.offline') };
    throw err;
  }
}
