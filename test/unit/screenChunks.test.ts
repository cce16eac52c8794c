import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { barrelTarget, namedImports, staticModules } from '../../scripts/screenChunks';

// How the renderer is cut into files follows what each module really imports: through
// Ant Design's index file, only the components a module names (the build's outcome is held
// by firstDownload.test.ts).
const nm = (p: string) => path.join('/app/node_modules', p);
const src = (p: string) => path.join('/app/src', p);
const modules: Record<string, { importedIds: string[]; code: string }> = {
  [src('page.tsx')]: {
    importedIds: [nm('antd/es/index.js'), src('util.ts')],
    code: "import { Button, type ButtonProps, Input as AntInput } from 'antd';\nimport type { Table } from 'antd';\nimport { x } from './util';",
  },
  [src('util.ts')]: { importedIds: [], code: 'export const x = 1;' },
  [nm('antd/es/index.js')]: {
    importedIds: [nm('antd/es/button/index.js'), nm('antd/es/input/index.js'), nm('antd/es/table/index.js')],
    code: "export { default as Button } from './button';\nexport { default as Input } from './input';\nexport { default as Table } from './table';",
  },
  [nm('antd/es/button/index.js')]: { importedIds: [nm('antd/es/_util/wave.js')], code: '' },
  [nm('antd/es/_util/wave.js')]: { importedIds: [], code: '' },
  [nm('antd/es/input/index.js')]: { importedIds: [], code: '' },
  [nm('antd/es/table/index.js')]: { importedIds: [], code: '' },
};
const ctx = { getModuleInfo: (id: string) => modules[id] ?? null };

describe('cutting the renderer by screen', () => {
  it('reads the names a module imports, types aside', () => {
    expect(namedImports(modules[src('page.tsx')]!.code, 'antd')).toEqual(['Button', 'Input']);
  });

  it('finds the file an index re-exports a component from', () => {
    expect(barrelTarget(ctx, nm('antd/es/index.js'), 'Input')).toBe(nm('antd/es/input/index.js'));
    expect(barrelTarget(ctx, nm('antd/es/index.js'), 'Nope')).toBeUndefined();
  });

  it("follows a library's index only to the components named, and its own imports whole", () => {
    const got = staticModules(ctx, [src('page.tsx')], () => false);
    expect([...got].sort()).toEqual(
      [src('page.tsx'), src('util.ts'), nm('antd/es/button/index.js'), nm('antd/es/_util/wave.js'), nm('antd/es/input/index.js')].sort(),
    );
    expect(got.has(nm('antd/es/table/index.js'))).toBe(false);
    // A stop (ag-grid, the shell's modules) is not followed.
    expect(staticModules(ctx, [src('page.tsx')], (id) => id.includes('button')).has(nm('antd/es/_util/wave.js'))).toBe(false);
  });
});
