// `langnghe user add|list`. Passwords come from standard input only, never from argv (shell history, ps).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { createUser, listAccounts } from '../services/accounts/users.js';
import { createContext } from '../bootstrap.js';
import { cliActor } from './io.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return addUser(rest);
  if (sub === 'list') return listUsersCommand();
  process.stderr.write('langnghe user: expected "add" or "list"\n');
  return 2;
}

async function addUser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.username || !values.role || !values['password-stdin']) {
    process.stderr.write('usage: langnghe user add --username U --role R [--display-name N] --password-stdin\n');
    return 2;
  }
  const password = await readStdin();
  const ctx = await createContext(loadConfig());
  try {
    const user = await createUser(
      ctx,
      {
        username: values.username,
        role: values.role,
        password,
        ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
      },
      cliActor,
    );
    process.stdout.write(`created ${user.username} (${user.role})\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    process.stderr.write(
      `langnghe user add: ${err.message}\n${err.details.map((d) => `  ${d.field ?? ''}: ${d.message}`).join('\n')}\n`,
    );
    return 1;
  } finally {
    await ctx.destroy();
  }
}

async function listUsersCommand(): Promise<number> {
  const ctx = await createContext(loadConfig());
  try {
    const users = await listAccounts(ctx);
    process.stdout.write(`${'username'.padEnd(24)}${'role'.padEnd(12)}${'created'.padEnd(26)}name\n`);
    for (const u of users) {
      process.stdout.write(
        `${u.username.padEnd(24)}${u.role.padEnd(12)}${u.createdAt.padEnd(26)}${u.displayName}${u.disabled ? ' (disabled)' : ''}\n`,
      );
    }
    return 0;
  } finally {
    await ctx.destroy();
  }
}
