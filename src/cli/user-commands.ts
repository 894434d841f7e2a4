// `langnghe user add|list|disable|enable|reset-password|revoke-tokens|role`. Passwords come from standard input
// only, never from argv (shell history, ps). Every change is audited as the command line ("cli").
import { parseArgs } from 'node:util';
import {
  changeRole,
  disableAccount,
  enableAccount,
  resetPassword,
  revokeAccountTokens,
} from '../services/accounts/account-admin.js';
import { createUser, listAccounts } from '../services/accounts/users.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const usage = `usage: langnghe user add --username U --role R [--display-name N] --password-stdin
       langnghe user list
       langnghe user disable --username U
       langnghe user enable --username U
       langnghe user reset-password --username U --password-stdin
       langnghe user revoke-tokens --username U
       langnghe user role --username U --role R
`;

const options = {
  username: { type: 'string' },
  role: { type: 'string' },
  'display-name': { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; strict: true }>>['values'];

/** Each subcommand: the flags it needs, and the work with the username it names. */
const subcommands: Record<string, { needs: (keyof Values)[]; run: (v: Values, io: Io) => Promise<number> }> = {
  add: { needs: ['username', 'role', 'password-stdin'], run: addUser },
  list: { needs: [], run: (_v, io) => listUsers(io) },
  disable: {
    needs: ['username'],
    run: (v, io) =>
      change(io, v, 'disabled (sessions ended, tokens revoked)', (ctx, u) => disableAccount(ctx, u, cliActor)),
  },
  enable: {
    needs: ['username'],
    run: (v, io) => change(io, v, 'enabled', (ctx, u) => enableAccount(ctx, u, cliActor)),
  },
  'reset-password': {
    needs: ['username', 'password-stdin'],
    run: async (v, io) => {
      const password = await readStdin();
      return change(io, v, 'password reset (sessions ended, tokens revoked)', (ctx, u) =>
        resetPassword(ctx, u, password, cliActor),
      );
    },
  },
  'revoke-tokens': {
    needs: ['username'],
    run: (v, io) =>
      withContext(io, async (ctx) => {
        const count = await revokeAccountTokens(ctx, v.username ?? '', cliActor);
        io.stdout(`${v.username}: ${count} token(s) revoked\n`);
        return 0;
      }),
  },
  role: {
    needs: ['username', 'role'],
    run: (v, io) =>
      change(io, v, `role ${v.role} (sessions ended, tokens revoked)`, (ctx, u) =>
        changeRole(ctx, u, v.role ?? '', cliActor),
      ),
  },
};

export async function userCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub = '', ...rest] = args;
  const command = subcommands[sub];
  const { values } = parseArgs({ args: rest, strict: true, options });
  if (!command || command.needs.some((flag) => !values[flag])) {
    io.stderr(usage);
    return 2;
  }
  // A refused change (a DomainError, which withContext reports as 2) has always exited 1 under `user`.
  const code = await command.run(values, io);
  return code === 2 ? 1 : code;
}

async function change(
  io: Io,
  values: Values,
  done: string,
  work: (ctx: Parameters<Parameters<typeof withContext>[1]>[0], username: string) => Promise<void>,
): Promise<number> {
  return withContext(io, async (ctx) => {
    await work(ctx, values.username ?? '');
    io.stdout(`${values.username}: ${done}\n`);
    return 0;
  });
}

async function addUser(values: Values, io: Io): Promise<number> {
  const password = await readStdin();
  return withContext(io, async (ctx) => {
    const user = await createUser(
      ctx,
      {
        username: values.username ?? '',
        role: values.role ?? '',
        password,
        ...(values['display-name'] ? { displayName: values['display-name'] } : {}),
      },
      cliActor,
    );
    io.stdout(`created ${user.username} (${user.role})\n`);
    return 0;
  });
}

async function listUsers(io: Io): Promise<number> {
  return withContext(io, async (ctx) => {
    const users = await listAccounts(ctx);
    io.stdout(`${'username'.padEnd(24)}${'role'.padEnd(12)}${'created'.padEnd(26)}${'last sign-in'.padEnd(26)}name\n`);
    for (const u of users) {
      io.stdout(
        `${u.username.padEnd(24)}${u.role.padEnd(12)}${u.createdAt.padEnd(26)}${(u.lastLoginAt ?? '-').padEnd(26)}${u.displayName}${u.disabled ? ' (disabled)' : ''}\n`,
      );
    }
    return 0;
  });
}
