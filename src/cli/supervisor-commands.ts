// `langnghe supervisor scope`: gives a supervisor a district (or takes it away with --remove). Supervisors see
// and act on the households, progress, interviews and conflicts of their own districts only.
import { parseArgs } from 'node:util';
import { setSupervisorDistrict } from '../services/fieldwork/supervisor-scope.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const usage = 'usage: langnghe supervisor scope --username U --district CODE [--remove]\n';

export async function supervisorCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      username: { type: 'string' },
      district: { type: 'string' },
      remove: { type: 'boolean', default: false },
    },
  });
  if (sub !== 'scope' || !values.username || !values.district) {
    io.stderr(usage);
    return 2;
  }
  const { username, district } = values;
  return withContext(io, async (ctx) => {
    const districts = await setSupervisorDistrict(ctx, username, district, values.remove ? 'remove' : 'add', cliActor);
    io.stdout(`${username}: ${districts.length > 0 ? districts.join(', ') : '(no district: sees no households)'}\n`);
    return 0;
  });
}
