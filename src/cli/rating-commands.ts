// Per-dossier rating links from the command line: `langnghe rating-link` prints a link for a returned dossier,
// `langnghe rating-secret` the counter's shared secret (for a dossier system that mints links offline,
// docs/rating-links.md), `langnghe service-token add` a token with the rating-links scope for the API.
import { parseArgs } from 'node:util';
import { counterLinkSecret, mintRatingLink } from '../services/ratings/rating-links.js';
import { issueServiceToken, serviceScopes, type ServiceScope } from '../services/ratings/service-tokens.js';
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

export async function serviceTokenCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { name: { type: 'string' }, scope: { type: 'string' } },
  });
  const scope = serviceScopes.find((s) => s === values.scope);
  if (sub !== 'add' || !values.name || !scope) {
    io.stderr(`usage: langnghe service-token add --name NAME --scope ${serviceScopes.join('|')}\n`);
    return 2;
  }
  const name = values.name;
  return withContext(io, async (ctx) => {
    io.stdout(`${await issueServiceToken(ctx, name, scope as ServiceScope, cliActor)}\n`);
    io.stderr(`service token "${name}" (${scope}): shown once, send it as Authorization: Bearer <token>\n`);
    return 0;
  });
}
