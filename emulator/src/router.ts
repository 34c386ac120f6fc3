/** Matches a method and path against the route table. */
import type { Route } from './context';

export type Match = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

export class Router {
  private exact = new Map<string, Route>();
  private patterns: { route: Route; segments: string[] }[] = [];
  private paths = new Set<string>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (this.exact.has(key) || this.patterns.some((p) => `${p.route.method} ${p.route.path}` === key))
        throw new Error(`duplicate route ${key}`);
      if (route.path.includes('/:')) this.patterns.push({ route, segments: route.path.split('/') });
      else this.exact.set(key, route);
      this.paths.add(route.path);
    }
  }

  match(method: string, path: string): Match {
    const hit = this.exact.get(`${method} ${path}`);
    if (hit) return { route: hit, params: {} };
    const parts = path.split('/');
    let pathKnown = this.paths.has(path);
    for (const { route, segments } of this.patterns) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const fits = segments.every((s, i) => {
        if (s.startsWith(':')) {
          params[s.slice(1)] = decodeURIComponent(parts[i]!);
          return parts[i] !== '';
        }
        return s === parts[i];
      });
      if (!fits) continue;
      if (route.method === method) return { route, params };
      pathKnown = true;
    }
    return pathKnown ? { methodNotAllowed: true } : undefined;
  }
}
