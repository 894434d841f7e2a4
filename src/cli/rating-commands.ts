// Per-dossier rating links from the command line: `langnghe rating-link` prints a link for a returned dossier,
// `langnghe rating-secret` the counter's shared secret (for a dossier system that mints links offline,
// docs/rating-links.md), `langnghe service-token add|list|revoke` the API's tokens with the rating-links scope.
import { parseArgs } from 'node:util';
import { counterLinkSecret, mintRatingLink } from '../services/ratings/rating-links.js';
import {
  allServiceTokens,
  issueServiceToken,
  revokeServiceToken,
  serviceScopes,
  type ServiceScope,
} from '../services/ratings/service-tokens.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const linkUsage = 'usage: langnghe rating-link --counter C --dossier D [--days N] [--base https://host]\n';

export async function ratingLinkCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      counter: { type: 'string' },
      dossier: { type: 'string' },
      days: { type: 'string' },
      base: { type: 'string' },
    },
  });
  if (!values.counter || !values.dossier || (values.days !== undefined && !/^\d{1,3}$/.test(values.days))) {
    io.stderr(linkUsage);
    return 2;
  }
  const { counter, dossier } = values;
  return withContext(io, async (ctx) => {
    const link = await mintRatingLink(
      ctx,
      { counter, dossierCode: dossier, ...(values.days ? { days: Number(values.days) } : {}) },
      'cli',
    );
    const base = (values.base ?? ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`).replace(/\/+$/, '');
    io.stdout(`${base}${link.path}\n`);
    io.stderr(`dossier ${link.dossierCode} at ${link.counter}: rates once, until ${link.expiresAt}\n`);
    return 0;
  });
}

export async function ratingSecretCommand(args: string[], io: Io = processIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { counter: { type: 'string' } } });
  if (!values.counter) {
    io.stderr('usage: langnghe rating-secret --counter C\n');
    return 2;
  }
  const counter = values.counter;
  return withContext(io, async (ctx) => {
    io.stdout(`${await counterLinkSecret(ctx, counter)}\n`);
    io.stderr(`the shared secret of counter ${counter}: keep it in the dossier system only\n`);
    return 0;
  });
}

const tokenUsage =
  `usage: langnghe service-token add --name NAME --scope ${serviceScopes.join('|')}\n` +
  '       langnghe service-token list\n' +
  '       langnghe service-token revoke --id N\n';

export async function serviceTokenCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { name: { type: 'string' }, scope: { type: 'string' }, id: { type: 'string' } },
  });
  if (sub === 'list' && rest.length === 0) return listTokens(io);
  if (sub === 'revoke' && values.id !== undefined && /^[1-9]\d{0,9}$/.test(values.id)) {
    const id = Number(values.id);
    return withContext(io, async (ctx) => {
      await revokeServiceToken(ctx, id, cliActor);
      io.stdout(`service token ${id} revoked\n`);
      return 0;
    });
  }
  const scope = serviceScopes.find((s) => s === values.scope);
  if (sub !== 'add' || !values.name || !scope) {
    io.stderr(tokenUsage);
    return 2;
  }
  const name = values.name;
  return withContext(io, async (ctx) => {
    io.stdout(`${await issueServiceToken(ctx, name, scope as ServiceScope, cliActor)}\n`);
    io.stderr(`service token "${name}" (${scope}): shown once, send it as Authorization: Bearer <token>\n`);
    return 0;
  });
}

/** One line per token: id, name, scope, issued, and revoked (or "live"), tab-separated. */
async function listTokens(io: Io): Promise<number> {
  return withContext(io, async (ctx) => {
    for (const t of await allServiceTokens(ctx))
      io.stdout(`${t.id}\t${t.name}\t${t.scope}\t${t.createdAt}\t${t.revokedAt ?? 'live'}\n`);
    return 0;
  });
}
