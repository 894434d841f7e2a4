// What the admin's accounts pages show: every account with its live-token count, and one account in full (its
// API tokens with device, issue, last use and state, and a supervisor's areas with the frames' first-level units
// to choose from, and an analyst's read-only API keys with the rounds a new one may be scoped to).
import type { AppContext } from '../../context.js';
import { listTokensByUsers } from '../../db/queries/tokens.js';
import { findUserByUsername } from '../../db/queries/users.js';
import { DomainError } from '../../domain/errors.js';
import { detail } from '../../domain/error-details.js';
import { allRounds } from '../results/rounds.js';
import { apiKeysOf, type ApiKeyView } from './api-keys.js';
import { frameAreaOptions, supervisorAreas, type SupervisorArea } from '../fieldwork/supervisor-scope.js';
import { accountSummaryOf, listAccounts, type AccountSummary } from './users.js';

export type TokenState = 'live' | 'revoked' | 'expired';

export interface TokenView {
  id: number;
  device: string | null;
  issuedAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  state: TokenState;
}

export interface AccountDetail {
  account: AccountSummary;
  tokens: TokenView[];
  /** A supervisor's areas; null for other roles. */
  areas: SupervisorArea[] | null;
  /** The areas not yet given, to choose from (first-level units of every frame). */
  areaOptions: SupervisorArea[];
  /** An analyst's read-only API keys; null for other roles. */
  apiKeys: ApiKeyView[] | null;
  /** The rounds a new key may be scoped to (analysts only). */
  roundOptions: { code: string; label: string }[];
}

function tokenState(t: { revoked_at: string | null; expires_at: string }, now: string): TokenState {
  if (t.revoked_at !== null) return 'revoked';
  return t.expires_at <= now ? 'expired' : 'live';
}

export async function accountsWithTokenCounts(ctx: AppContext): Promise<(AccountSummary & { liveTokens: number })[]> {
  const accounts = await listAccounts(ctx);
  const now = ctx.clock.now().toISOString();
  const live = new Map<number, number>();
  for (const t of await listTokensByUsers(
    ctx.db,
    accounts.map((a) => a.id),
  )) {
    if (tokenState(t, now) === 'live') live.set(t.user_id, (live.get(t.user_id) ?? 0) + 1);
  }
  return accounts.map((a) => ({ ...a, liveTokens: live.get(a.id) ?? 0 }));
}

export async function accountDetail(ctx: AppContext, username: string): Promise<AccountDetail> {
  const row = await findUserByUsername(ctx.db, username.trim().toLowerCase());
  if (!row) throw new DomainError('user_not_found', [detail('username', 'no_account', { username })]);
  const account = accountSummaryOf(row);
  const now = ctx.clock.now().toISOString();
  const tokens = (await listTokensByUsers(ctx.db, [row.id])).map((t) => ({
    id: t.id,
    device: t.device,
    issuedAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
    state: tokenState(t, now),
  }));
  const areas = row.role === 'supervisor' ? await supervisorAreas(ctx, row.username) : null;
  const analyst = row.role === 'analyst';
  return {
    apiKeys: analyst ? await apiKeysOf(ctx, row.id) : null,
    roundOptions: analyst ? (await allRounds(ctx)).map((r) => ({ code: r.code, label: r.label })) : [],
    account,
    tokens,
    areas,
    areaOptions: areas
      ? (await frameAreaOptions(ctx)).filter((o) => !areas.some((a) => a.frameId === o.frameId && a.code === o.code))
      : [],
  };
}
