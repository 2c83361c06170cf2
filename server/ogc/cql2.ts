// CQL2 text (OGC API – Features Part 3) as far as the atlas offers it: Basic CQL2 (comparisons =, <>, <,
// <=, >, >=, IS [NOT] NULL, AND, OR, NOT, parentheses) and LIKE, over the queryables (the flat feature properties).
import type { Scalar } from '../http/presenters/flat-properties.ts';

export type Predicate = (props: Readonly<Record<string, Scalar>>) => boolean;

/** A filter the parser cannot take; the message says where and what it expected. */
export class Cql2Error extends Error {}

type Token = { kind: 'name' | 'string' | 'number' | 'op' | 'paren' | 'word'; text: string; at: number };

const WORDS = new Set(['AND', 'OR', 'NOT', 'LIKE', 'IS', 'NULL', 'TRUE', 'FALSE']);

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|("[^"]+")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(<>|<=|>=|=|<|>)|([()])|([A-Za-z_][A-Za-z0-9_]*))/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Cql2Error(`cannot read the filter at character ${i + 1} ("${text.slice(i, i + 12)}")`);
    const at = i;
    i = re.lastIndex;
    if (m[1]) out.push({ kind: 'string', text: m[1].slice(1, -1).replace(/''/g, "'"), at });
    else if (m[2]) out.push({ kind: 'name', text: m[2].slice(1, -1), at });
    else if (m[3]) out.push({ kind: 'number', text: m[3], at });
    else if (m[4]) out.push({ kind: 'op', text: m[4], at });
    else if (m[5]) out.push({ kind: 'paren', text: m[5], at });
    else if (WORDS.has(m[6].toUpperCase())) out.push({ kind: 'word', text: m[6].toUpperCase(), at });
    else out.push({ kind: 'name', text: m[6], at });
  }
  return out;
}

/** LIKE's % (any run) and _ (one character), anchored, case-sensitive as CQL2 says. */
const likePattern = (p: string) => new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');

function compare(op: string, a: Scalar, b: Scalar): boolean {
  if (a === null || b === null) return false; // a comparison with null is never true (CQL2 follows SQL)
  switch (op) {
    case '=': return a === b;
    case '<>': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

/**
 * Parses a CQL2 text filter against the queryables (name → JSON type). Unknown properties, functions,
 * spatial or temporal operators, and a literal of the wrong type are errors naming what was found.
 */
export function parseCql2(text: string, queryables: ReadonlyMap<string, string>): Predicate {
  const ts = tokens(text);
  let i = 0;
  const peek = () => ts[i];
  const fail = (what: string): never => {
    const t = ts[i];
    throw new Cql2Error(`${what} ${t ? `at character ${t.at + 1} ("${t.text}")` : 'at the end'}; this server takes comparisons (=, <>, <, <=, >, >=), LIKE and IS NULL on queryables, joined with AND, OR and NOT`);
  };
  const literal = (type: string): Scalar => {
    const t = ts[i++];
    if (t?.kind === 'string' && type === 'string') return t.text;
    if (t?.kind === 'number' && (type === 'number' || type === 'integer')) return Number(t.text);
    if (t?.kind === 'word' && (t.text === 'TRUE' || t.text === 'FALSE') && type === 'boolean') return t.text === 'TRUE';
    i--;
    return fail(`expected a ${type} value`);
  };
  const condition = (): Predicate => {
    const t = peek();
    if (t?.kind === 'word' && t.text === 'NOT') {
      i++;
      const inner = condition();
      return (p) => !inner(p);
    }
    if (t?.kind === 'paren' && t.text === '(') {
      i++;
      const inner = disjunction();
      if (peek()?.text !== ')') fail('expected ")"');
      i++;
      return inner;
    }
    if (t?.kind !== 'name') return fail('expected a queryable');
    const type = queryables.get(t.text);
    if (!type) throw new Cql2Error(`"${t.text}" is not a queryable of this collection; see its /queryables`);
    const name = t.text;
    i++;
    const next = ts[i++];
    if (next?.kind === 'op') {
      const value = literal(type);
      return (p) => compare(next.text, p[name] ?? null, value);
    }
    if (next?.kind === 'word' && next.text === 'NOT' && peek()?.text === 'LIKE') {
      i++;
      const re = likePattern(String(literal('string')));
      return (p) => typeof p[name] === 'string' && !re.test(p[name] as string);
    }
    if (next?.kind === 'word' && next.text === 'LIKE') {
      if (type !== 'string') fail(`LIKE needs a string queryable; "${name}" is a ${type}`);
      const re = likePattern(String(literal('string')));
      return (p) => typeof p[name] === 'string' && re.test(p[name] as string);
    }
    if (next?.kind === 'word' && next.text === 'IS') {
      const not = peek()?.text === 'NOT' ? (i++, true) : false;
      if (ts[i++]?.text !== 'NULL') fail('expected NULL');
      return (p) => ((p[name] ?? null) === null) !== not;
    }
    i--;
    return fail('expected a comparison operator');
  };
  /** Parts joined by AND (all must hold) or OR (one must). */
  const joinedBy = (word: 'AND' | 'OR', part: () => Predicate): Predicate => {
    const parts = [part()];
    while (peek()?.kind === 'word' && peek().text === word) {
      i++;
      parts.push(part());
    }
    return word === 'AND' ? (p) => parts.every((f) => f(p)) : (p) => parts.some((f) => f(p));
  };
  const conjunction = () => joinedBy('AND', condition);
  const disjunction = (): Predicate => joinedBy('OR', conjunction);
  if (!ts.length) throw new Cql2Error('is empty');
  const predicate = disjunction();
  if (i < ts.length) fail('unexpected');
  return predicate;
}
