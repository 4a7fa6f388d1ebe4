/**
 * Static screening of CORRESPOND patterns for catastrophic (exponential) backtracking.
 * Rejected: a repeated group that itself contains an unbounded repetition (`(a+)+`, `(a|b*)*`),
 * a repeated alternation whose branches can start with the same character (`(a|a)*`, `(a|ab)+`),
 * and backreferences and lookarounds (never needed for field formats). Conservative on purpose:
 * a false alarm costs a rewrite of the pattern, a miss can freeze a browser or the server.
 */
export const MAX_PATTERN_LENGTH = 500;

/** A reason in French when the pattern is unsafe, undefined when it is accepted. */
export function unsafeRegexReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return 'un motif de plus de 500 caractères';
  if (/\\[1-9]|\\k</.test(pattern)) return 'une référence arrière (\\1)';
  if (/\(\?<?[=!]/.test(pattern)) return 'une assertion (?= ?! ?<= ?<!)';
  try {
    const root = new PatternReader(pattern).sequence();
    return findNestedRepetition(root);
  } catch {
    return undefined; // syntax errors are reported by the RegExp constructor
  }
}

/** First characters a node can match: literal chars, or '*' for "any / a class". */
type FirstSet = Set<string>;

interface PatternNode {
  kind: 'atom' | 'group' | 'sequence';
  /** For groups: alternatives, each a sequence. */
  alternatives?: PatternNode[];
  items?: PatternNode[];
  /** Literal first character, or '*' when a class, a dot or an escape. */
  first?: string;
  unbounded: boolean;
  repeated: boolean;
}

class PatternReader {
  private pos = 0;
  constructor(private readonly source: string) {}

  sequence(): PatternNode {
    const alternatives: PatternNode[] = [];
    let items: PatternNode[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== ')') {
      if (this.source[this.pos] === '|') {
        this.pos++;
        alternatives.push({ kind: 'sequence', items, unbounded: false, repeated: false });
        items = [];
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    alternatives.push({ kind: 'sequence', items, unbounded: false, repeated: false });
    return { kind: 'group', alternatives, unbounded: false, repeated: false };
  }

  private atom(): PatternNode {
    const ch = this.source[this.pos++];
    if (ch === '(') {
      if (this.source[this.pos] === '?') {
        this.pos++;
        if (this.source[this.pos] === '<') while (this.pos < this.source.length && this.source[this.pos] !== '>') this.pos++;
        this.pos++;
      }
      const group = this.sequence();
      this.pos++; // )
      return group;
    }
    if (ch === '[') {
      while (this.pos < this.source.length && this.source[this.pos] !== ']') {
        if (this.source[this.pos] === '\\') this.pos++;
        this.pos++;
      }
      this.pos++;
      return { kind: 'atom', first: '*', unbounded: false, repeated: false };
    }
    if (ch === '\\') {
      const escaped = this.source[this.pos++];
      return { kind: 'atom', first: /[dDwWsSbBpPu]/.test(escaped) ? '*' : escaped, unbounded: false, repeated: false };
    }
    if (ch === '^' || ch === '$') return { kind: 'atom', first: '', unbounded: false, repeated: false };
    return { kind: 'atom', first: ch === '.' ? '*' : ch, unbounded: false, repeated: false };
  }

  private quantified(node: PatternNode): PatternNode {
    const ch = this.source[this.pos];
    let unbounded = false;
    let repeated = false;
    if (ch === '*' || ch === '+') {
      unbounded = repeated = true;
      this.pos++;
    } else if (ch === '?') {
      this.pos++;
    } else if (ch === '{') {
      const match = /^\{(\d*)(,?)(\d*)\}/.exec(this.source.slice(this.pos));
      if (match) {
        this.pos += match[0].length;
        unbounded = match[2] === ',' && match[3] === '';
        repeated = unbounded || Number(match[3] || match[1]) > 1;
      }
    } else {
      return node;
    }
    if (this.source[this.pos] === '?' || this.source[this.pos] === '+') this.pos++; // lazy / possessive
    return { ...node, unbounded, repeated };
  }
}

function containsUnbounded(node: PatternNode): boolean {
  if (node.unbounded) return true;
  return [...(node.alternatives ?? []), ...(node.items ?? [])].some(containsUnbounded);
}

function firstSet(node: PatternNode, out: FirstSet = new Set()): FirstSet {
  if (node.kind === 'atom') {
    if (node.first) out.add(node.first);
    return out;
  }
  if (node.kind === 'group') {
    for (const alternative of node.alternatives ?? []) firstSet(alternative, out);
    return out;
  }
  for (const item of node.items ?? []) {
    const before = out.size;
    firstSet(item, out);
    // An item that can be skipped (`?`, `*`, empty) lets the next one start the match too.
    const optional = item.kind === 'atom' ? item.first === '' : false;
    if (out.size > before && !optional) break;
  }
  return out;
}

function overlapping(alternatives: PatternNode[]): boolean {
  const seen = new Set<string>();
  for (const alternative of alternatives) {
    const first = firstSet(alternative);
    if (first.size === 0) return true; // an empty branch inside a repetition
    for (const ch of first) {
      if (ch === '*' ? seen.size > 0 : seen.has(ch) || seen.has('*')) return true;
    }
    for (const ch of first) seen.add(ch);
  }
  return false;
}

function findNestedRepetition(node: PatternNode): string | undefined {
  if (node.kind === 'group' && node.repeated) {
    const inner = [...(node.alternatives ?? [])];
    if (node.unbounded && inner.some(containsUnbounded)) return 'une répétition imbriquée dans une autre répétition';
    if (node.unbounded && inner.length > 1 && overlapping(inner)) return 'une alternative répétée dont les branches se recouvrent';
  }
  for (const child of [...(node.alternatives ?? []), ...(node.items ?? [])]) {
    const reason = findNestedRepetition(child);
    if (reason) return reason;
  }
  return undefined;
}
