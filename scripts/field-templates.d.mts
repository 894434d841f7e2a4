// Types of scripts/field-templates.mjs, for the tests that import it.
export function templateNames(root: string): string[];
export function templatesModule(root: string): string;
