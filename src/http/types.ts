// Request fields added by our middleware, and what we keep in a browser session.
import type { Lang } from '../domain/errors.js';
import type { ApiKeyScope } from '../services/accounts/api-keys.js';
import type { SessionUser } from '../services/accounts/users.js';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    lang: Lang;
    user?: SessionUser;
    /** Set when the caller used an analyst's API key: the rounds it may read. */
    apiKey?: ApiKeyScope;
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    /** The pairing code just issued on /admin/kiosks, shown by the GET page after the POST's redirect. */
    kioskPairing?: { counterId: number; counter: string; code: string; expiresAt: string };
  }
}

export {};
