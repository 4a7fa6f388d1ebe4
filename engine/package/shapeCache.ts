/** Sheet shapes are computed once at load time and remembered by schema object. */
import type { SheetDef } from './model';
import { DiagnosticBag } from './diagnostics';
import { readSheetShape, type SheetShape } from './sheetShape';

const shapes = new WeakMap<object, SheetShape>();

export function rememberShape(sheet: SheetDef, shape: SheetShape): void {
  shapes.set(sheet.schema, shape);
}

/** Shape of a sheet; recomputed (tolerantly) for packages that did not come from loadPackage. */
export function shapeOf(sheet: SheetDef): SheetShape {
  let shape = shapes.get(sheet.schema);
  if (!shape) {
    shape = readSheetShape(sheet.id, sheet.schema, sheet.file, new DiagnosticBag()) ?? { sheet: sheet.id, required: [], members: [] };
    shapes.set(sheet.schema, shape);
  }
  return shape;
}
