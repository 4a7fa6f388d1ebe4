import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built ui (ui/dist) and answers index.html for client-side routes,
 * so that reloading /declarations/12 works. API paths are never caught here.
 */
export function serveUi(distDir: string): Middleware {
  const files = serve(distDir, { index: 'index.html', maxage: 0, gzip: false, brotli: false });
  const indexFile = path.join(distDir, 'index.html');
  return async function ui(ctx, next) {
    if (ctx.path.startsWith('/api/')) return next();
    await files(ctx, async () => {});
    if (ctx.body !== undefined || ctx.method !== 'GET') return next();
    if (!fs.existsSync(indexFile)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Interface non construite : lancez « npm run build:ui » (npm start le fait pour vous).';
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(indexFile);
  };
}
