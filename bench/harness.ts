// Shared shapes for `npm run bench`. A case measures the product's real path (the same
// handlers the app and CLI call) against a floor: the bare library doing the least work
// that gives the same result, on the same data, in the same run.

export interface BenchCase {
  name: string;
  /** e.g. "100,000 accounts" */
  size: string;
  /** Generates the case's input data under `dir` (once per run of the harness, not timed). */
  prepare(dir: string): Promise<void>;
  /**
   * Puts the data back before each timed run (not timed), e.g. a fresh copy of a book; also
   * loads what only that side uses (the floor's libraries), so neither side pays the other's
   * module loading in its time or its peak memory.
   */
  reset?(dir: string, side: 'product' | 'floor'): Promise<void>;
  product(dir: string): Promise<void>;
  /** Absent for cases measured against a fixed target instead (e.g. grid timings). */
  floor?(dir: string): Promise<void>;
  /**
   * The named timing (from extraTimings) that the ratio compares, when it is not the whole
   * run: e.g. the grid's first rows, where the product's run goes on to sort and filter.
   */
  measure?: string;
  /** A target printed beside the ratio, e.g. "≤ 1.5×" or "< 500 ms". */
  target: string;
  /**
   * Whether a result meets the target, where the target's text is more than a ratio, a
   * peak and one time (which readmeTable.ts reads from the text itself).
   */
  met?(r: CaseResult): boolean;
}

/** One case's medians in a run (what bench/results/latest.json and the README table hold). */
export interface CaseResult {
  case: string;
  size: string;
  productMs: number;
  floorMs: number | null;
  ratio: number | null;
  peakMB: number;
  floorPeakMB: number | null;
  target: string;
  measure?: string;
  extra?: Record<string, number>;
  floorExtra?: Record<string, number>;
}

export interface Measurement {
  ms: number;
  peakMB: number;
  /** Extra named timings a case reports (e.g. the grid's first rows, sort, filter). */
  extra?: Record<string, number>;
}

/** A case may report sub-timings (ms) from inside its runs, counts (keys ending in "Count") and sizes ("Bytes"). */
export const extraTimings: Record<string, number> = {};
