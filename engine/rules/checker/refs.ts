import type { Expr } from '../parser';
import { walk } from '../parser';
import { fieldKey } from './packageIndex';
import type { Resolved } from './packageIndex';
import type { NodeInfo } from './typeCheck';

/** Keys of the statement values an expression reads (fields and columns), N1 excluded. */
export function readKeys(ast: Expr, info: Map<Expr, NodeInfo>): string[] {
  const keys: string[] = [];
  const skip = new Set<Expr>();
  walk(ast, (node) => {
    if (node.type === 'Call' && node.name === 'N1') node.args.forEach((a) => skip.add(a));
    if (skip.has(node)) return;
    const ref = info.get(node)?.ref;
    if (ref) keys.push(...keysOf(ref));
  });
  return keys;
}

export function keysOf(ref: Resolved): string[] {
  switch (ref.kind) {
    case 'scalar':
    case 'column':
    case 'row':
      return [fieldKey(ref.field.sheet, ref.field.path)];
    case 'wildcard':
      return ref.fields.map((f) => fieldKey(f.sheet, f.path));
    case 'otherForm':
      return [];
  }
}
