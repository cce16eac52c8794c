import { createElement, type ReactNode } from 'react';
import type { AbstractNode, IconDefinition } from '@ant-design/icons-svg/es/types';

// Ant Design's icons drawn from their SVG definitions alone (@ant-design/icons-svg, what
// @ant-design/icons draws from), for the parts of the first screen that load before Ant
// Design: the menu and the grid's cells. Same glyphs, same 1em size, the text's colour.

function draw(node: AbstractNode, key: number): ReactNode {
  return createElement(node.tag, { key, ...node.attrs }, node.children?.map(draw));
}

export function SvgIcon({ icon }: { icon: IconDefinition }) {
  const root = typeof icon.icon === 'function' ? icon.icon('currentColor', '#e6f4ff') : icon.icon;
  return (
    <span role="img" aria-hidden="true" className="sw-icon">
      {createElement('svg', { ...root.attrs, width: '1em', height: '1em', fill: 'currentColor' }, root.children?.map(draw))}
    </span>
  );
}
