// Types for scanAllowList.mjs (a plain script module, imported by its unit test).
export interface Finding {
  issue: string;
  file: string;
  line: number;
  lineText: string;
  description: string;
}
export interface AllowEntry {
  issue: string;
  file: string;
  lineText: string;
  reason: string;
}
export function normaliseLine(text: string | undefined): string;
export function findingsFromSarif(sarifText: string, readLine: (file: string, line: number) => string | undefined): Finding[];
export function allowListProblems(allow: unknown): string[];
export function matchAllowList(findings: Finding[], allow: AllowEntry[]): { unexplained: Finding[]; unused: AllowEntry[] };
