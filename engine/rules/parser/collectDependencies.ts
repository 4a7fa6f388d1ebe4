import type { Expr } from './ast';

/**
 * What an expression reads, syntactically. The graph and the compiler resolve these against the
 * package; this pass knows nothing of it.
 */
export type Dependency =
  /** A current-statement reference (field, group field, column or `*` wildcard). */
  | { kind: 'field'; sheet: string; path: string[] }
  /** `ligne.col` in a forEach rule. */
  | { kind: 'row'; column: string }
  /** Inside N1(...): read from the previous exercice, not a live dependency. */
  | { kind: 'previous'; sheet: string; path: string[] }
  /** `form::SHEET.field`: another form's statement. */
  | { kind: 'otherForm'; form: string; sheet: string; path: string[] }
  | { kind: 'context'; scope: string; name: string }
  | { kind: 'attachment'; category: string };

export function collectDependencies(node: Expr, out: Dependency[] = []): Dependency[] {
  switch (node.type) {
    case 'FieldRef':
      out.push(
        node.form === undefined
          ? { kind: 'field', sheet: node.sheet, path: node.path }
          : { kind: 'otherForm', form: node.form, sheet: node.sheet, path: node.path },
      );
      break;
    case 'RowRef':
      out.push({ kind: 'row', column: node.column });
      break;
    case 'ContextRef':
      out.push({ kind: 'context', scope: node.scope, name: node.name });
      break;
    case 'Call':
      if (node.name === 'N1' && node.args[0]?.type === 'FieldRef') {
        out.push({ kind: 'previous', sheet: node.args[0].sheet, path: node.args[0].path });
        break;
      }
      if (node.name === 'NBPIECES' && node.args[0]?.type === 'String') {
        out.push({ kind: 'attachment', category: node.args[0].value });
        break;
      }
      for (const arg of node.args) collectDependencies(arg, out);
      break;
    case 'Unary':
      collectDependencies(node.operand, out);
      break;
    case 'Binary':
      collectDependencies(node.left, out);
      collectDependencies(node.right, out);
      break;
    default:
      break;
  }
  return out;
}
