// The `langnghe` command line. Each subcommand parses its own flags with node:util parseArgs and returns an
// exit code; output goes to stdout, problems to stderr. Command modules load on demand, so a quick command
// such as `estimate` does not pay for the server's start-up.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { describeStartupError } from '../startup-errors.js';

export const usage = `Lắng Nghe: survey collection and design-based estimation

Usage: langnghe <command> [options]

Commands:
  serve [--workers N]           start the server (same as npm start); --workers N runs N processes on one port
                                (PostgreSQL only: SQLite has one writer)
  migrate                       create or update the database, then exit
  user add --username U --role R [--display-name N] --password-stdin
                                create an account; the password is read from standard input
  user list                     list accounts (role, created, last sign-in, disabled)
  user disable --username U     disable an account: its browser sessions end and its API tokens are revoked
  user enable --username U      let a disabled account sign in again
  user reset-password --username U --password-stdin
                                set a new password (from standard input); sessions end, tokens are revoked
  user revoke-tokens --username U
                                revoke every API token of an account (a lost phone)
  user role --username U --role R
                                change an account's role; its sessions end and tokens are revoked
  survey check [--dir D]        check questionnaire definitions without touching the database
  survey export --code C [--version V] --format xlsform --out F.xlsx
                                a questionnaire as an XLSForm (ODK, KoboToolbox, SurveyCTO) workbook
  survey import --file F.xlsx --code C --version V [--out surveys/C.json] [--force]
                                an XLSForm as a questionnaire definition; every refused cell is listed, nothing written
  frame import --file F [--name N] [--levels L]
                                import a sampling frame CSV (level,code,name,parent_code,population,is_seat);
                                --levels province,commune,village declares the chain (else read from the rows)
  frame crosswalk --from A --to B --file F
                                link frame A's units to frame B's (CSV old_code,new_code); prints the splits
  sample draw --frame F [--levels L] [--plan P] --seed N [--dry-run] [--format json]
                                draw the multistage PPS sample (the default plan of the frame's chain)
  households import --file F [--draw ID]
                                import household lists of selected villages; draws respondents and reserves
  assign --surveyor USERNAME --village CODE [--draw ID]
                                assign a village's selected households to a surveyor
  supervisor scope --username U --district CODE [--remove]
                                give a supervisor a district (they see only their districts' fieldwork)
  round add --code C --survey S [--version V] (--draw ID | --design srs|stratified) [--population N]
            [--strata-question Q] [--lonely-psu RULE] [--share-interval logit|beta]
            --from DATE --to DATE [--label L]
                                define a survey round (questionnaire version + design + period) for results
  round calibrate --round C --method poststratify|raking|none [--margins FILE]
                                calibrate a round to population margins (CSV variable,level,total)
  kiosk add --counter C --agency A --field F [--location L] [--survey S] [--token]
                                register a one-stop counter; prints a pairing code (10 min) or a device token
  plan import --file F.json|F.xlsx [--replace]
                                import an improvement plan (docs/plans.md); prints its code, or every bad row
  plan list                     list plans (code, years, targets, name)
  plan report --plan CODE [--year Y] --format docx --out F.docx
                                the plan's report for a year (results, lost points, owners' targets, method)
  published import --file F     import national tables (CSV year,index,province,node,score,rank,group,provinces)
  indicator import --file F     import administrative indicators' values (CSV indicator,period,value)
  tls self-signed --host NAME_OR_IP --out DIR
                                a certificate for HTTPS on a pilot LAN (cert.pem, key.pem, ca.crt for phones)
  backup --out FILE             consistent copy of the database, safe while the server runs (pg_dump on PostgreSQL)
  restore --from FILE [--force] replace the database with a checked backup (stop the server first)
  estimate --csv FILE --vars a,b --weight W [--strata S] [--psu P] [--by COL] ...
                                design-based estimates as R's survey package (langnghe estimate --help)
  rating-link --counter C --dossier D [--days N] [--base URL]
                                print a per-dossier rating link (/r/d/<token>): rates once, expires (default 14 days)
  rating-secret --counter C     print the counter's shared secret for links minted offline (docs/rating-links.md)
  service-token add --name N --scope rating-links
                                print a token for POST /api/v1/rating-links (the dossier system)
  service-token list | revoke --id N
                                the tokens issued (never the tokens themselves); revoke one at once (audited)
  apikey add --username U [--rounds a,b] [--label L]
                                print a read-only API key of an analyst for the data feed (shown once)
  apikey revoke --id N          revoke an API key at once
  simulate --survey CODE --count N --seed S [--assignment ID] [--date D]
                                print N synthetic valid interviews as JSON lines (no database)

Roles: admin, supervisor, surveyor, analyst.
Environment: DATABASE_PATH (default ./data/langnghe.db), SURVEYS_DIR (default ./surveys), PORT, DEMO, TLS_CERT, TLS_KEY.
`;

async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { workers: { type: 'string', default: '1' } } });
  const workers = Number(values.workers);
  if (!/^\d+$/.test(values.workers) || workers < 1 || workers > 64) {
    process.stderr.write('langnghe serve: --workers must be a whole number from 1 to 64\n');
    return 2;
  }
  const { serve, workersRefusal } = await import('../cluster.js');
  const refusal = workersRefusal(workers, loadConfig());
  if (refusal) {
    process.stderr.write(`langnghe serve: ${refusal}\n`);
    return 2;
  }
  await serve(workers);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(usage);
        return 0;
      case 'serve':
        return await serveCommand(rest);
      case 'migrate':
        return await migrate();
      case 'user':
        return await (await import('./user-commands.js')).userCommand(rest);
      case 'survey':
        return await surveyCommand(rest);
      case 'frame':
        return await (await import('./sampling-commands.js')).frameCommand(rest);
      case 'sample':
        return await (await import('./sampling-commands.js')).sampleCommand(rest);
      case 'households':
        return await (await import('./sampling-commands.js')).householdsCommand(rest);
      case 'assign':
        return await (await import('./sampling-commands.js')).assignCommand(rest);
      case 'supervisor':
        return await (await import('./supervisor-commands.js')).supervisorCommand(rest);
      case 'round':
        return await (await import('./round-commands.js')).roundCommand(rest);
      case 'kiosk':
        return await (await import('./kiosk-commands.js')).kioskCommand(rest);
      case 'rating-link':
        return await (await import('./rating-commands.js')).ratingLinkCommand(rest);
      case 'rating-secret':
        return await (await import('./rating-commands.js')).ratingSecretCommand(rest);
      case 'service-token':
        return await (await import('./rating-commands.js')).serviceTokenCommand(rest);
      case 'apikey':
        return await (await import('./apikey-commands.js')).apiKeyCommand(rest);
      case 'plan':
        return await (await import('./plan-commands.js')).planCommand(rest);
      case 'published':
        return await (await import('./plan-commands.js')).tableCommand('published', rest);
      case 'indicator':
        return await (await import('./plan-commands.js')).tableCommand('indicator', rest);
      case 'tls':
        return await (await import('./tls-commands.js')).tlsCommand(rest);
      case 'backup':
        return await (await import('./backup-commands.js')).backupCommand(rest);
      case 'restore':
        return await (await import('./backup-commands.js')).restoreCommand(rest);
      case 'estimate':
        return await (
          await import('./estimate-command.js')
        ).estimateCommand(rest, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
      case 'simulate':
        return await (await import('./simulate-command.js')).simulateCommand(rest);
      default:
        process.stderr.write(`langnghe: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (err) {
    process.stderr.write(`langnghe: ${describeStartupError(err)}\n`);
    return 1;
  }
}

async function migrate(): Promise<number> {
  const { createContext } = await import('../bootstrap.js');
  const ctx = await createContext(loadConfig());
  await ctx.destroy();
  process.stdout.write(`database ready: ${ctx.config.databasePath}\n`);
  return 0;
}

async function surveyCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return (await import('./xlsform-commands.js')).exportCommand(rest);
  if (sub === 'import') return (await import('./xlsform-commands.js')).importCommand(rest);
  if (sub !== 'check') {
    process.stderr.write(`langnghe survey: expected "check", "export" or "import"\n`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' } }, strict: true });
  return (await import('./survey-commands.js')).checkSurveys(values.dir ?? loadConfig().surveysDir);
}
