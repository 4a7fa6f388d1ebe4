import type { Server } from 'node:http';
import type Koa from 'koa';

/**
 * Idle keep-alive connections are closed after this long: longer than the idle timeouts of the
 * clients and reverse proxies in front (60 s is usual), so that a client never sends a request on
 * a connection the server is closing at that very moment (the client would get ECONNRESET).
 */
export const KEEP_ALIVE_MS = 65_000;

/** Starts the app's HTTP server. */
export function listen(app: Koa, port: number, host: string, onListening?: () => void): Server {
  const server = app.listen(port, host, onListening);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Must exceed keepAliveTimeout, or Node may cut a slow request on a reused connection.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}
