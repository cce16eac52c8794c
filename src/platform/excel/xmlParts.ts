import path from 'node:path/posix';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../shared/errors';
import { byteSize, readerLimits, tooLarge } from './readerLimits';

// The XML plumbing of the .xlsx reader: a SAX parser guarded by the reader's limits (depth
// and token size), a part's relationships, and how a parse failure is told to the user.
// The reader (xlsxReader.ts) says what the parts mean; this says how they are read safely.

export interface Rel {
  id: string;
  type: string;
  target: string;
}

export function parseRels(xml: string, baseDir: string, what: string): Rel[] {
  const rels: Rel[] = [];
  const p = guardedParser(what, 'relationships', {
    open(tag) {
      if (localName(tag.name) !== 'Relationship') return;
      const target = tag.attributes.Target ?? '';
      if (tag.attributes.TargetMode === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : path.normalize(path.join(baseDir, target));
      rels.push({ id: tag.attributes.Id ?? '', type: tag.attributes.Type ?? '', target: resolved });
    },
  });
  try {
    p.write(xml, xml.length);
    p.close();
  } catch (err) {
    throw asBadFile(err, what);
  }
  return rels;
}

export async function parseXml(stream: NodeJS.ReadableStream, what: string, part: string, handlers: XmlHandlers): Promise<void> {
  const parser = guardedParser(what, part, handlers);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) parser.write(decoder.write(chunk as Buffer), (chunk as Buffer).length);
    parser.write(decoder.end(), 0);
    parser.close();
  } catch (err) {
    throw asBadFile(err, what);
  }
}

type PlainXml = { xmlns: false; position: false };

export interface XmlHandlers {
  open?(tag: SaxesTagPlain): void;
  close?(tag: SaxesTagPlain): void;
  text?(text: string): void;
}

/**
 * A SAX parser (without namespace processing — prefixes are stripped by localName — or
 * positions: faster) that refuses XML nested deeper than readerLimits.xmlDepth or with a
 * run of bytes longer than readerLimits.xmlTokenBytes between tag boundaries: saxes keeps
 * every open tag and the whole of a text or attribute in memory until it ends.
 * `write` takes the chunk's byte length to count the run.
 */
export function guardedParser(
  what: string,
  part: string,
  handlers: XmlHandlers,
): { write(text: string, bytes: number): void; close(): void } {
  const p = new SaxesParser<PlainXml>({ xmlns: false, position: false });
  let depth = 0;
  let fed = 0;
  let lastBoundary = 0;
  p.on('opentag', (tag) => {
    if (++depth > readerLimits.xmlDepth)
      throw tooLarge(what, `its part ${part} nests XML elements more than ${readerLimits.xmlDepth} deep, the limit`);
    lastBoundary = fed;
    handlers.open?.(tag);
  });
  p.on('closetag', (tag) => {
    depth--;
    lastBoundary = fed;
    handlers.close?.(tag);
  });
  const onText = (text: string) => {
    lastBoundary = fed;
    handlers.text?.(text);
  };
  p.on('text', onText);
  p.on('cdata', onText);
  return {
    write(text, bytes) {
      if (fed - lastBoundary > readerLimits.xmlTokenBytes) {
        throw tooLarge(
          what,
          `its part ${part} has a text, tag or attribute longer than ${byteSize(readerLimits.xmlTokenBytes)}, the limit`,
        );
      }
      fed += bytes;
      p.write(text);
    },
    close() {
      p.close();
    },
  };
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function attr(tag: SaxesTagPlain, local: string): string | undefined {
  for (const [k, v] of Object.entries(tag.attributes)) if (localName(k) === local && k !== local) return v;
  return tag.attributes[local];
}

export function asBadFile(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('Z_') || /incorrect header|invalid|unexpected end/i.test(msg)) {
    return new AppError('bad-file', `${what} is damaged (its compressed data cannot be read: ${msg}). Save it again from Excel and retry.`);
  }
  return new AppError('bad-file', `${what} is damaged (the sheet's XML cannot be read: ${msg}).`);
}
