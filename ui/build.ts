/**
 * Builds the ui bundle into ui/dist, skipping the build when nothing under ui/ or engine/
 * changed since the last one (npm start runs this every time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = __dirname;
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built-at');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

async function main() {
  const sources = Math.max(newestMtime(root), newestMtime(path.join(root, '../engine')));
  const builtAt = fs.existsSync(stamp) ? Number(fs.readFileSync(stamp, 'utf8')) : 0;
  if (builtAt >= sources && !process.argv.includes('--force')) return;
  console.log('Construction de l’interface…');
  // Vite runs in its own process: loaded through tsx's CommonJS hooks it mis-resolves its own exports.
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  execFileSync(process.execPath, [viteBin, 'build', '--config', path.join(root, 'vite.config.mts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  fs.writeFileSync(stamp, String(Date.now()));
}

main().catch((err) => {
  console.error('La construction de l’interface a échoué :', err);
  process.exit(1);
});
