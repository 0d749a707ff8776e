/** Where a sign-in reports each request it made and how long it took. */
export interface RequestRecorder {
  add(method: string, url: URL, ms: number): void;
}

/** Requests per route (ids in paths folded to `:id`): how many a sign-in makes and how long each kind takes. */
export class RequestLog implements RequestRecorder {
  readonly routes = new Map<string, { count: number; totalMs: number }>();

  add(method: string, url: URL, ms: number): void {
    const key = `${method} ${routeOf(url)}`;
    const entry = this.routes.get(key) ?? { count: 0, totalMs: 0 };
    entry.count += 1;
    entry.totalMs += ms;
    this.routes.set(key, entry);
  }

  total(): number {
    let count = 0;
    for (const entry of this.routes.values()) count += entry.count;
    return count;
  }

  merge(other: RequestLog): void {
    for (const [route, entry] of other.routes) {
      const mine = this.routes.get(route) ?? { count: 0, totalMs: 0 };
      this.routes.set(route, { count: mine.count + entry.count, totalMs: mine.totalMs + entry.totalMs });
    }
  }
}

/** A path with its random parts (interaction uids, transaction ids: 16+ url-safe characters) replaced by `:id`. */
export function routeOf(url: URL): string {
  return url.pathname
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{16,}$/.test(segment) ? ':id' : segment))
    .join('/');
}
