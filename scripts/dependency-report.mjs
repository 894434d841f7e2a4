// Prints the production dependencies (package.json `dependencies`) with their installed versions from
// package-lock.json and, where `npm audit --omit=dev --json` answers, the known advisories of each (`npm run
// deps:report`). An unreachable audit service is said plainly; the list is printed and the exit code is 0 either way.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const AUDIT_TIMEOUT_MS = 60_000;

/** [{ name, wanted, installed }] for every production dependency, sorted by name; installed is null if not locked. */
export function productionDependencies(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return Object.entries(manifest.dependencies ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, wanted]) => ({ name, wanted, installed: lock.packages?.[`node_modules/${name}`]?.version ?? null }));
}

/** One line for a package from npm audit's `vulnerabilities` entry: severity and the advisories it comes through. */
function advisoryText(entry) {
  const via = (entry.via ?? []).map((v) => (typeof v === 'string' ? `through ${v}` : `${v.title} (${v.url})`));
  return `${entry.severity}: ${[...new Set(via)].join('; ')}`;
}

/**
 * Reads npm audit's JSON: { reachable: true, byName: Map(name -> text), summary } when it answered, or
 * { reachable: false, reason } when it reported an error (the registry could not be reached, or refused the request).
 */
export function readAudit(stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { reachable: false, reason: 'npm audit gave no readable answer' };
  }
  if (!report || typeof report !== 'object' || !report.vulnerabilities || report.error || report.message) {
    return { reachable: false, reason: String(report?.message ?? report?.error?.summary ?? 'npm audit failed') };
  }
  const byName = new Map(Object.entries(report.vulnerabilities).map(([name, entry]) => [name, advisoryText(entry)]));
  const counts = report.metadata?.vulnerabilities ?? {};
  const summary = Object.entries(counts)
    .filter(([level, n]) => level !== 'total' && n > 0)
    .map(([level, n]) => `${n} ${level}`)
    .join(', ');
  return { reachable: true, byName, summary: summary || 'no known advisories' };
}

/** Runs `npm audit --omit=dev --json` in `root` (exit code 1 means "advisories found" as well as failure). */
function runAudit(root) {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['audit', '--omit=dev', '--json'],
      { cwd: root, timeout: AUDIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error?.killed)
          resolve({ reachable: false, reason: `npm audit did not answer in ${AUDIT_TIMEOUT_MS / 1000} s` });
        else resolve(readAudit(stdout));
      },
    );
  });
}

/** The report as Markdown: a table with one row per production dependency, then the audit's state. */
export function renderReport(dependencies, audit) {
  const rows = dependencies.map(({ name, wanted, installed }) => {
    const status = audit.reachable ? (audit.byName.get(name) ?? 'none known') : 'not checked';
    return `| ${name} | ${wanted} | ${installed ?? 'not installed'} | ${status} |`;
  });
  const footer = audit.reachable
    ? `npm audit --omit=dev: ${audit.summary} in the production tree.`
    : `npm audit --omit=dev could not reach the advisory service (${audit.reason}); advisories were not checked.`;
  return ['| Package | Wanted | Installed | Advisories |', '|---|---|---|---|', ...rows, '', footer].join('\n');
}

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const offline = process.argv.includes('--offline') || process.env.DEPS_REPORT_OFFLINE === '1';
  const audit = offline ? { reachable: false, reason: 'skipped: --offline' } : await runAudit(root);
  process.stdout.write(`${renderReport(productionDependencies(root), audit)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
