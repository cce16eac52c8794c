#!/usr/bin/env node
// Runs the Electron security scanner over electron/ and src/ together (its global checks,
// like navigation limits, need both) and fails on any finding that is not explained in
// security/electronegativity-allow.json. Prints "electronegativity: N findings, N allowed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(import.meta.dirname, '..');
const scan = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-scan-'));
for (const d of ['electron', 'src']) fs.cpSync(path.join(root, d), path.join(scan, d), { recursive: true });
fs.copyFileSync(path.join(root, 'package.json'), path.join(scan, 'package.json'));
const csv = path.join(scan, 'findings.csv');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scan, '-e', electronVersion, '-r', '-o', csv], {
  encoding: 'utf8',
  cwd: scan,
});
if (!fs.existsSync(csv)) {
  console.error(r.stdout, r.stderr);
  console.error('electronegativity did not produce a report');
  process.exit(1);
}
const rows = parse(fs.readFileSync(csv, 'utf8'), { columns: true, trim: true, relax_quotes: true });
const allow = JSON.parse(fs.readFileSync(path.join(root, 'security/electronegativity-allow.json'), 'utf8'));
const norm = (f) => f.replace(/^\.?\/?/, '');
const unexplained = rows.filter((row) => !allow.some((a) => a.issue === row.issue && norm(row.filename ?? '') === a.file && a.reason?.length > 20));
for (const u of unexplained) console.error(`UNEXPLAINED ${u.issue} ${u.severity} ${u.filename}:${u.location} — ${u.description}`);
console.log(`electronegativity: ${rows.length} findings, ${rows.length - unexplained.length} allowed with a reason, ${unexplained.length} unexplained`);
fs.rmSync(scan, { recursive: true, force: true });
process.exit(unexplained.length ? 1 : 0);
