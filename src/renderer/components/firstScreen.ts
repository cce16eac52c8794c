// The accounts screen (where most sessions open) shows its rows before Ant Design arrives:
// its grid is React and ag-grid alone, and the toolbar, the header's controls and the
// dialogs — everything drawn with Ant Design — load once the first rows are on screen.
// Loaded together, Ant Design (about 0.55 MB of script) was compiled and run ahead of the
// rows; loaded after them, the rows show sooner and the controls follow a moment later, in
// places kept for them so nothing moves.
//
// Every other screen is drawn with Ant Design from the start: opening on one of them, there
// is nothing to wait for.

/** How long the controls wait for the rows at most: a grid that cannot answer still gets its toolbar. */
export const FIRST_SCREEN_WAIT_MS = 2000;

let release!: () => void;
const shown = new Promise<void>((resolve) => (release = resolve));

/** Resolves once the opening screen's main content is on screen (at once, unless it is the accounts grid). */
export function firstScreenShown(): Promise<void> {
  return shown;
}

/** The accounts grid's first answer is drawn: the controls may load now. */
export function markFirstScreenShown(): void {
  release();
}

/** Called by the page's entry with the area opening. */
export function openingOn(area: string): void {
  if (area === 'accounts') setTimeout(release, FIRST_SCREEN_WAIT_MS);
  else release();
}
