// Bundles the Electron shell into dist/electron/. Bundling (not tsc) because
// the project's extensionless ESM imports only resolve through a bundler.
// npm packages stay external: better-sqlite3 and @node-rs/argon2 are native,
// and electron-builder ships production node_modules (rebuilt for Electron).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  packages: 'external',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  // Electron 45 runs ES modules in the main and utility processes (Node 22).
  build({ ...common, entryPoints: ['main/electron/main.ts'], format: 'esm', target: 'node22', outfile: 'dist/electron/main.js' }),
  // Must stay at dist/electron/ (two levels below the root, like main/server/):
  // the host finds dist/renderer and package.json relative to its own file.
  build({ ...common, entryPoints: ['main/electron/host-process.ts'], format: 'esm', target: 'node22', outfile: 'dist/electron/host-process.js' }),
  // The report thread, beside host-process.js: the runner starts ./worker-entry.mjs
  // next to its own file (in a checkout, main/reports/worker-entry.mjs loads it through tsx).
  build({ ...common, entryPoints: ['main/reports/worker.ts'], format: 'esm', target: 'node20', outfile: 'dist/electron/worker-entry.mjs' }),
  // Sandboxed preloads cannot be ES modules; .cjs because package.json says "module".
  build({ ...common, entryPoints: ['main/electron/preload.ts'], format: 'cjs', target: 'chrome140', outfile: 'dist/electron/preload.cjs' }),
]);

console.log('Electron shell bundled into dist/electron/ (main.js, host-process.js, worker-entry.mjs, preload.cjs)');
