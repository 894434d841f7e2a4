// `langnghe supervisor scope`: gives a supervisor an area, a frame and a unit of its first level below the province
// (or takes it away with --remove). Supervisors see and act on the households, progress, interviews and conflicts
// of their own areas only. `--district CODE` still works for the only frame with that district.
import { parseArgs } from 'node:util';
import { frameOfDistrict, setSupervisorArea, type SupervisorArea } from '../services/fieldwork/supervisor-scope.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const usage =
  'usage: langnghe supervisor scope --username U --frame F --unit CODE [--remove]\n' +
  '       langnghe supervisor scope --username U --district CODE [--remove]   (the only frame with that district)\n';

const describe = (a: SupervisorArea): string => `frame ${a.frameId} ${a.level} ${a.code} (${a.name})`;

export async function supervisorCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      username: { type: 'string' },
      frame: { type: 'string' },
      unit: { type: 'string' },
      district: { type: 'string' },
      remove: { type: 'boolean', default: false },
    },
  });
  const byUnit = values.frame !== undefined && values.unit !== undefined && values.district === undefined;
  const byDistrict = values.district !== undefined && values.frame === undefined && values.unit === undefined;
  if (sub !== 'scope' || !values.username || !(byUnit || byDistrict) || (byUnit && !/^\d+$/.test(values.frame ?? ''))) {
    io.stderr(usage);
    return 2;
  }
  const { username } = values;
  return withContext(io, async (ctx) => {
    const code = (byUnit ? values.unit : values.district) ?? '';
    const frameId = byUnit ? Number(values.frame) : await frameOfDistrict(ctx, code);
    const change = values.remove ? 'remove' : 'add';
    const areas = await setSupervisorArea(ctx, username, { frameId, code }, change, cliActor);
    io.stdout(`${username}: ${areas.length > 0 ? areas.map(describe).join(', ') : '(no area: sees no households)'}\n`);
    return 0;
  });
}
