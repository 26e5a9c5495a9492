// A small reader of the model's expressions as /api/model gives them (the canonical text of
// mera fmt), only to show a `when` field when it applies and a calculated field as one types.
// The rules themselves are the server's: every value is checked by POST /api/validate. What this
// cannot read (a function, a breakdown) is `undefined`: the field is then shown, the value left
// to the server.

export type Value = number | string | boolean | null | undefined;
type Values = Record<string, unknown>;

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|("(?:[^"\\]|\\.)*")|(==|!=|<=|>=|[<>+\-*/()]))/y;

function tokenize(text: string): string[] | undefined {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return out;
}

class Unreadable extends Error {}

export function evaluate(text: string, values: Values): Value {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  let at = 0;
  const peek = () => tokens[at];
  const take = (t?: string) => {
    if (t !== undefined && tokens[at] !== t) throw new Unreadable();
    return tokens[at++];
  };
  const empty = (v: Value) => v === null || v === undefined || v === '';
  const primary = (): Value => {
    const t = take();
    if (t === undefined) throw new Unreadable();
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t === '-') {
      const v = primary();
      return typeof v === 'number' ? -v : null;
    }
    if (t === 'not') {
      const v = primary();
      return empty(v) ? null : !v;
    }
    if (/^\d/.test(t)) return Number(t);
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (t === 'true' || t === 'false') return t === 'true';
    if (peek() === '(') throw new Unreadable(); // a function: the server's to say
    const v = values[t];
    if (v !== null && typeof v === 'object') throw new Unreadable(); // a breakdown
    return v as Value;
  };
  const product = (): Value => {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const r = primary();
      if (typeof v !== 'number' || typeof r !== 'number') v = null;
      else v = op === '*' ? v * r : r === 0 ? null : v / r;
    }
    return v;
  };
  const sum = (): Value => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const r = product();
      v = typeof v === 'number' && typeof r === 'number' ? (op === '+' ? v + r : v - r) : null;
    }
    return v;
  };
  const comparison = (): Value => {
    const v = sum();
    const op = peek();
    if (!op || !['==', '!=', '<', '<=', '>', '>='].includes(op)) return v;
    take();
    const r = sum();
    if (empty(v) || empty(r)) return null;
    switch (op) {
      case '==': return v === r;
      case '!=': return v !== r;
      case '<': return (v as number) < (r as number);
      case '<=': return (v as number) <= (r as number);
      case '>': return (v as number) > (r as number);
      default: return (v as number) >= (r as number);
    }
  };
  const and = (): Value => {
    let v = comparison();
    while (peek() === 'and') {
      take();
      const r = comparison();
      v = v === false || r === false ? false : empty(v) || empty(r) ? null : Boolean(v && r);
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (peek() === 'or') {
      take();
      const r = and();
      v = v === true || r === true ? true : empty(v) || empty(r) ? null : Boolean(v || r);
    }
    return v;
  };
  try {
    const v = or();
    return at === tokens.length ? v : undefined;
  } catch (e) {
    if (e instanceof Unreadable) return undefined;
    throw e;
  }
}
