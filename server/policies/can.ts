import type { Actor } from './actor';
import { RULES, type Action, type Subject } from './rules';

const NONE: Subject = { type: 'none' };

/**
 * The one decision point: may this actor perform this action on this subject? Fails closed: no
 * actor, an unknown action, or an exception in a rule all mean no.
 */
export function can(actor: Actor | null | undefined, action: Action, subject: Subject = NONE): boolean {
  if (!actor) return false;
  const rule = Object.prototype.hasOwnProperty.call(RULES, action)
    ? (RULES as Record<string, (a: Actor, s: Subject) => boolean>)[action]
    : undefined;
  if (!rule) return false;
  try {
    return rule(actor, subject) === true;
  } catch {
    return false;
  }
}
