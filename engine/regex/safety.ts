/**
 * Static screening of editor-written regular expressions against catastrophic backtracking
 * (ReDoS). A pattern is tested by a backtracking engine in the browser and on the server, so an
 * exponential pattern would freeze both. The screen is conservative: it rejects every repeated
 * group that could match the same text in more than one way (nested variable quantifiers without
 * a separator, overlapping alternatives, groups that can match the empty string), as well as
 * back-references and lookarounds. Polynomial blow-ups (`\d+\d+`) are bounded by the `maxLength`
 * the loader also requires.
 */

export type RegexVerdict = { safe: true } | { safe: false; reason: string };

interface CharSet {
  ascii: Set<number>;
  /** Whether characters outside ASCII can match. */
  other: boolean;
}

type Atom = { kind: 'chars'; set: CharSet } | { kind: 'assertion' } | { kind: 'group'; alternatives: Term[][] };

interface Term {
  atom: Atom;
  min: number;
  max: number;
}

class Unsupported extends Error {}

const MAX_PATTERN_LENGTH = 1000;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let c = from; c <= to; c++) out.push(c);
  return out;
}
const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), ...range(97, 122), 95];
const SPACE = [9, 10, 11, 12, 13, 32];
const ALL_ASCII = range(0, 127);

function set(codes: number[], other = false): CharSet {
  return { ascii: new Set(codes), other };
}
function complement(s: CharSet): CharSet {
  return set(
    ALL_ASCII.filter((c) => !s.ascii.has(c)),
    true,
  );
}
function union(a: CharSet, b: CharSet): CharSet {
  return { ascii: new Set([...a.ascii, ...b.ascii]), other: a.other || b.other };
}
function overlaps(a: CharSet, b: CharSet): boolean {
  if (a.other && b.other) return true;
  for (const c of a.ascii) if (b.ascii.has(c)) return true;
  return false;
}
function literal(ch: string): CharSet {
  const code = ch.codePointAt(0)!;
  return code < 128 ? set([code]) : { ascii: new Set(), other: true };
}

/** A recursive-descent reader for the ECMAScript `u`-mode syntax that JSON Schema patterns use. */
function parsePattern(source: string): Term[][] {
  let i = 0;

  const classEscape = (): CharSet => {
    const c = source[i + 1];
    i += 2;
    switch (c) {
      case 'd':
        return set(DIGITS);
      case 'D':
        return complement(set(DIGITS));
      case 'w':
        return set(WORD);
      case 'W':
        return complement(set(WORD));
      case 's':
        return set(SPACE, true);
      case 'S':
        return complement(set(SPACE));
      case 'p':
      case 'P': {
        const end = source.indexOf('}', i);
        if (source[i] !== '{' || end < 0) throw new Unsupported();
        i = end + 1;
        return set(ALL_ASCII, true);
      }
      case 'x':
        i += 2;
        return literal(String.fromCharCode(parseInt(source.slice(i - 2, i), 16)));
      case 'u': {
        if (source[i] === '{') {
          const end = source.indexOf('}', i);
          const code = parseInt(source.slice(i + 1, end), 16);
          i = end + 1;
          return literal(String.fromCodePoint(code));
        }
        i += 4;
        return literal(String.fromCharCode(parseInt(source.slice(i - 4, i), 16)));
      }
      case 'n':
        return set([10]);
      case 'r':
        return set([13]);
      case 't':
        return set([9]);
      case 'f':
        return set([12]);
      case 'v':
        return set([11]);
      case '0':
        return set([0]);
      case 'c':
        i += 1;
        return set(ALL_ASCII);
      default:
        if (c === undefined) throw new Unsupported();
        return literal(c);
    }
  };

  const parseClass = (): CharSet => {
    i++; // [
    const negated = source[i] === '^';
    if (negated) i++;
    let acc = set([]);
    let previous: number | undefined;
    while (i < source.length && source[i] !== ']') {
      if (source[i] === '-' && previous !== undefined && source[i + 1] !== ']' && source[i + 1] !== undefined) {
        i++;
        const upper = source[i] === '\\' ? classEscape() : literal(source[i++]!);
        const to = [...upper.ascii][0];
        if (to !== undefined && to >= previous) acc = union(acc, set(range(previous, to)));
        if (upper.other) acc = union(acc, set(range(previous, 127), true));
        previous = undefined;
        continue;
      }
      const part = source[i] === '\\' ? classEscape() : literal(source[i++]!);
      previous = part.ascii.size === 1 && !part.other ? [...part.ascii][0] : undefined;
      acc = union(acc, part);
    }
    i++; // ]
    return negated ? complement(acc) : acc;
  };

  const parseAtom = (): Atom => {
    const c = source[i]!;
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'assertion' };
    }
    if (c === '.') {
      i++;
      return {
        kind: 'chars',
        set: set(
          ALL_ASCII.filter((x) => x !== 10 && x !== 13),
          true,
        ),
      };
    }
    if (c === '[') return { kind: 'chars', set: parseClass() };
    if (c === '(') {
      i++;
      if (source.startsWith('?=', i) || source.startsWith('?!', i) || source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
        throw new Unsupported('les assertions (?=…), (?!…), (?<=…), (?<!…) ne sont pas admises.');
      }
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
      const alternatives = parseAlternatives();
      if (source[i] !== ')') throw new Unsupported();
      i++;
      return { kind: 'group', alternatives };
    }
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 'b' || next === 'B') {
        i += 2;
        return { kind: 'assertion' };
      }
      if ((next !== undefined && next >= '1' && next <= '9') || next === 'k') {
        throw new Unsupported('les références arrière (\\1, \\k<nom>) ne sont pas admises.');
      }
      return { kind: 'chars', set: classEscape() };
    }
    i++;
    return { kind: 'chars', set: literal(c) };
  };

  const parseQuantifier = (): { min: number; max: number } => {
    const c = source[i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        i += m[0].length;
        q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
      }
    }
    if (!q) return { min: 1, max: 1 };
    if (source[i] === '?') i++; // lazy: same matching set, same backtracking risk
    return q;
  };

  const parseSequence = (): Term[] => {
    const terms: Term[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const atom = parseAtom();
      terms.push({ atom, ...parseQuantifier() });
    }
    return terms;
  };

  const parseAlternatives = (): Term[][] => {
    const alternatives = [parseSequence()];
    while (source[i] === '|') {
      i++;
      alternatives.push(parseSequence());
    }
    return alternatives;
  };

  const top = parseAlternatives();
  if (i !== source.length) throw new Unsupported();
  return top;
}

function nullableSeq(seq: Term[]): boolean {
  return seq.every((t) => t.min === 0 || nullableAtom(t.atom));
}
function nullableAtom(atom: Atom): boolean {
  if (atom.kind === 'assertion') return true;
  if (atom.kind === 'chars') return false;
  return atom.alternatives.some(nullableSeq);
}

/** Characters a sequence may start with. */
function firstSet(seq: Term[]): CharSet {
  let acc = set([]);
  for (const t of seq) {
    acc = union(acc, firstOfAtom(t.atom));
    if (!(t.min === 0 || nullableAtom(t.atom))) break;
  }
  return acc;
}
function firstOfAtom(atom: Atom): CharSet {
  if (atom.kind === 'chars') return atom.set;
  if (atom.kind === 'assertion') return set([]);
  return atom.alternatives.map(firstSet).reduce(union, set([]));
}

/** Every character an atom may consume. */
function charsOf(atom: Atom): CharSet {
  if (atom.kind === 'chars') return atom.set;
  if (atom.kind === 'assertion') return set([]);
  return atom.alternatives
    .flat()
    .map((t) => charsOf(t.atom))
    .reduce(union, set([]));
}

/** Terms inside `alternatives` (at any depth) whose repetition count varies. */
function variableTerms(alternatives: Term[][]): Term[] {
  const out: Term[] = [];
  for (const t of alternatives.flat()) {
    if (t.min !== t.max) out.push(t);
    if (t.atom.kind === 'group') out.push(...variableTerms(t.atom.alternatives));
  }
  return out;
}

function alternationsOverlap(alternatives: Term[][]): boolean {
  for (const t of alternatives.flat()) {
    if (t.atom.kind === 'group' && alternationsOverlap(t.atom.alternatives)) return true;
  }
  if (alternatives.length < 2) return false;
  const firsts = alternatives.map(firstSet);
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) if (overlaps(firsts[a], firsts[b])) return true;
  }
  return false;
}

/**
 * A repeated group whose body has variable parts is still unambiguous when each repetition starts
 * (or ends) with a mandatory delimiter that none of the variable parts can consume: `(-[a-z]+)*`.
 */
function delimited(body: Term[], variable: Term[]): boolean {
  const variableChars = variable.map((t) => charsOf(t.atom)).reduce(union, set([]));
  const isDelimiter = (t: Term | undefined) =>
    t !== undefined && t.min >= 1 && t.min === t.max && t.atom.kind === 'chars' && !overlaps(t.atom.set, variableChars);
  return isDelimiter(body[0]) || isDelimiter(body[body.length - 1]);
}

function screen(alternatives: Term[][]): string | undefined {
  for (const t of alternatives.flat()) {
    if (t.atom.kind !== 'group') continue;
    const inner = screen(t.atom.alternatives);
    if (inner) return inner;
    if (t.max <= 1) continue;
    const body = t.atom.alternatives;
    if (nullableAtom(t.atom)) return 'un groupe répété peut correspondre à une chaîne vide (ex. (a*)*).';
    if (alternationsOverlap(body))
      return 'un groupe répété contient des alternatives qui commencent par les mêmes caractères (ex. (a|a)* ou (a|ab)+).';
    const variable = variableTerms(body);
    if (variable.length > 0 && !(body.length === 1 && delimited(body[0], variable))) {
      return 'un quantificateur est imbriqué dans un groupe répété sans séparateur (ex. (a+)+ ou (\\w+\\s?)*).';
    }
  }
  return undefined;
}

/** Checks that `pattern` compiles as a `u`-mode regular expression and cannot backtrack catastrophically. */
export function checkRegexSafety(pattern: string): RegexVerdict {
  if (pattern.length > MAX_PATTERN_LENGTH) return { safe: false, reason: `l'expression dépasse ${MAX_PATTERN_LENGTH} caractères.` };
  try {
    const reason = screen(parsePattern(pattern));
    return reason ? { safe: false, reason } : { safe: true };
  } catch (e) {
    if (e instanceof Unsupported) return { safe: false, reason: e.message || 'syntaxe non prise en charge par le contrôle de sûreté.' };
    throw e;
  }
}

/** The compile error of a pattern, in the engine's words, or undefined when it compiles. */
export function regexSyntaxError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (e) {
    return `${(e as Error).message.replace(/^Invalid regular expression: /, '')}.`;
  }
}
