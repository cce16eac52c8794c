import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, channelNames } from '../../src/app/contract';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { tempDir } from '../db/helpers';

// Every channel of the contract, one by one: malformed arguments get a typed
// 'invalid-input' error before any handler runs — whatever the renderer (or a page that
// got into it) sends.
let ctx: ServerContext;
let t: { dir: string; cleanup(): void };
const registry = createRegistry();
beforeAll(async () => {
  t = tempDir();
  ctx = await openBook(path.join(t.dir, 'b.sqlite'), { demo: true });
});
afterAll(() => {
  ctx.db.close();
  t.cleanup();
});

const specs = contract as unknown as Record<string, { input: z.ZodType }>;

describe.each(channelNames.map((c) => [c]))('channel %s', (channel) => {
  it('rejects wrong types', async () => {
    for (const bad of [42, 'text', [1, 2], true]) {
      const r = await registry.invoke(ctx, channel, bad);
      expect(r, `${channel} accepted ${JSON.stringify(bad)}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
  it('rejects an unknown extra field (strict objects)', async () => {
    const r = await registry.invoke(ctx, channel, { __unexpected__: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-input');
  });
  it('rejects a prototype-pollution payload', async () => {
    const r = await registry.invoke(ctx, channel, JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'));
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('has a strict object input schema', () => {
    const schema = specs[channel]!.input;
    // Unknown keys must be errors, never silently dropped: check with a probe key.
    const shape = schema.safeParse({ __probe__: 1 });
    expect(shape.success, `${channel} input ignores unknown keys`).toBe(false);
  });
});

describe('huge and out-of-range values', () => {
  it('refuses huge strings and negative money where not allowed', async () => {
    const [a] = await registry.call<{ id: string }[]>(ctx, 'accounts:list', {});
    const huge = 'x'.repeat(5_000_000);
    for (const patch of [
      { name: huge },
      { notes: huge },
      { sales: -1 },
      { salesLastYear: -100 },
      { sales: 1.5 },
      { sales: Number.MAX_SAFE_INTEGER * 4 },
      { lastVisit: '2026-13-45x' },
      { grade: 'Z' },
    ]) {
      const r = await registry.invoke(ctx, 'accounts:update', { id: a!.id, patch });
      expect(r, JSON.stringify(patch).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await registry.invoke(ctx, 'accounts:update', { id: 'not-a-uuid', patch: {} })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await registry.invoke(ctx, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('file paths', () => {
  const withFile = channelNames.filter((c) => {
    const s = specs[c]!.input as unknown as { shape?: Record<string, unknown> };
    return !!s.shape && 'file' in s.shape;
  });
  it('every channel that reads or writes a file takes a token, never a path', async () => {
    expect(withFile.length).toBeGreaterThan(0);
    for (const c of withFile) {
      for (const p of ['/etc/passwd', '../../book.sqlite', 'C:\\Windows\\win.ini', path.join(t.dir, 'b.sqlite')]) {
        const r = await registry.invoke(ctx, c, { file: p });
        expect(r, `${c} with ${p}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
    }
  });
  it('an unknown or wrong-mode token is refused', async () => {
    const read = ctx.files.register(path.join(t.dir, 'x.xlsx'), 'read');
    const r1 = await registry.invoke(ctx, 'accounts:export', { file: read.token });
    expect(r1).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const r2 = await registry.invoke(ctx, 'accounts:export', { file: 'A'.repeat(24) });
    expect(r2).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
