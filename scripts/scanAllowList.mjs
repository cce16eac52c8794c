// The Electron scan's findings and its allow-list, as pure functions (test/unit/scanAllowList.test.ts).
//
// The scanner's CSV report was written by two racing async writes (header, then rows
// appended), so it was sometimes garbled ("CsvError: Invalid Record Length"); its SARIF
// report is one JSON write, so only that is read. Nothing it prints is parsed (it prints
// network errors on machines without internet).
//
// An allow-list entry names one finding: the check (issue), the file, and the text of the
// flagged line (the report gives its line; the text survives edits elsewhere in the file).
// A new finding of an allowed kind, on another line or a second one on a line of the same
// text, is not covered and fails the scan; so does an entry that no longer matches anything.

/**
 * @typedef {{ issue: string, file: string, line: number, lineText: string, description: string }} Finding
 * @typedef {{ issue: string, file: string, lineText: string, reason: string }} AllowEntry
 */

/** The flagged line, trimmed with its inner runs of blanks made single (indentation is not part of it). */
export function normaliseLine(text) {
  return String(text ?? '')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * Findings from the SARIF text. `readLine(file, line)` gives the text of a 1-based line of a
 * scanned file (or undefined). Throws on anything that is not the scanner's report.
 * @param {string} sarifText
 * @param {(file: string, line: number) => string | undefined} readLine
 * @returns {Finding[]}
 */
export function findingsFromSarif(sarifText, readLine) {
  const report = JSON.parse(sarifText);
  const run = report?.runs?.[0];
  if (report?.version !== '2.1.0' || !Array.isArray(run?.results)) throw new Error('not a SARIF 2.1.0 report with results');
  return run.results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const file = String(loc?.artifactLocation?.uri ?? 'N/A').replace(/^\.?\//, '');
    const line = Number(loc?.region?.startLine ?? 0);
    if (typeof r.ruleId !== 'string' || !r.ruleId) throw new Error('a finding without its check name');
    return { issue: r.ruleId, file, line, lineText: normaliseLine(readLine(file, line)), description: String(r.message?.text ?? '') };
  });
}

/**
 * Entries that are not usable (no line text, or no real reason) are errors of the list itself.
 * @param {AllowEntry[]} allow
 * @returns {string[]}
 */
export function allowListProblems(allow) {
  if (!Array.isArray(allow)) return ['the allow-list is not an array'];
  return allow.flatMap((a, i) => {
    const problems = [];
    for (const key of ['issue', 'file', 'lineText', 'reason'])
      if (typeof a?.[key] !== 'string' || !a[key].trim()) problems.push(`entry ${i + 1} has no ${key}`);
    if (typeof a?.reason === 'string' && a.reason.trim().length <= 20) problems.push(`entry ${i + 1} (${a.issue}) gives no real reason`);
    return problems;
  });
}

/**
 * Each entry explains one finding (the same check on the same line text twice needs two
 * entries), so a second finding of an allowed kind is never covered by the first one's entry.
 * @param {Finding[]} findings
 * @param {AllowEntry[]} allow
 * @returns {{ unexplained: Finding[], unused: AllowEntry[] }}
 */
export function matchAllowList(findings, allow) {
  const matches = (f, a) => a.issue === f.issue && a.file === f.file && normaliseLine(a.lineText) === f.lineText && f.lineText !== '';
  const used = new Set();
  const unexplained = findings.filter((f) => {
    const i = allow.findIndex((a, j) => !used.has(j) && matches(f, a));
    if (i < 0) return true;
    used.add(i);
    return false;
  });
  return { unexplained, unused: allow.filter((_, j) => !used.has(j)) };
}
