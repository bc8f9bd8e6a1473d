// Text helpers of the member's notice screens (pure; notices.test.ts).

// The first words of the text on one line, for the list: cut at a word, with "…".
export function snippet(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
