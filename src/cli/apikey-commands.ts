// `langnghe apikey add|revoke`: analysts' read-only API keys for the data feed (Excel "From Web", Power BI). The key
// is printed once on stdout (only its hash is stored); both changes are audited as the command line ("cli").
import { parseArgs } from 'node:util';
import { createApiKey, revokeApiKey } from '../services/accounts/api-keys.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const usage = `usage: langnghe apikey add --username U [--rounds a,b] [--label L]
       langnghe apikey revoke --id N
`;

export async function apiKeyCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      username: { type: 'string' },
      rounds: { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
    },
  });
  if (sub === 'add' && values.username) {
    const input = {
      username: values.username,
      label: values.label,
      rounds: values.rounds?.split(',') ?? [],
    };
    return withContext(io, async (ctx) => {
      const { id, key } = await createApiKey(ctx, input, cliActor);
      io.stdout(`${key}\n`);
      const scope = input.rounds.filter((r) => r.trim() !== '').join(', ') || 'every round';
      io.stderr(
        `API key #${id} for ${input.username} (${scope}): shown once, send it as Authorization: Bearer <key>\n`,
      );
      return 0;
    });
  }
  if (sub === 'revoke' && values.id && /^\d{1,9}$/.test(values.id)) {
    const id = Number(values.id);
    return withContext(io, async (ctx) => {
      const owner = await revokeApiKey(ctx, id, cliActor);
      io.stdout(`API key #${id} of ${owner} revoked\n`);
      return 0;
    });
  }
  io.stderr(usage);
  return 2;
}
