// The measured side of the export bench: streams the round's microdata CSV to a file, as the download does.
import { createWriteStream } from 'node:fs';

const { loadConfig } = await import('../../dist/config.js');
const { createContext } = await import('../../dist/bootstrap.js');
const { findRound } = await import('../../dist/services/results/rounds.js');
const { streamMicrodataCsv } = await import('../../dist/services/results/microdata-export.js');

const ctx = await createContext(loadConfig());
const out = createWriteStream(process.argv[2]);
const count = await streamMicrodataCsv(ctx, await findRound(ctx, 'bench'), out);
await new Promise((resolve) => out.end(resolve));
await ctx.destroy();
process.stdout.write(`${count}\n`);
