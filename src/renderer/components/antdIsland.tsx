import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { firstScreenShown } from './firstScreen';

/**
 * A component drawn with Ant Design, loaded on first render inside its own AntdScope. With
 * `afterFirstScreen`, its code is asked for only once the opening screen's rows are shown
 * (./firstScreen.ts): the parts of the accounts screen around its grid. Render it inside a
 * Suspense whose fallback keeps its place.
 */
export function antdIsland<P extends object>(
  load: () => Promise<ComponentType<P>>,
  opts: { afterFirstScreen?: boolean } = {},
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    if (opts.afterFirstScreen) await firstScreenShown();
    const [Component, { withAntdScope }] = await Promise.all([load(), import('./AntdScope')]);
    return { default: withAntdScope(Component) };
  });
}
