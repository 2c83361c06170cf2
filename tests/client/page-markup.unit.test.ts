// The pages' own HTML is well formed: every element opened is closed, in order. A stray "./p>" once
// left a paragraph open and printed "/p>" in the sidebar; browsers forgive it silently, so only this sees it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The first unbalanced tag of a page, as "line N: …", or null when every element closes in order. */
function firstUnbalanced(html: string): string | null {
  const text = html.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')).replace(/<script\b[\s\S]*?<\/script>/g, (c) => c.replace(/[^\n]/g, ' '));
  const lineOf = (i: number) => text.slice(0, i).split('\n').length;
  const open: { name: string; at: number }[] = [];
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, raw, selfClosing] = m;
    const name = raw.toLowerCase();
    if (name === '!doctype' || VOID.has(name) || selfClosing) continue;
    if (!closing) open.push({ name, at: m.index });
    else if (open.at(-1)?.name === name) open.pop();
    else return `line ${lineOf(m.index)}: </${name}> closes <${open.at(-1)?.name ?? 'nothing'}> opened on line ${open.length ? lineOf(open.at(-1)!.at) : '-'}`;
  }
  if (open.length) return `line ${lineOf(open.at(-1)!.at)}: <${open.at(-1)!.name}> is never closed`;
  // Text that looks like half a tag ("is./p>") is a tag whose "<" was lost.
  const stray = /[^<\w]\/(p|div|span|section|li|ul|a|h\d)>/.exec(text.replace(/<[^>]*>/g, (t) => ' '.repeat(t.length)));
  return stray ? `line ${lineOf(stray.index)}: stray "${stray[0].slice(1)}"` : null;
}

describe('the pages\' markup', () => {
  for (const page of ['client/index.html', 'client/profile.html'])
    it(`${page} closes every element it opens`, () => {
      expect(firstUnbalanced(readFileSync(page, 'utf8'))).toBeNull();
    });

  it('the check names a lost "<" (the defect it was written for)', () => {
    expect(firstUnbalanced('<section><p class="hint">as every layer is./p>\n</section>')).toMatch(/^line 2: <\/section> closes <p> opened on line 1/);
  });
});
