/**
 * A small EDN reader, enough for Jepsen histories: nil, booleans, integers (big ones as bigint),
 * floats, strings, characters, keywords, symbols, vectors, lists, sets, maps, tagged literals
 * (#inst "…" reads as its form), #_ discard, comments. Maps whose keys are all keywords become
 * plain objects keyed by the keyword's name; other maps become Map. Sets become arrays.
 */
export class Keyword {
  constructor(readonly name: string) {}
  toJSON(): string {
    return `:${this.name}`;
  }
}

export class Symbol_ {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

export class EdnError extends Error {}

const DELIMS = new Set([' ', '\t', '\n', '\r', ',', '(', ')', '[', ']', '{', '}', '"', ';']);

/** Reads every top-level form of `text`. */
export function readEdnAll(text: string): unknown[] {
  const r = new Reader(text);
  const out: unknown[] = [];
  while (r.skipSpace()) out.push(r.form());
  return out;
}

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  /** Skips whitespace and comments; false at the end. */
  skipSpace(): boolean {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos] as string;
      if (c === ';') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') {
        this.pos++;
      } else if (c === '#' && s[this.pos + 1] === '_') {
        this.pos += 2;
        this.skipSpace();
        this.form();
      } else return true;
    }
    return false;
  }

  form(): unknown {
    if (!this.skipSpace()) throw new EdnError('unexpected end of input');
    const s = this.s;
    const c = s[this.pos] as string;
    if (c === '{') return this.map();
    if (c === '[' ) return this.seq(']');
    if (c === '(') return this.seq(')');
    if (c === '"') return this.string();
    if (c === '#') {
      if (s[this.pos + 1] === '{') {
        this.pos++;
        return this.seq('}');
      }
      this.pos++;
      this.token();
      return this.form();
    }
    if (c === '\\') {
      this.pos++;
      const t = this.pos < s.length ? (s[this.pos++] as string) + this.token() : '';
      const named: Record<string, string> = { newline: '\n', space: ' ', tab: '\t', return: '\r' };
      return named[t] ?? t;
    }
    if (c === ')' || c === ']' || c === '}') throw new EdnError(`unexpected "${c}"`);
    return atom(this.token());
  }

  private token(): string {
    const start = this.pos;
    while (this.pos < this.s.length && !DELIMS.has(this.s[this.pos] as string)) this.pos++;
    return this.s.slice(start, this.pos);
  }

  private seq(close: string): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    while (true) {
      if (!this.skipSpace()) throw new EdnError(`missing "${close}"`);
      if (this.s[this.pos] === close) {
        this.pos++;
        return out;
      }
      out.push(this.form());
    }
  }

  private map(): unknown {
    const items = this.seq('}');
    if (items.length % 2 !== 0) throw new EdnError('a map needs an even number of forms');
    if (items.every((k, i) => i % 2 === 1 || k instanceof Keyword)) {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < items.length; i += 2) obj[(items[i] as Keyword).name] = items[i + 1];
      return obj;
    }
    const m = new Map<unknown, unknown>();
    for (let i = 0; i < items.length; i += 2) m.set(items[i], items[i + 1]);
    return m;
  }

  private string(): string {
    const s = this.s;
    let out = '';
    let i = this.pos + 1;
    while (true) {
      const j = s.indexOf('"', i);
      const k = s.indexOf('\\', i);
      if (j < 0) throw new EdnError('unterminated string');
      if (k < 0 || j < k) {
        out += s.slice(i, j);
        this.pos = j + 1;
        return out;
      }
      out += s.slice(i, k);
      const e = s[k + 1];
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
      if (e === 'u') {
        out += String.fromCharCode(parseInt(s.slice(k + 2, k + 6), 16));
        i = k + 6;
      } else {
        out += map[e ?? ''] ?? e ?? '';
        i = k + 2;
      }
    }
  }
}

function atom(t: string): unknown {
  if (t === '') throw new EdnError('empty token');
  if (t === 'nil') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t[0] === ':') return new Keyword(t.slice(1));
  if (/^[+-]?\d+N?$/.test(t)) {
    const digits = t.endsWith('N') ? t.slice(0, -1) : t;
    const n = Number(digits);
    return Number.isSafeInteger(n) ? n : BigInt(digits);
  }
  if (/^[+-]?\d+\/\d+$/.test(t)) {
    const [a, b] = t.split('/');
    return Number(a) / Number(b);
  }
  if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)M?$/.test(t)) return Number(t.endsWith('M') ? t.slice(0, -1) : t);
  return new Symbol_(t);
}
