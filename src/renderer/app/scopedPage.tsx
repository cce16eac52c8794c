import type { ComponentType } from 'react';
import { AntdScope } from '../components/AntdScope';

/** An area's page inside its own Ant Design scope (see components/firstScreen.ts); made once per page by ./areaPages. */
export function inAntdScope(Page: ComponentType): ComponentType {
  const Scoped = () => (
    <AntdScope>
      <Page />
    </AntdScope>
  );
  Scoped.displayName = `InAntdScope(${Page.displayName ?? Page.name})`;
  return Scoped;
}
