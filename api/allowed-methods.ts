/**
 * The methods each known path takes, collected from the routes as they are registered. Fastify
 * answers a known path asked with another method as if the path did not exist; with this table
 * the API answers 405 and lists the methods in Allow (RFC 9110 §15.5.6).
 */
export function createRouteTable() {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  /** A Fastify path ("/v1/complaints/:id", "/dashboard/*") as an anchored regular expression. */
  const patternOf = (url: string) =>
    new RegExp(
      `^${url
        .split('/')
        .map((segment) =>
          segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')}$`,
    );

  return {
    add(methods: string | string[], url: string): void {
      const entry = routes.get(url) ?? { pattern: patternOf(url), methods: new Set<string>() };
      for (const m of [methods].flat()) entry.methods.add(m.toUpperCase());
      routes.set(url, entry);
    },
    /** The methods the path takes, sorted; null when no route has this path. */
    allowed(path: string): string[] | null {
      // The router ignores a trailing slash, so this table does too.
      const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
      const methods = new Set<string>();
      for (const { pattern, methods: taken } of routes.values())
        if (pattern.test(bare)) for (const m of taken) methods.add(m);
      return methods.size ? [...methods].sort() : null;
    },
  };
}
export type RouteTable = ReturnType<typeof createRouteTable>;
