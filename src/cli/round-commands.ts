// `langnghe round add`: defines a survey round (questionnaire version, a draw or a declared design, period, the
// lonely-PSU rule and the interval of shares) by script; `langnghe round calibrate` gives it population margins.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { setRoundCalibration } from '../services/results/calibration.js';
import { createRound, findRound, isScored } from '../services/results/rounds.js';
import { DomainError } from '../domain/errors.js';
import { decodeCsvFile } from '../services/sampling/csv-rows.js';
import { cliActor, processIo, reportDomainError, withContext, type Io } from './io.js';

const usage =
  'usage: langnghe round add --code C --survey S [--version V] (--draw ID | --design srs|stratified)' +
  ' [--population N] [--strata-question Q] [--lonely-psu fail|remove|certainty|adjust|average]' +
  ' [--share-interval logit|beta]' +
  ' --from YYYY-MM-DD --to YYYY-MM-DD [--label L]\n';

const calibrateUsage =
  'usage: langnghe round calibrate --round C --method poststratify|raking|none [--margins FILE]\n' +
  '  FILE: CSV variable,level,total (a question id, one of its answer codes, the population count)\n';

/** `langnghe round calibrate`: population margins for a round, checked against its respondents before use. */
async function calibrateCommand(rest: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { round: { type: 'string' }, method: { type: 'string' }, margins: { type: 'string' } },
  });
  if (!values.round || !values.method || (values.method !== 'none' && !values.margins)) {
    io.stderr(calibrateUsage);
    return 2;
  }
  let text: string | undefined;
  try {
    text = values.margins ? decodeCsvFile(readFileSync(values.margins)) : undefined;
  } catch (err) {
    if (err instanceof DomainError) return reportDomainError(err, io);
    io.stderr(`cannot read ${values.margins}: ${(err as Error).message}\n`);
    return 2;
  }
  return withContext(io, async (ctx) => {
    const round = await findRound(ctx, values.round ?? '');
    await setRoundCalibration(ctx, round, { method: values.method, text, fileName: values.margins }, cliActor);
    io.stdout(`${JSON.stringify({ round: round.code, calibration: values.method })}\n`);
    return 0;
  });
}

export async function roundCommand(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'calibrate') return calibrateCommand(rest, io);
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
      'share-interval': { type: 'string' },
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
        ...(values['share-interval'] ? { shareInterval: values['share-interval'] as 'logit' } : {}),
      },
      cliActor,
    );
    // A questionnaire without scoring makes a data-only round (microdata and codebook): said here, not refused.
    const scored = isScored((await ctx.surveys.version(round.survey_code, round.survey_version)).questionnaire);
    io.stdout(
      `${JSON.stringify({ round: round.code, survey: round.survey_code, version: round.survey_version, from: round.period_start, to: round.period_end, scored })}\n`,
    );
    return 0;
  });
}
