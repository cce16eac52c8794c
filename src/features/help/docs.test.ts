import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingIds, parseInline, parseMarkdown, sectionOf } from './markdown';
import { DOC_LANGS, DOC_PAGES, HELP_SECTIONS } from './sections';

const docs = path.resolve(import.meta.dirname, '../../../docs');
const read = (lang: string, page: string) => fs.readFileSync(path.join(docs, lang, `${page}.md`), 'utf8');

describe('the method in docs/', () => {
  it.each(Object.entries(HELP_SECTIONS))('the "?" of %s opens a section that exists in both languages', (_screen, { page, id }) => {
    for (const lang of DOC_LANGS) {
      const section = sectionOf(parseMarkdown(read(lang, page)), id);
      expect(section, `docs/${lang}/${page}.md has no heading {#${id}}`).not.toBeNull();
      // A heading and some text under it, not an empty placeholder.
      expect(section!.length, `docs/${lang}/${page}.md#${id} is empty`).toBeGreaterThan(1);
    }
  });

  it.each(DOC_PAGES.map((p) => [p]))('%s has the same sections, in the same order, in English and Chinese', (page) => {
    expect(headingIds(parseMarkdown(read('zh-CN', page)))).toEqual(headingIds(parseMarkdown(read('en', page))));
  });

  it('every page in docs/ is one the app knows, and the README links each', () => {
    const readme = fs.readFileSync(path.join(docs, 'README.md'), 'utf8');
    for (const lang of DOC_LANGS) {
      const files = fs
        .readdirSync(path.join(docs, lang))
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.replace(/\.md$/, ''))
        .sort();
      expect(files).toEqual([...DOC_PAGES].sort());
      for (const page of DOC_PAGES) expect(readme).toContain(`(${lang}/${page}.md)`);
    }
  });
});

describe('the Markdown reader', () => {
  it('reads headings with ids, paragraphs, both kinds of list, tables, bold and code', () => {
    const blocks = parseMarkdown(
      '# Title {#t}\n\nSome **bold** and `code`\ncontinued.\n\n- one\n  more\n- two\n\n0. first\n1. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Next {#n}\ntext',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'table', 'heading', 'paragraph']);
    expect(blocks[0]).toMatchObject({ level: 1, id: 't', text: [{ kind: 'text', text: 'Title' }] });
    expect(blocks[1]).toMatchObject({
      text: [
        { kind: 'text', text: 'Some ' },
        { kind: 'bold', text: 'bold' },
        { kind: 'text', text: ' and ' },
        { kind: 'code', text: 'code' },
        { kind: 'text', text: ' continued.' },
      ],
    });
    expect(blocks[2]).toMatchObject({ ordered: false, items: [[{ text: 'one more' }], [{ text: 'two' }]] });
    expect(blocks[3]).toMatchObject({ ordered: true, start: 0 });
    expect(blocks[4]).toMatchObject({ header: [[{ text: 'a' }], [{ text: 'b' }]], rows: [[[{ text: '1' }], [{ text: '2' }]]] });
    expect(sectionOf(blocks, 'n')).toHaveLength(2);
    expect(sectionOf(blocks, 't')).toHaveLength(7);
  });

  it('keeps HTML as text: nothing in a page becomes markup', () => {
    const inline = parseInline('<img src=x onerror=alert(1)> **<b>x</b>**');
    expect(inline).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> ' },
      { kind: 'bold', text: '<b>x</b>' },
    ]);
  });
});
