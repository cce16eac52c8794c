import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temp folder per test; removed by the returned cleanup. */
export function tempDir(prefix = 'sw-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that starts at a fixed instant and ticks 1 ms per reading (deterministic tests). */
export function fixedClock(start = '2026-11-25T04:00:00.000Z', today = '2026-11-25') {
  let t = Date.parse(start);
  return { now: () => new Date(t++).toISOString(), today: () => today };
}

/** For a test file: `dir()` gives a fresh temp folder, removed after the test that made it. */
export function tempDirPerTest(): () => string {
  let cleanup: () => void = () => {};
  afterEach(() => cleanup());
  return () => {
    const t = tempDir();
    cleanup = t.cleanup;
    return t.dir;
  };
}
