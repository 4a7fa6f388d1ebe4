import type { Context } from 'koa';
import type { Config } from '../config';

/**
 * The session cookie. Behind TLS it is `__Host-harmonia` (Secure, no Domain, Path=/: the browser
 * refuses it otherwise); on plain http (the laptop demo) it is `harmonia` without Secure.
 * Written by hand rather than through ctx.cookies so that the attributes are exactly these.
 */
export const sessionCookieName = (config: Config) => (config.trustProxy ? '__Host-harmonia' : 'harmonia');

function attributes(config: Config): string {
  return ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(config.trustProxy ? ['Secure'] : [])].join('; ');
}

export function setSessionCookie(ctx: Context, config: Config, token: string): void {
  ctx.append('Set-Cookie', `${sessionCookieName(config)}=${token}; ${attributes(config)}`);
}

export function clearSessionCookie(ctx: Context, config: Config): void {
  ctx.append('Set-Cookie', `${sessionCookieName(config)}=; Max-Age=0; ${attributes(config)}`);
}

export function readSessionCookie(ctx: Context, config: Config): string | undefined {
  return ctx.cookies.get(sessionCookieName(config)) || undefined;
}

/**
 * The cookie binding a ProConnect authorization request to the browser that started it (the
 * callback must come back to the same browser: no login CSRF, no state replay from elsewhere).
 * SameSite=Lax: the OP sends the browser back with a top-level GET, which Lax cookies follow.
 */
const bindingCookieName = (config: Config) => (config.trustProxy ? '__Host-harmonia-oidc' : 'harmonia-oidc');

export function setBindingCookie(ctx: Context, config: Config, value: string): void {
  ctx.append('Set-Cookie', `${bindingCookieName(config)}=${value}; Max-Age=600; ${attributes(config)}`);
}

export function clearBindingCookie(ctx: Context, config: Config): void {
  ctx.append('Set-Cookie', `${bindingCookieName(config)}=; Max-Age=0; ${attributes(config)}`);
}

export function readBindingCookie(ctx: Context, config: Config): string | undefined {
  return ctx.cookies.get(bindingCookieName(config)) || undefined;
}
