// `langnghe simulate`: prints synthetic, valid submissions as JSON lines in the shape POST /api/v1/responses
// takes. Reads the questionnaires from SURVEYS_DIR only (no database). Response i is drawn from the seed
// "S:i", so the same flags give byte-identical output and --count 5 prints the first lines of --count 50.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { isRealDate } from '../domain/questionnaire/index.js';
import { createRng } from '../domain/sampling/index.js';
import { simulateEnvelope, SimulationError } from '../domain/simulate/index.js';
import { readSurveyDirectory, type LoadedSurvey } from '../services/surveys/registry.js';

export const simulateUsage = `Usage: langnghe simulate --survey CODE --count N --seed S [--assignment ID] [--date YYYY-MM-DD]

Prints N synthetic interviews as JSON lines (one POST /api/v1/responses body each), with answers that follow
the skip logic and constraints. --date is the interview day (default: today, UTC); --assignment puts that
assignment id in every envelope.
`;

export interface SimulateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: SimulateIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

const MAX_COUNT = 1_000_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Lines are written in chunks: one write per response would dominate for large counts. */
const LINES_PER_WRITE = 500;

interface SimulateArgs {
  survey: string;
  count: number;
  seed: string;
  assignmentId: string | null;
  date: string;
}

class UsageError extends Error {}

function parseSimulateArgs(args: string[], today: string): SimulateArgs {
  let values: Record<string, string | undefined>;
  try {
    const options = {
      survey: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      assignment: { type: 'string' },
      date: { type: 'string' },
    } as const;
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { survey, count, seed, assignment, date = today } = values;
  if (!survey) throw new UsageError('--survey CODE is required');
  if (count === undefined || !/^\d+$/.test(count) || Number(count) < 1 || Number(count) > MAX_COUNT) {
    throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
  }
  if (seed === undefined || seed.trim() === '') throw new UsageError('--seed S is required (a number or a text)');
  if (assignment !== undefined && !uuidPattern.test(assignment))
    throw new UsageError('--assignment must be an assignment id (a UUID)');
  if (!isRealDate(date)) throw new UsageError('--date must be a real date, YYYY-MM-DD');
  return { survey, count: Number(count), seed, assignmentId: assignment?.toLowerCase() ?? null, date };
}

/** The newest version of a questionnaire shipped in the folder, as the server would serve it. */
function currentSurvey(surveys: readonly LoadedSurvey[], code: string): LoadedSurvey | undefined {
  return surveys
    .filter((s) => s.code === code)
    .sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
}

export async function simulateCommand(args: string[], io: SimulateIo = processIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(simulateUsage);
    return 0;
  }
  let parsed: SimulateArgs;
  try {
    parsed = parseSimulateArgs(args, new Date().toISOString().slice(0, 10));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`langnghe simulate: ${err.message}\n\n${simulateUsage}`);
    return 2;
  }
  const surveys = readSurveyDirectory(loadConfig().surveysDir);
  const survey = currentSurvey(surveys, parsed.survey);
  if (!survey) {
    const known = [...new Set(surveys.map((s) => s.code))].sort().join(', ');
    io.stderr(`langnghe simulate: unknown survey "${parsed.survey}" (known: ${known || 'none'})\n`);
    return 2;
  }
  try {
    let chunk: string[] = [];
    for (let i = 0; i < parsed.count; i += 1) {
      const envelope = simulateEnvelope(survey.questionnaire, createRng(`${parsed.seed}:${i}`), {
        date: parsed.date,
        assignmentId: parsed.assignmentId,
      });
      chunk.push(JSON.stringify(envelope));
      if (chunk.length === LINES_PER_WRITE) {
        io.stdout(`${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) io.stdout(`${chunk.join('\n')}\n`);
  } catch (err) {
    if (!(err instanceof SimulationError)) throw err;
    io.stderr(`langnghe simulate: ${err.message}\n`);
    return 1;
  }
  return 0;
}
