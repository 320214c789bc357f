// `npm start`: builds what is missing and runs the desktop app from this
// checkout. Electron's binary is not in git or npm's tarball: it is fetched
// by node_modules/electron/install.js, which may be impossible offline.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = path.join(root, 'node_modules', 'electron');

// Deliberately not require('electron'): that call starts a download itself.
function electronBinary() {
  if (process.env.CLINIC_ELECTRON) return fs.existsSync(process.env.CLINIC_ELECTRON) ? process.env.CLINIC_ELECTRON : null;
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronPackage, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

let electron = electronBinary();
if (!electron && !process.env.CLINIC_ELECTRON && fs.existsSync(path.join(electronPackage, 'install.js'))) {
  console.log('The Electron binary is missing; trying to download it (node node_modules/electron/install.js)…');
  run([path.join(electronPackage, 'install.js')]);
  electron = electronBinary();
}
if (!electron) {
  const why = process.env.CLINIC_ELECTRON
    ? `CLINIC_ELECTRON=${process.env.CLINIC_ELECTRON} does not exist.`
    : "node_modules/electron/dist is missing and its download host\n(github.com or ELECTRON_MIRROR) is probably unreachable from this machine.";
  console.error(`
Cannot start the desktop app: the Electron binary is not installed.
${why}

  - Set ELECTRON_MIRROR to a reachable mirror and run \`node node_modules/electron/install.js\`,
  - or install Electron manually and set CLINIC_ELECTRON=/path/to/electron,
  - meanwhile run \`npm run serve\` and open http://127.0.0.1:4780 in a browser:
    it is the same application.
`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('Building the renderer (vite build)…');
  if (!run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'])) process.exit(1);
}
if (!run([path.join(root, 'build', 'build-electron.mjs')])) process.exit(1);

// ELECTRON_RUN_AS_NODE left in the environment would start Node, not the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
