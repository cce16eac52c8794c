import { useState } from 'react';
import type { Account } from '../contract';
import { useSelectionVersion, useSelectionViewVersion, type Selection } from './selection';

// The tick column of the accounts grid, drawn from the Selection store (see selection.ts).

export interface SelectionContext {
  selection: Selection;
  /** Ticks every account of the current view (asks the database for their ids). */
  selectAll(): Promise<void>;
}

// Plain checkboxes: the grid is drawn before Ant Design loads, and a screenful of rows each
// drawing a styled component costs a visible pause whenever the rows change.
const tickStyle = { width: 16, height: 16, margin: 0, verticalAlign: 'middle', accentColor: '#1677ff', cursor: 'pointer' } as const;

export function SelectAllHeader({ context }: { context: SelectionContext }) {
  const { selection } = context;
  useSelectionViewVersion(selection);
  const [busy, setBusy] = useState(false);
  const size = selection.size();
  const all = size > 0 && selection.allOf() === selection.view();
  return (
    <input
      type="checkbox"
      style={tickStyle}
      data-testid="select-all"
      checked={all}
      // "Some ticked": a state only a script can set on a checkbox.
      ref={(box) => {
        if (box) box.indeterminate = size > 0 && !all;
      }}
      disabled={busy}
      onChange={async () => {
        if (all) return selection.clear();
        setBusy(true);
        try {
          await context.selectAll();
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

export function SelectCell({ data, context }: { data?: Account; context: SelectionContext }) {
  const { selection } = context;
  useSelectionVersion(selection);
  if (!data) return null;
  return (
    <input
      type="checkbox"
      style={tickStyle}
      data-testid="row-select"
      aria-label={data.name}
      checked={selection.has(data.id)}
      onChange={(e) => selection.toggle(data.id, e.target.checked)}
    />
  );
}
