/** Light checks of RJSF UI schemas: they must be objects and only mention properties of their sheet. */
import type { DiagnosticBag } from './diagnostics';
import type { SheetShape } from './sheetShape';
import { joinPointer } from './json/pointer';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkUiSchema(ui: unknown, shape: SheetShape, file: string, bag: DiagnosticBag): Json {
  if (!isObject(ui)) {
    bag.add('UI_INVALID', file, '');
    return {};
  }
  const check = (node: Json, pointer: string, known: string[]) => {
    for (const key of Object.keys(node)) {
      if (key.startsWith('ui:')) continue;
      if (!known.includes(key)) bag.add('UI_UNKNOWN_PROPERTY', file, joinPointer(pointer, key), { key });
    }
  };
  check(
    ui,
    '',
    shape.members.map((m) => m.key),
  );
  for (const member of shape.members) {
    const node = ui[member.key];
    if (!isObject(node)) continue;
    const at = joinPointer('', member.key);
    if (member.kind === 'group')
      check(
        node,
        at,
        member.fields.map((f) => f.key),
      );
    if (member.kind === 'table') {
      check(node, at, ['items']);
      if (isObject(node.items))
        check(
          node.items,
          joinPointer(at, 'items'),
          member.columns.map((c) => c.key),
        );
    }
  }
  return ui;
}
