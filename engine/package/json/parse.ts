/**
 * A small JSON parser that knows where things are. JSON.parse reports syntax errors as an
 * offset in an engine-specific English sentence and forgets positions; editors need the line and
 * column of a syntax error, the position of any JSON pointer (to print `file:line:col`), and a
 * warning when a key is written twice (JSON.parse silently keeps the last one).
 */
import { joinPointer } from './pointer';

export interface JsonPosition {
  /** 0-based offset in the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units. */
  column: number;
}

export interface JsonSyntaxError extends JsonPosition {
  /** French explanation of what was expected. */
  message: string;
  kind: 'syntax' | 'depth';
}

export interface ParsedJson {
  value: unknown;
  /** JSON pointer → offset of the value's first character. */
  positions: Map<string, number>;
  /** Pointers of object members whose key appeared more than once (the last one wins). */
  duplicateKeys: string[];
}

export type JsonParseResult = { ok: true; json: ParsedJson } | { ok: false; error: JsonSyntaxError };

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    readonly frenchMessage: string,
    readonly kind: 'syntax' | 'depth' = 'syntax',
  ) {
    super(frenchMessage);
  }
}

export function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'la fin du fichier';
  if (ch === '\n' || ch === '\r') return 'une fin de ligne';
  return `« ${ch} »`;
}

/** Parses `text` as strict JSON (RFC 8259), nesting limited to `maxDepth` levels. */
export function parseJson(text: string, maxDepth = 64): JsonParseResult {
  const positions = new Map<string, number>();
  const duplicateKeys: string[] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new SyntaxFailure(at, message);
  };
  const skipWhitespace = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const expect = (ch: string, what: string) => {
    if (text[i] !== ch) fail(`${what} attendu, trouvé ${describe(text[i])}.`);
    i++;
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Chaîne non terminée : guillemet fermant « " » manquant.', start);
      const ch = text[i];
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          i += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail(`Séquence d'échappement invalide « \\${esc ?? ''} » dans une chaîne.`);
        }
        continue;
      }
      if (text.charCodeAt(i) < 0x20)
        fail('Caractère de contrôle (fin de ligne, tabulation) interdit dans une chaîne : utilisez \\n ou \\t.');
      out += ch;
      i++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`Nombre invalide.`);
    const after = text[i + m![0].length];
    if (after !== undefined && /[0-9A-Za-z.+-]/.test(after)) fail(`Nombre invalide : « ${text.slice(i, i + m![0].length + 1)} ».`);
    i += m![0].length;
    return Number(m![0]);
  };

  const parseValue = (pointer: string, depth: number): unknown => {
    skipWhitespace();
    positions.set(pointer, i);
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      if (depth >= maxDepth) throw new SyntaxFailure(i, `Imbrication trop profonde (plus de ${maxDepth} niveaux).`, 'depth');
      return ch === '{' ? parseObject(pointer, depth + 1) : parseArray(pointer, depth + 1);
    }
    if (ch === '"') return parseString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    if (ch === undefined) return fail('Valeur attendue, trouvé la fin du fichier.');
    if (ch === "'") return fail('Les chaînes JSON s\'écrivent entre guillemets doubles « " », pas entre apostrophes.');
    return fail(`Valeur attendue (objet, tableau, chaîne, nombre, true, false ou null), trouvé ${describe(ch)}.`);
  };

  const parseObject = (pointer: string, depth: number): Record<string, unknown> => {
    i++; // {
    // Own data properties only, like JSON.parse: a "__proto__" key never touches the prototype.
    const obj: Record<string, unknown> = {};
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') {
        fail(
          text[i] === '}'
            ? 'Virgule en trop avant « } ».'
            : `Nom de propriété entre guillemets doubles attendu, trouvé ${describe(text[i])}.`,
        );
      }
      const key = parseString();
      const memberPointer = joinPointer(pointer, key);
      if (Object.prototype.hasOwnProperty.call(obj, key)) duplicateKeys.push(memberPointer);
      skipWhitespace();
      expect(':', '« : »');
      const value = parseValue(memberPointer, depth);
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(`« , » ou « } » attendu, trouvé ${describe(text[i])}.`);
    }
  };

  const parseArray = (pointer: string, depth: number): unknown[] => {
    i++; // [
    const arr: unknown[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] === ']') fail('Virgule en trop avant « ] ».');
      arr.push(parseValue(joinPointer(pointer, String(arr.length)), depth));
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(`« , » ou « ] » attendu, trouvé ${describe(text[i])}.`);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1; // tolerate a UTF-8 byte order mark
    const value = parseValue('', 0);
    skipWhitespace();
    if (i < text.length) fail(`Contenu inattendu après la fin du document JSON : ${describe(text[i])}.`);
    return { ok: true, json: { value, positions, duplicateKeys } };
  } catch (e) {
    if (e instanceof SyntaxFailure) {
      return { ok: false, error: { ...positionAt(text, e.offset), message: e.frenchMessage, kind: e.kind } };
    }
    throw e;
  }
}

/** Line and column of the value a JSON pointer designates, or undefined when the text does not parse or lacks it. */
export function locatePointer(text: string, pointer: string): JsonPosition | undefined {
  const parsed = parseJson(text);
  if (!parsed.ok) return undefined;
  let p = pointer;
  // Fall back to the closest existing ancestor (e.g. a missing required property → its object).
  for (;;) {
    const offset = parsed.json.positions.get(p);
    if (offset !== undefined) return positionAt(text, offset);
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
