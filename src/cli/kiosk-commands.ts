// `langnghe kiosk add`: registers a counter and prints a pairing code for its tablet (valid 10 minutes), or
// with --token a device token for scripted set-ups. An existing counter code gets a new code or token.
import { parseArgs } from 'node:util';
import { createCounter, findCounterId, issueDeviceToken, issuePairingCode } from '../services/kiosk/counters.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const usage =
  'usage: langnghe kiosk add --counter C --agency A --field F [--location L] [--survey one-stop-tt01|kiosk-one-tap] [--token]\n';

export async function kioskCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      counter: { type: 'string' },
      agency: { type: 'string' },
      field: { type: 'string' },
      location: { type: 'string' },
      survey: { type: 'string' },
      token: { type: 'boolean', default: false },
    },
  });
  if (sub !== 'add' || !values.counter || !values.agency || !values.field) {
    io.stderr(usage);
    return 2;
  }
  const { counter, agency, field } = values;
  return withContext(io, async (ctx) => {
    const id =
      (await findCounterId(ctx, counter)) ??
      (
        await createCounter(
          ctx,
          { code: counter, agency, field, location: values.location, survey: values.survey },
          cliActor,
        )
      ).id;
    if (values.token) {
      io.stdout(`${await issueDeviceToken(ctx, id, cliActor)}\n`);
    } else {
      const { code, expiresAt } = await issuePairingCode(ctx, id, cliActor);
      io.stdout(`${code}\n`);
      io.stderr(`counter ${counter}: enter this code at /kiosk on the tablet before ${expiresAt}\n`);
    }
    return 0;
  });
}
