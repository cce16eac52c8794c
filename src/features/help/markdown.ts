// A small Markdown reader for the method's pages (docs/<lang>/*.md): headings (with an
// explicit `{#id}` so both languages share anchors), paragraphs, bullet and numbered
// lists, tables, and inline **bold** and `code`. It produces plain data that the help
// drawer renders as React elements: no HTML from the files ever reaches the page.

export type Inline = { kind: 'text' | 'bold' | 'code'; text: string };

export type Block =
  | { kind: 'heading'; level: number; id: string; text: Inline[] }
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] };

const HEADING = /^(#{1,4})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*(?:\d+)[.)]\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** `**bold**` and `` `code` ``; everything else is text (asterisks that do not pair stay). */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > last) out.push({ kind: 'text', text: s.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'bold', text: m[1] } : { kind: 'code', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()));

/** Slug for a heading without an explicit id (ASCII words; the explicit id is preferred). */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items: list.items.map(parseInline) });
    para = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = HEADING.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1]!.length, id: h[3] ?? slug(h[2]!), text: parseInline(h[2]!) });
      continue;
    }
    if (line.trim().startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      flush();
      const header = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim().startsWith('|')) rows.push(cells(lines[i++]!));
      i--;
      blocks.push({ kind: 'table', header, rows });
      continue;
    }
    const b = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (b) {
      const ordered = !BULLET.test(line);
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, start: ordered ? parseInt(line, 10) : 1, items: [] };
      list.items.push(b[1]!);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    // A continuation line of a list item (indented) joins it; otherwise it is paragraph text.
    if (list && /^\s+/.test(line)) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The blocks of one section: its heading and everything up to the next heading of the same or a higher level. */
export function sectionOf(blocks: Block[], id: string): Block[] | null {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.id === id);
  if (start < 0) return null;
  const level = (blocks[start] as { level: number }).level;
  let end = start + 1;
  while (end < blocks.length) {
    const b = blocks[end]!;
    if (b.kind === 'heading' && b.level <= level) break;
    end++;
  }
  return blocks.slice(start, end);
}

/** Every heading id of a page (for checking that both languages have the same sections). */
export function headingIds(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'heading' ? [b.id] : []));
}
