// Lists every route of the Express app as "METHOD /path" by walking its router stack (Express 5 / router 2:
// route layers carry `route.path` and `route.methods`, mounted routers `handle.stack` and their mount path in
// `rawPath`). A mount we cannot read stops the walk loudly rather than hiding routes.
import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

const join = (prefix: string, path: string): string => `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function walk(stack: readonly Layer[], prefix: string, out: string[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path);
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
      for (const path of paths)
        for (const method of methods)
          out.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${join(prefix, path)}`);
    } else if (Array.isArray(layer.handle?.stack)) {
      if (typeof layer.rawPath !== 'string')
        throw new Error(`cannot read the mount path of a nested router under ${prefix || '/'}`);
      walk(layer.handle.stack, join(prefix, layer.rawPath), out);
    }
  }
}

export function listAppRoutes(app: Express): string[] {
  const stack = (app as unknown as { router?: { stack?: Layer[] } }).router?.stack;
  if (!Array.isArray(stack)) throw new Error('the app has no router stack (not Express 5?)');
  const out: string[] = [];
  walk(stack, '', out);
  return out;
}

/** Every state-changing browser route (what CSRF must protect). */
export const isFormRoute = (key: string): boolean => {
  const [method = '', path = ''] = key.split(' ');
  return !['GET', 'HEAD', 'OPTIONS'].includes(method) && !path.startsWith('/api/');
};
