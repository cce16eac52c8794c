import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/app/handlers';
import { PLATFORM_CHANNELS } from '../../src/platform/systemHandlers';

// A channel declared in the contract without a handler would compile in a Partial map and
// fail only when called ("not available here"). The handler maps are typed complete, and
// this checks the registry the app builds: every channel is answered, except those each
// platform answers itself (file dialogs).
describe('the registry answers every channel of the contract', () => {
  it('has a handler for every channel but the platform-answered ones', () => {
    const registry = createRegistry();
    const missing = registry.channels().filter((c) => !registry.has(c));
    expect(missing.sort()).toEqual([...PLATFORM_CHANNELS].sort());
    expect(registry.channels().length).toBeGreaterThan(100);
  });
});
