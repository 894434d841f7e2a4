// What /healthz answers: the server is up and its database answers a query.
import type { AppContext } from '../../context.js';
import { pingDatabase } from '../../db/database.js';

export async function checkHealth(ctx: AppContext): Promise<{ status: 'ok' }> {
  await pingDatabase(ctx.db);
  return { status: 'ok' };
}
