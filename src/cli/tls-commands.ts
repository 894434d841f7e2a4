// `langnghe tls self-signed --host NAME_OR_IP --out DIR`: a certificate for a pilot server on a LAN, made with the
// `openssl` binary (node:crypto can check X.509 certificates but cannot issue them). See README "Pilot on a LAN".
import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { processIo, type Io } from './io.js';

const run = promisify(execFile);

const usage = 'usage: langnghe tls self-signed --host NAME_OR_IP [--host ...] --out DIR [--days N]\n';
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export interface TlsOptions {
  /** The openssl executable; tests point it elsewhere to check the message when it is missing. */
  openssl?: string;
}

export async function tlsCommand(args: string[], io: Io = processIo, opts: TlsOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  let values: { host?: string[]; out?: string; days?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: { host: { type: 'string', multiple: true }, out: { type: 'string' }, days: { type: 'string' } },
    }));
  } catch (err) {
    io.stderr(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  const hosts = values.host ?? [];
  const days = Number(values.days ?? '825');
  if (sub !== 'self-signed' || hosts.length === 0 || !values.out) {
    io.stderr(usage);
    return 2;
  }
  const bad = hosts.find((h) => isIP(h) === 0 && !hostName.test(h));
  if (bad !== undefined) {
    io.stderr(`--host: "${bad}" is neither an IP address nor a host name\n`);
    return 2;
  }
  if (!Number.isInteger(days) || days < 1 || days > 825) {
    io.stderr('--days: a whole number of days from 1 to 825 (the longest validity phones accept)\n');
    return 2;
  }
  const out = values.out;
  const existing = ['cert.pem', 'key.pem', 'ca.crt'].filter((f) => existsSync(join(out, f)));
  if (existing.length > 0) {
    io.stderr(`${out} already holds ${existing.join(', ')}: choose an empty folder (nothing was written)\n`);
    return 2;
  }
  try {
    await issue(opts.openssl ?? 'openssl', hosts, days, out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(
        'openssl was not found: install it (Debian/Ubuntu: apt-get install openssl) or make the certificate ' +
          'with another tool and point TLS_CERT and TLS_KEY at its PEM files\n',
      );
      return 2;
    }
    io.stderr(`openssl failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}\n`);
    return 1;
  }
  const fingerprint = new X509Certificate(await readFile(join(out, 'ca.crt'), 'utf8')).fingerprint256;
  io.stdout(
    `${join(out, 'cert.pem')}\n${join(out, 'key.pem')}\n${join(out, 'ca.crt')}\n` +
      `Start the server with TLS_CERT=${join(out, 'cert.pem')} TLS_KEY=${join(out, 'key.pem')} npm start\n` +
      `Install ca.crt on each phone (README, "Pilot on a LAN"); its SHA-256 fingerprint is ${fingerprint}\n`,
  );
  return 0;
}

/**
 * A one-off authority (ca.crt, for the phones to trust) signs the server's certificate (cert.pem + key.pem);
 * the authority's key is deleted at once, so the certificate phones trust can never vouch for anything else.
 */
async function issue(openssl: string, hosts: string[], days: number, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const work = await mkdtemp(join(out, '.tls-'));
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    const caKey = join(work, 'ca-key.pem');
    await run(openssl, [
      'req', '-x509', ...ec, '-keyout', caKey, '-out', join(work, 'ca.crt'), '-days', String(days), '-sha256',
      '-subj', `/O=Lang Nghe pilot/CN=Lang Nghe pilot CA for ${hosts[0]}`,
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]); // prettier-ignore
    await run(openssl, ['req', ...ec, '-keyout', join(work, 'key.pem'), '-out', join(work, 'server.csr'),
      '-subj', `/O=Lang Nghe pilot/CN=${hosts[0]}`]); // prettier-ignore
    const names = hosts.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    await writeFile(
      join(work, 'server.ext'),
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n` +
        `subjectAltName=${names}\n`,
    );
    await run(openssl, ['x509', '-req', '-in', join(work, 'server.csr'), '-CA', join(work, 'ca.crt'),
      '-CAkey', caKey, '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', String(days), '-sha256',
      '-extfile', join(work, 'server.ext'), '-out', join(work, 'server.pem')]); // prettier-ignore
    // cert.pem carries the chain (server, then authority), as TLS_CERT expects.
    const chain = `${await readFile(join(work, 'server.pem'), 'utf8')}${await readFile(join(work, 'ca.crt'), 'utf8')}`;
    await writeFile(join(out, 'cert.pem'), chain);
    await rename(join(work, 'ca.crt'), join(out, 'ca.crt'));
    await chmod(join(work, 'key.pem'), 0o600);
    await rename(join(work, 'key.pem'), join(out, 'key.pem'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
