#!/usr/bin/env node
// Runs the Electron security scanner over electron/ and src/ together (its global checks,
// like navigation limits, need both) and fails on any finding that is not named in
// security/electronegativity-allow.json (check, file and flagged line, with a reason), and
// on any entry there that no longer matches a finding. Reads only the scanner's SARIF
// report (scanAllowList.mjs says why). Prints "electronegativity: N findings, N allowed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowListProblems, findingsFromSarif, matchAllowList } from './scanAllowList.mjs';

const root = path.resolve(import.meta.dirname, '..');
const scan = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-scan-'));
const fail = (message) => {
  console.error(message);
  fs.rmSync(scan, { recursive: true, force: true });
  process.exit(1);
};
for (const d of ['electron', 'src']) fs.cpSync(path.join(root, d), path.join(scan, d), { recursive: true });
fs.copyFileSync(path.join(root, 'package.json'), path.join(scan, 'package.json'));
const report = path.join(scan, 'findings.sarif');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const r = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scan, '-e', electronVersion, '-r', '-o', report],
  {
    encoding: 'utf8',
    cwd: scan,
  },
);
if (r.status !== 0 || !fs.existsSync(report))
  fail(`${r.stdout}\n${r.stderr}\nelectronegativity did not produce a report (exit ${r.status})`);

const lines = new Map();
const readLine = (file, line) => {
  const full = path.join(scan, file);
  if (!full.startsWith(scan + path.sep) || !fs.existsSync(full)) return undefined;
  if (!lines.has(file)) lines.set(file, fs.readFileSync(full, 'utf8').split(/\r?\n/));
  return lines.get(file)[line - 1];
};
let findings;
try {
  findings = findingsFromSarif(fs.readFileSync(report, 'utf8'), readLine);
} catch (err) {
  fail(`electronegativity's report could not be read: ${err.message}`);
}
const allow = JSON.parse(fs.readFileSync(path.join(root, 'security/electronegativity-allow.json'), 'utf8'));
const problems = allowListProblems(allow);
for (const p of problems) console.error(`ALLOW-LIST ${p}`);
const { unexplained, unused } = matchAllowList(findings, problems.length ? [] : allow);
for (const u of unexplained) console.error(`UNEXPLAINED ${u.issue} ${u.file}:${u.line} \`${u.lineText}\` — ${u.description}`);
for (const u of unused) console.error(`STALE allow-list entry ${u.issue} ${u.file} \`${u.lineText}\`: no such finding any more; remove it`);
console.log(
  `electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} allowed with a reason, ${unexplained.length} unexplained`,
);
fs.rmSync(scan, { recursive: true, force: true });
process.exit(unexplained.length || unused.length || problems.length ? 1 : 0);
