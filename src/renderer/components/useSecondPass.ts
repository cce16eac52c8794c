import { startTransition, useEffect, useState } from 'react';

/**
 * False until `ready` has first been true and the screen has drawn it, then true for good.
 * A chart screen mounts its tables and lists behind it: the chart, the screen's answer,
 * commits (and ECharts draws it) without waiting on them, and the rest follows in a
 * transition a pass later. From then on they render with each new answer, in the same
 * pass as the chart, so they never show a previous one.
 */
export function useSecondPass(ready: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (ready && !shown) startTransition(() => setShown(true));
  }, [ready, shown]);
  return shown;
}
