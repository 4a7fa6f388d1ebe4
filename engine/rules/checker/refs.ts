import type { TableDef } from '../../package/model';
import { collectDependencies } from '../parser';
import type { Expr } from '../parser';
import { fieldKey } from './packageIndex';
import type { PackageIndex, Resolved } from './packageIndex';

/**
 * Keys of the statement values an expression reads (fields and columns; N1 and other forms
 * excluded), from the syntactic dependencies resolved against the package.
 */
export function readKeys(ast: Expr, index: PackageIndex, forEach?: TableDef): string[] {
  const keys: string[] = [];
  for (const dep of collectDependencies(ast)) {
    if (dep.kind === 'row' && forEach) keys.push(fieldKey(forEach.sheet, `${forEach.path}.${dep.column}`));
    if (dep.kind !== 'field') continue;
    if (dep.path[0] === '*') keys.push(...index.wildcard(dep.sheet, dep.path[1] ?? '').map((f) => fieldKey(f.sheet, f.path)));
    else keys.push(fieldKey(dep.sheet, dep.path.join('.')));
  }
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
