import type { Expr } from '../parser/ast';

/** Number of operands of an expression's top-level additive terms (`a + b - c` has 3). */
export function additiveOperands(node: Expr): number {
  if (node.type === 'Binary' && (node.op === '+' || node.op === '-')) {
    return additiveOperands(node.left) + additiveOperands(node.right);
  }
  return 1;
}

/** PROCHE's default tolerance: max(1 €, 0.5 € × operands of both sides' additive terms). */
export function defaultTolerance(left: Expr, right: Expr): number {
  return Math.max(1, 0.5 * (additiveOperands(left) + additiveOperands(right)));
}
