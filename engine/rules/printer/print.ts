import type { BinaryOp, Expr } from '../parser';

/** Binding strength of each level, loosest first (same levels as the parser). */
const PRECEDENCE: Record<BinaryOp, number> = {
  OU: 1,
  ET: 2,
  '=': 4,
  '<>': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};
const UNARY_MINUS = 7;
const PRIMARY = 8;

function precedence(node: Expr): number {
  if (node.type === 'Binary') return PRECEDENCE[node.op];
  if (node.type === 'Unary' && node.op === '-') return UNARY_MINUS;
  return PRIMARY; // NON is printed in its function form, NON(x), which reads as a primary
}

/** Canonical text of an expression: French names, `; ` separators, only the parentheses needed. */
export function print(node: Expr): string {
  switch (node.type) {
    case 'Number':
      return node.text;
    case 'String':
      return `'${node.value.replace(/'/g, "''")}'`;
    case 'Boolean':
      return node.value ? 'VRAI' : 'FAUX';
    case 'Blank':
      return 'VIDE';
    case 'FieldRef':
      return `${node.form ? `${node.form}::` : ''}${node.sheet}.${node.path.join('.')}`;
    case 'RowRef':
      return `ligne.${node.column}`;
    case 'ContextRef':
      return `${node.scope}.${node.name}`;
    case 'Call':
      return `${node.name}(${node.args.map(print).join('; ')})`;
    case 'Unary':
      if (node.op === 'NON') return `NON(${print(node.operand)})`;
      return `-${wrap(node.operand, precedence(node.operand) < PRIMARY)}`;
    case 'Binary': {
      const own = PRECEDENCE[node.op];
      const left = wrap(node.left, precedence(node.left) < own);
      const right = wrap(node.right, precedence(node.right) <= own);
      return `${left} ${node.op} ${right}`;
    }
  }
}

function wrap(node: Expr, parenthesise: boolean): string {
  return parenthesise ? `(${print(node)})` : print(node);
}
