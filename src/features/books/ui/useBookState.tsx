import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { call } from '../../../renderer/api/client';
import { takeArrived, takeEarly } from '../../../renderer/api/early';
import type { BookState } from '../contract';

const BookContext = createContext<BookState | null>(null);
const RefreshContext = createContext<() => Promise<void>>(async () => {});

/**
 * Asks which book is open before the app shell renders: on the first start (none open) the
 * first-start choice shows instead of the shell.
 */
export function BookGate({ firstStart, loading, children }: { firstStart: ReactNode; loading: ReactNode; children: ReactNode }) {
  // The entry (main.tsx) asked for the state before React loaded: usually it is here already.
  const [arrived] = useState(() => takeArrived('books:state', {}));
  const [state, setState] = useState<BookState | null>(arrived ?? null);
  const [failed, setFailed] = useState<string | null>(null);
  const refresh = useCallback(async () => setState(await call('books:state', {})), []);
  useEffect(() => {
    if (arrived) return;
    takeEarly('books:state', {}).then(setState, (e: Error) => setFailed(e.message));
  }, [arrived]);
  if (failed) return <pre style={{ padding: 24 }}>{failed}</pre>;
  if (!state) return loading;
  if (!state.open) return firstStart;
  return (
    <RefreshContext.Provider value={refresh}>
      <BookContext.Provider value={state}>{children}</BookContext.Provider>
    </RefreshContext.Provider>
  );
}

/** Reads the open book's state again (after its name changed in Settings). */
export function useBookRefresh(): () => Promise<void> {
  return useContext(RefreshContext);
}

/** The open book (its name, whether it is the demo, the other books). */
export function useBook(): BookState {
  const b = useContext(BookContext);
  if (!b) throw new Error('useBook outside BookGate');
  return b;
}
