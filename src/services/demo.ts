// Demo accounts for a first look: one per role, each with a password generated now and shown once.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { roles, type Role } from '../domain/roles.js';
import { createUser, hasAnyUser } from './accounts.js';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

function generatePassword(): string {
  // 15 characters from an unambiguous alphabet: easy to type on a phone, about 75 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  return [...randomBytes(15)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Creates the demo accounts on an empty database; returns them (with passwords) or [] when users exist. */
export async function seedDemoAccounts(ctx: AppContext): Promise<DemoAccount[]> {
  if (await hasAnyUser(ctx)) return [];
  const accounts: DemoAccount[] = [];
  for (const role of roles) {
    const account = { username: `demo-${role}`, role, password: generatePassword() };
    await createUser(ctx, { username: account.username, role, password: account.password, displayName: `Demo ${role}` }, 'demo-seed');
    accounts.push(account);
  }
  return accounts;
}
