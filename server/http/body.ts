import type { Context, Middleware, Next } from 'koa';
import { koaBody } from 'koa-body';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a JSON value holds a key that could reach a prototype, or nests deeper than allowed. */
function needsCleaning(value: unknown, depth: number): boolean {
  if (depth > 64) return true;
  if (Array.isArray(value)) return value.some((item) => needsCleaning(item, depth + 1));
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, item] of Object.entries(value)) if (FORBIDDEN_KEYS.has(key) || needsCleaning(item, depth + 1)) return true;
  return false;
}

/**
 * A JSON value without the keys that could reach a prototype once merged (ASVS 15.3.6). A clean
 * value (the usual case) is returned as is, without a copy: every autosave body goes through here.
 */
export function withoutPrototypeKeys(value: unknown, depth = 0): unknown {
  return needsCleaning(value, depth) ? cleanCopy(value, depth) : value;
}

function cleanCopy(value: unknown, depth: number): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => cleanCopy(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!FORBIDDEN_KEYS.has(key)) out[key] = cleanCopy(item, depth + 1);
  return out;
}

export interface JsonBodyOptions {
  /** Largest accepted JSON body, e.g. `2mb`: beyond it the answer is 413. */
  limit: string;
  /** Requests whose body the route reads itself (package uploads, multipart attachments). */
  skip?: (ctx: Context) => boolean;
}

/**
 * JSON bodies only (no urlencoded forms, no multipart: upload routes parse their own), size
 * limited, strict (objects and arrays only), with prototype keys stripped.
 */
export function jsonBody({ limit, skip }: JsonBodyOptions): Middleware {
  const parse = koaBody({ json: true, jsonStrict: true, jsonLimit: limit, multipart: false, urlencoded: false, text: false });
  return async function parseJsonBody(ctx: Context, next: Next) {
    if (skip?.(ctx) || !ctx.request.is('json')) return next();
    await parse(ctx, async () => {});
    ctx.request.body = withoutPrototypeKeys(ctx.request.body) as typeof ctx.request.body;
    await next();
  };
}
