#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, build the renderer, unit/DB/Excel tests (Vitest), end-to-end
// tests (Playwright in Debian's Chromium). Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const results = { passed: 0, failed: 0, skipped: 0 };
// Which tests failed, repeated just above the totals: CI keeps only the tail of the output.
const failures = [];
// Terminal colour codes (ESC [ … m) are removed.
const firstLine = (text) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim()) ?? '';
const steps = [];
fs.mkdirSync('test-results', { recursive: true });

function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  steps.push({ name, ok: r.status === 0, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
  return r.status === 0;
}

// Typecheck and build count as one check each: a broken build fails CI even if no test ran.
for (const [name, script] of [
  ['typecheck', 'typecheck'],
  ['lint (ESLint, no warnings)', 'lint'],
  ['format (Prettier --check)', 'format:check'],
  ['build', 'build:renderer'],
  ['Electron security scan', 'security:scan'],
]) {
  if (run(name, 'npm', ['run', '-s', script])) results.passed++;
  else results.failed++;
}

const vitestJson = 'test-results/unit.json';
fs.rmSync(vitestJson, { force: true });
run('unit, database and Excel tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  results.passed += v.numPassedTests;
  // A suite that failed to load has no failed assertion but must count as a failure.
  const loadFailures = (v.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  results.failed += v.numFailedTests + loadFailures;
  results.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  for (const suite of v.testResults ?? []) {
    const file = path.relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) failures.push(`${file} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    if (suite.status === 'failed' && failedTests.length === 0) failures.push(`${file}: ${firstLine(suite.message)}`);
  }
} else {
  results.failed++;
}

const e2eJson = 'test-results/e2e.json';
fs.rmSync(e2eJson, { force: true });
run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test']);
if (fs.existsSync(e2eJson)) {
  const p = JSON.parse(fs.readFileSync(e2eJson, 'utf8'));
  results.passed += p.stats.expected + (p.stats.flaky ?? 0);
  results.failed += p.stats.unexpected;
  results.skipped += p.stats.skipped;
  if ((p.errors ?? []).length) results.failed += p.errors.length;
  // Say why each skipped test skipped (e.g. no Electron binary on this machine).
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip') console.log(`skipped: ${spec.title} — ${a.description}`);
        if (t.status === 'unexpected')
          failures.push(`${spec.file}:${spec.line} › ${spec.title} [${t.projectName}]: ${firstLine(t.results?.at(-1)?.error?.message)}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of p.suites ?? []) walk(s);
} else {
  results.failed++;
}

if (failures.length) console.log('\nFailed:\n' + failures.map((f) => `  ${f.slice(0, 400)}`).join('\n'));
console.log('\n' + steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`).join('\n'));
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(results.failed === 0 ? 0 : 1);
