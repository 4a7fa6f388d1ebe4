/**
 * The floor of `npm run bench:server`: a bare Koa endpoint that parses the same JSON body and
 * inserts it with mysql2, nothing else (no session, policy, engine or history). Whatever the real
 * save does beyond this is the price of the product's guarantees.
 */
import Koa from 'koa';
import { koaBody } from 'koa-body';
import mysql from 'mysql2/promise';

async function main() {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL!, connectionLimit: 20, charset: 'utf8mb4' });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS floor_saves (id INT AUTO_INCREMENT PRIMARY KEY, statement_id INT NOT NULL, answers JSON NOT NULL, created_at DATETIME(3) NOT NULL)',
  );
  const app = new Koa();
  app.use(koaBody({ jsonLimit: '2mb' }));
  app.use(async (ctx) => {
    const match = /^\/floor\/(\d+)$/.exec(ctx.path);
    if (ctx.method !== 'PUT' || !match) return;
    const body = ctx.request.body as { baseRevision: number; answers: unknown };
    await pool.execute('INSERT INTO floor_saves (statement_id, answers, created_at) VALUES (?, ?, NOW(3))', [
      Number(match[1]),
      JSON.stringify(body.answers),
    ]);
    ctx.body = { revision: body.baseRevision + 1 };
  });
  app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));
}

void main();
