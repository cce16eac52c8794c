import { useState } from 'react';

/**
 * True from the first render where `open` is true on: a lazily loaded dialog is mounted
 * (and its code fetched) only once the user opens it, and then stays mounted so it keeps
 * its state and closes with its animation.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [used, setUsed] = useState(open);
  if (open && !used) setUsed(true);
  return used || open;
}
