// A small Markdown reader for the news editor's preview: paragraphs, ## headings, - and 1. lists,
// > quotes, **bold**, *italic* and [links](https://…). It builds a tree the preview renders as
// elements (never as HTML text), so nothing typed can inject markup. The published article is
// rendered and sanitized by the server; this only shows the editor roughly what it will look like.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'b'; c: Inline[] }
  | { t: 'i'; c: Inline[] }
  | { t: 'a'; href: string; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'h'; level: 2 | 3 | 4; c: Inline[] }
  | { t: 'p'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'quote'; c: Inline[] };

const SAFE_URL = /^(https?:\/\/|mailto:|\/)/i;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\*\*(?=\S)([\s\S]*?\S)\*\*/.exec(rest))) {
      flush();
      out.push({ t: 'b', c: parseInline(m[1]!) });
      i += m[0].length;
    } else if ((m = /^\*(?=\S)([^*]*?\S)\*/.exec(rest)) || (m = /^_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/u.exec(rest))) {
      flush();
      out.push({ t: 'i', c: parseInline(m[1]!) });
      i += m[0].length;
    } else if ((m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest))) {
      flush();
      const href = m[2]!;
      if (SAFE_URL.test(href)) out.push({ t: 'a', href, c: parseInline(m[1]!) });
      else out.push(...parseInline(m[1]!));
      i += m[0].length;
    } else if (rest.startsWith('\n')) {
      flush();
      out.push({ t: 'br' });
      i += 1;
    } else {
      buf += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join('\n')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (!trimmed) {
      flushPara();
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^(#{1,6})\s+(.*)$/.exec(trimmed))) {
      flushPara();
      // An article's title is its h1: headings inside start at h2.
      const level = Math.min(4, Math.max(2, m[1]!.length + (m[1]!.length === 1 ? 1 : 0))) as 2 | 3 | 4;
      blocks.push({ t: 'h', level, c: parseInline(m[2]!.replace(/\s#+$/, '')) });
      continue;
    }
    const bullet = /^[-*+]\s+(.*)$/;
    const numbered = /^\d{1,3}[.)]\s+(.*)$/;
    if (bullet.test(trimmed) || numbered.test(trimmed)) {
      flushPara();
      const kind = bullet.test(trimmed) ? 'ul' : 'ol';
      const re = kind === 'ul' ? bullet : numbered;
      const items: Inline[][] = [];
      while (i < lines.length && re.test(lines[i]!.trim())) {
        items.push(parseInline(re.exec(lines[i]!.trim())![1]!));
        i++;
      }
      i--;
      blocks.push({ t: kind, items });
      continue;
    }
    if (trimmed.startsWith('>')) {
      flushPara();
      const quoted: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('>')) {
        quoted.push(lines[i]!.trim().replace(/^>\s?/, ''));
        i++;
      }
      i--;
      blocks.push({ t: 'quote', c: parseInline(quoted.join('\n')) });
      continue;
    }
    para.push(trimmed);
  }
  flushPara();
  return blocks;
}
