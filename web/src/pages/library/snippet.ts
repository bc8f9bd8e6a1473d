// Search snippets arrive as HTML-escaped text in which matches are wrapped in <mark>…</mark>, the
// only markup. They are never given to innerHTML: split here into plain text parts, each marked
// or not, and rendered as text nodes — so even a snippet that broke the rule shows as text.

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// The entities an HTML escaper produces (&amp; &lt; &gt; &quot; &#39; and numeric ones).
export function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  const push = (raw: string) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  const re = /<(\/?)mark>/gi;
  let at = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    push(snippet.slice(at, m.index));
    mark = m[1] !== '/';
    at = m.index + m[0].length;
  }
  push(snippet.slice(at));
  return parts;
}
