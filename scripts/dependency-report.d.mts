// Types of scripts/dependency-report.mjs, for the tests that import it.
export interface Dependency {
  name: string;
  wanted: string;
  installed: string | null;
}
export type Audit =
  { reachable: true; byName: Map<string, string>; summary: string } | { reachable: false; reason: string };
export function productionDependencies(root: string): Dependency[];
export function readAudit(stdout: string): Audit;
export function renderReport(dependencies: Dependency[], audit: Audit): string;
