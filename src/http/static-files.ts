import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import { PUBLIC_DIR } from '../package-root.js';

const FILES: Record<string, string> = { 'gatehouse.css': 'text/css; charset=utf-8', 'autopost.js': 'text/javascript; charset=utf-8', 'push-status.js': 'text/javascript; charset=utf-8' };

/** Serves the few files of public/ under /static, read once at start. Nothing else on disk is reachable. */
export function staticFiles() {
  const cache = new Map(Object.entries(FILES).map(([name, type]) => [name, { type, body: readFileSync(join(PUBLIC_DIR, name)) }]));
  return async function serveStatic(ctx: Context, next: Next): Promise<void> {
    if (!ctx.path.startsWith('/static/')) return next();
    const file = cache.get(ctx.path.slice('/static/'.length));
    if (!file || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.type = file.type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = file.body;
  };
}
