import { describe, expect, it, vi } from 'vitest';
import { preloadable, settledWithin } from './preloadable';

// A chunk started early is downloaded once, and once there is handed to React.lazy in the
// same call (React.lazy suspends on any promise, even a settled one).

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('preloadable', () => {
  it('loads once, however often it is started or asked for', async () => {
    let loads = 0;
    const view = preloadable(async () => ({ default: ++loads }));
    view.start();
    view.start();
    await view.settled();
    await view.lazy();
    expect(loads).toBe(1);
  });

  it('once arrived, lazy() answers within the call; before, when it arrives', async () => {
    let release!: (m: { default: string }) => void;
    const view = preloadable(() => new Promise<{ default: string }>((r) => (release = r)));
    const seen: string[] = [];
    void view.lazy().then((m) => seen.push(`early ${m.default}`));
    expect(seen).toEqual([]);
    release({ default: 'page' });
    await tick();
    expect(seen).toEqual(['early page']);
    void view.lazy().then((m) => seen.push(`now ${m.default}`));
    expect(seen).toEqual(['early page', 'now page']); // synchronously
  });

  it('a failed download settles (the shell still renders) and lazy() reports the failure', async () => {
    const view = preloadable(() => Promise.reject(new Error('offline')));
    await expect(view.settled()).resolves.toBeUndefined();
    await expect(new Promise((ok, fail) => void view.lazy().then(ok, fail))).rejects.toThrow('offline');
  });
});

describe('settledWithin', () => {
  it('resolves when the download settles, or at the cap when it stalls', async () => {
    vi.useFakeTimers();
    try {
      const order: string[] = [];
      let arrive!: () => void;
      void settledWithin(new Promise<void>((r) => (arrive = r)), 1500).then(() => order.push('arrived'));
      void settledWithin(new Promise(() => {}), 1500).then(() => order.push('stalled'));
      void settledWithin(Promise.reject(new Error('offline')), 1500).then(() => order.push('failed'));
      await vi.advanceTimersByTimeAsync(100);
      expect(order).toEqual(['failed']);
      arrive();
      await vi.advanceTimersByTimeAsync(0);
      expect(order).toEqual(['failed', 'arrived']);
      await vi.advanceTimersByTimeAsync(1399);
      expect(order).toEqual(['failed', 'arrived']);
      await vi.advanceTimersByTimeAsync(1);
      expect(order).toEqual(['failed', 'arrived', 'stalled']);
    } finally {
      vi.useRealTimers();
    }
  });
});
