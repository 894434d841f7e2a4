// Who performs a write: named in the audit log and, for rules that depend on it (a surveyor records only their
// own households), judged by its role. Services take an Actor; the HTTP layer and the command line make one.
import type { Role } from './roles.js';

export interface Actor {
  /** The account acting, or null for the command line and seeding, which act without one. */
  userId: number | null;
  label: string;
  role: Role;
}
