import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { screenChunks } from './scripts/screenChunks';

const root = import.meta.dirname;
// SW_OUT_DIR lets parallel builds (several developers' test runs on one machine) not collide.
const out = process.env.SW_OUT_DIR ?? path.join(root, 'out');

/** The SQL migrations are read at run time; ship them beside the main bundle. */
function copyMigrations() {
  return {
    name: 'copy-migrations',
    writeBundle(options: { dir?: string }) {
      const from = path.join(root, 'src/platform/db/migrations');
      const to = path.join(options.dir ?? path.join(out, 'main'), 'migrations');
      fs.mkdirSync(to, { recursive: true });
      for (const f of fs.readdirSync(from)) if (f.endsWith('.sql')) fs.copyFileSync(path.join(from, f), path.join(to, f));
    },
  };
}

/** Each area's page (src/renderer/app/areaPages.ts loads them). */
const AREA_PAGES = {
  accounts: 'features/accounts/ui/AccountsPage.tsx',
  pareto: 'features/pareto/ui/ParetoPage.tsx',
  pipeline: 'features/pipeline/ui/PipelinePage.tsx',
  negotiation: 'features/negotiation/ui/NegotiationPage.tsx',
  training: 'features/training/ui/TrainingPage.tsx',
  receivables: 'features/receivables/ui/ReceivablesPage.tsx',
  reports: 'features/reports/ui/ReportsPage.tsx',
  settings: 'renderer/app/SettingsPage.tsx',
};

/**
 * The Ant Design parts of the frame and of the accounts screen, loaded after the grid's first
 * rows (src/renderer/components/firstScreen.ts): the Ant Design they use is one file, `antd`, that
 * every other screen loads too.
 */
const ANTD_ISLANDS = [
  'renderer/components/AntdScope.tsx',
  'renderer/app/HeaderTools.tsx',
  'features/help/ui/HelpButton.tsx',
  'features/accounts/ui/AccountsTools.tsx',
];

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: path.join(out, 'main'),
      externalizeDeps: true,
      rollupOptions: { input: { index: path.join(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: path.join(out, 'preload'),
      // A sandboxed preload must be one CommonJS file that requires nothing but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: path.join(root, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: path.join(out, 'renderer'),
      rollupOptions: {
        input: { index: path.join(root, 'src/renderer/index.html') },
        // Each screen loads a handful of files, not dozens (scripts/screenChunks.ts).
        output: { codeSplitting: screenChunks(path.join(root, 'src'), AREA_PAGES, ANTD_ISLANDS) },
      },
      // electron-vite leaves the renderer unminified by default: minified, the script the
      // first screen downloads and compiles is about half as big.
      minify: true,
      // .vite/manifest.json: which chunks each screen loads (the first-download budget test reads it).
      manifest: true,
      sourcemap: process.env.SW_SOURCEMAP === '1',
      chunkSizeWarningLimit: 4000,
    },
  },
});
