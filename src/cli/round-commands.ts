// `langnghe round add`: defines a survey round (questionnaire version, a draw or a declared design, period, and
// the lonely-PSU rule) by script.
import { parseArgs } from 'node:util';
import { createRound } from '../services/results/rounds.js';
import { cliActor, processIo, withContext, type Io } from './io.js';

const usage =
  'usage: langnghe round add --code C --survey S [--version V] (--draw ID | --design srs|stratified)' +
  ' [--population N] [--strata-question Q] [--lonely-psu fail|remove|certainty|adjust|average]' +
  ' --from YYYY-MM-DD --to YYYY-MM-DD [--label L]\n';

export async function roundCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      code: { type: 'string' },
      survey: { type: 'string' },
      version: { type: 'string' },
      draw: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      label: { type: 'string' },
      design: { type: 'string' },
      population: { type: 'string' },
      'strata-question': { type: 'string' },
      'lonely-psu': { type: 'string' },
    },
  });
  if (sub !== 'add' || !values.code || !values.survey || !values.from || !values.to) {
    io.stderr(usage);
    return 2;
  }
  const { code, survey, from, to } = values;
  return withContext(io, async (ctx) => {
    const round = await createRound(
      ctx,
      {
        code,
        survey,
        label: values.label ?? code,
        periodStart: from,
        periodEnd: to,
        ...(values.version ? { version: values.version } : {}),
        ...(values.draw ? { drawId: Number(values.draw) } : {}),
        ...(values.design ? { design: values.design as 'srs' } : {}),
        ...(values.population ? { population: Number(values.population) } : {}),
        ...(values['strata-question'] ? { strataQuestion: values['strata-question'] } : {}),
        ...(values['lonely-psu'] ? { lonelyPsu: values['lonely-psu'] as 'adjust' } : {}),
      },
      cliActor,
    );
    io.stdout(
      `${JSON.stringify({ round: round.code, survey: round.survey_code, version: round.survey_version, from: round.period_start, to: round.period_end })}\n`,
    );
    return 0;
  });
}
