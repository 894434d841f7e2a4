// `npm run deps:report` lists every production dependency with its locked version, and says plainly when the
// advisory service cannot be reached (still exiting 0), or what npm audit found when it answers.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { productionDependencies, readAudit, renderReport } from '../../scripts/dependency-report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${repo}/package.json`, 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(`${repo}/package-lock.json`, 'utf8')) as {
  packages: Record<string, { version: string }>;
};

/** Runs the script as `npm run deps:report` would, with the given environment and arguments. */
function runReport(env: Record<string, string>, args: string[] = []): string {
  return execFileSync(process.execPath, ['scripts/dependency-report.mjs', ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('dependency report', () => {
  it('lists every production dependency with its installed version and says the audit was unreachable', () => {
    // Port 9 (discard) refuses connections: npm audit fails at once, as it does behind this network's proxy.
    const out = runReport({ npm_config_registry: 'http://127.0.0.1:9' });
    const names = Object.keys(manifest.dependencies);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const version = lock.packages[`node_modules/${name}`]!.version;
      expect(out).toContain(`| ${name} | ${manifest.dependencies[name]} | ${version} | not checked |`);
    }
    expect(out).toMatch(/could not reach the advisory service \(.*127\.0\.0\.1:9.*\); advisories were not checked/);
  }, 70_000);

  it('skips the network with --offline and says so', () => {
    const out = runReport({}, ['--offline']);
    expect(out).toContain('| express |');
    expect(out).toContain('could not reach the advisory service (skipped: --offline)');
  });

  it('names the advisories npm audit reports for a dependency and "none known" for the others', () => {
    const audit = readAudit(
      JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities: {
          multer: { severity: 'high', via: [{ title: 'Denial of service', url: 'https://example.org/GHSA-1' }] },
        },
        metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 1, critical: 0, total: 1 } },
      }),
    );
    const deps = productionDependencies(repo).filter((d) => d.name === 'multer' || d.name === 'zod');
    const out = renderReport(deps, audit);
    expect(out).toMatch(/\| multer \| [^|]+ \| [^|]+ \| high: Denial of service \(https:\/\/example.org\/GHSA-1\) \|/);
    expect(out).toMatch(/\| zod \| [^|]+ \| [^|]+ \| none known \|/);
    expect(out).toContain('npm audit --omit=dev: 1 high in the production tree.');
  });

  it('treats an error answer from npm audit as unreachable, with its message', () => {
    const audit = readAudit(JSON.stringify({ message: '405 Method Not Allowed', error: { summary: '' } }));
    expect(audit).toEqual({ reachable: false, reason: '405 Method Not Allowed' });
    expect(readAudit('')).toEqual({ reachable: false, reason: 'npm audit gave no readable answer' });
  });
});
