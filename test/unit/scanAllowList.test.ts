import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowListProblems, findingsFromSarif, matchAllowList, type AllowEntry } from '../../scripts/scanAllowList.mjs';

// The Electron scan reads only the scanner's SARIF report and allows a finding only when an
// entry names its check, file and flagged line. The report below has the shape
// electronegativity 1.10 writes (-o findings.sarif -r).
const sarif = (results: { ruleId: string; uri: string; line: number }[]) =>
  JSON.stringify({
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', rules: [] } },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          level: 'warning',
          message: { text: `${r.ruleId} description` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: r.uri }, region: { startLine: r.line, startColumn: 7, charLength: 21 } } },
          ],
        })),
      },
    ],
  });

const files: Record<string, string[]> = {
  'electron/main/window.ts': [
    'import x;',
    '',
    '  webPreferences: {',
    '      preload: preloadPath,',
    '  }',
    '    preload:   otherPreload,',
    '      preload: preloadPath,',
  ],
  'src/renderer/index.html': ['<!doctype html>', '    <meta', '      http-equiv="Content-Security-Policy"'],
};
const readLine = (file: string, line: number) => files[file]?.[line - 1];
const allow: AllowEntry[] = [
  {
    issue: 'PRELOAD_JS_CHECK',
    file: 'electron/main/window.ts',
    lineText: 'preload: preloadPath,',
    reason: 'the preload exposes only the contract channels',
  },
  {
    issue: 'CSP_GLOBAL_CHECK',
    file: 'src/renderer/index.html',
    lineText: '<meta',
    reason: "style-src 'unsafe-inline' for Ant Design and ag-grid",
  },
];
const current = [
  { ruleId: 'PRELOAD_JS_CHECK', uri: 'electron/main/window.ts', line: 4 },
  { ruleId: 'CSP_GLOBAL_CHECK', uri: 'src/renderer/index.html', line: 2 },
];

describe('Electron scan allow-list', () => {
  it('reads the findings with the text of the flagged line, and allows the named ones', () => {
    const findings = findingsFromSarif(sarif(current), readLine);
    expect(findings.map((f) => [f.issue, f.file, f.line, f.lineText])).toEqual([
      ['PRELOAD_JS_CHECK', 'electron/main/window.ts', 4, 'preload: preloadPath,'],
      ['CSP_GLOBAL_CHECK', 'src/renderer/index.html', 2, '<meta'],
    ]);
    expect(matchAllowList(findings, allow)).toEqual({ unexplained: [], unused: [] });
  });

  it('fails a new finding of an allowed kind in an allowed file, on another line', () => {
    const findings = findingsFromSarif(
      sarif([...current, { ruleId: 'PRELOAD_JS_CHECK', uri: 'electron/main/window.ts', line: 6 }]),
      readLine,
    );
    const r = matchAllowList(findings, allow);
    expect(r.unexplained.map((f) => [f.issue, f.line, f.lineText])).toEqual([['PRELOAD_JS_CHECK', 6, 'preload: otherPreload,']]);
  });

  it('fails a second finding on a line of the same text: one entry explains one finding', () => {
    const findings = findingsFromSarif(
      sarif([...current, { ruleId: 'PRELOAD_JS_CHECK', uri: 'electron/main/window.ts', line: 7 }]),
      readLine,
    );
    expect(matchAllowList(findings, allow).unexplained.map((f) => f.line)).toEqual([7]);
  });

  it('fails the same check in another file, and another check on an allowed line', () => {
    const findings = findingsFromSarif(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', uri: 'electron/main/other.ts', line: 4 },
        { ruleId: 'NODE_INTEGRATION_HTML_SCAN', uri: 'electron/main/window.ts', line: 4 },
      ]),
      (f, l) => readLine(f === 'electron/main/other.ts' ? 'electron/main/window.ts' : f, l),
    );
    const r = matchAllowList(findings, allow);
    expect(r.unexplained).toHaveLength(2);
    // ...and the entries that matched nothing are reported as stale.
    expect(r.unused).toEqual(allow);
  });

  it('never allows a finding whose line cannot be read (moved file, global check without a place)', () => {
    const findings = findingsFromSarif(sarif([{ ruleId: 'CSP_GLOBAL_CHECK', uri: 'N/A', line: 1 }]), readLine);
    expect(findings[0]!.lineText).toBe('');
    expect(matchAllowList(findings, [{ ...allow[1]!, file: 'N/A', lineText: '' }]).unexplained).toHaveLength(1);
  });

  it('refuses anything that is not the report (the console chatter, a garbled CSV) with a clear error', () => {
    expect(() => findingsFromSarif("Something went wrong while fetching Electron's releases. No connectivity?", readLine)).toThrow(
      SyntaxError,
    );
    expect(() =>
      findingsFromSarif('issue, severity, confidence, filename, location, sample, description, url\nCSP_GLOBAL_CHECK,"LOW"', readLine),
    ).toThrow();
    expect(() => findingsFromSarif('{"version":"2.1.0","runs":[]}', readLine)).toThrow(/not a SARIF 2.1.0 report/);
  });

  it('checks the list itself: every entry names check, file, line text and a reason', () => {
    expect(allowListProblems(allow)).toEqual([]);
    expect(
      allowListProblems([{ issue: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts', reason: 'a long enough reason for it' }]),
    ).toEqual(['entry 1 has no lineText']);
    expect(allowListProblems([{ ...allow[0]!, reason: 'ok' }])).toEqual(['entry 1 (PRELOAD_JS_CHECK) gives no real reason']);
    expect(allowListProblems({})).toEqual(['the allow-list is not an array']);
  });

  it("the project's allow-list is well-formed", () => {
    expect(allowListProblems(JSON.parse(fs.readFileSync('security/electronegativity-allow.json', 'utf8')))).toEqual([]);
  });
});
