// After `vite build`: build the service worker with the final file list, write gzip twins, and
// report what the first screen costs.
//
//  1. The precache list: every file of dist/ except committee chunks (assets/c-*), which members
//     never need. The version is a hash of those files, so sw.js changes exactly when the app does
//     and the browser offers the update.
//  2. dist/sw.js: src/sw/sw.ts bundled as one classic script (a service worker cannot rely on
//     module workers everywhere), with the list and version injected.
//  3. dist/**/*.gz: `sotay serve` sends a precompressed twin when the browser accepts gzip, so
//     phones get compressed files without the server compressing on every request.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const urlOf = (file) => '/' + relative(dist, file).split(/[\\/]/).join('/');

// Leftovers from an earlier build would otherwise be precached or served stale.
for (const f of walk(dist)) if (f.endsWith('.gz') || f.endsWith('/sw.js')) rmSync(f);

const files = walk(dist).filter((f) => !f.endsWith('.map'));
const isCommittee = (url) => /^\/assets\/c-/.test(url);
const precache = files
  .map(urlOf)
  .filter((u) => !isCommittee(u))
  .sort();
const allAssets = files
  .map(urlOf)
  .filter((u) => u.startsWith('/assets/'))
  .sort();

const hash = createHash('sha256');
for (const u of precache) {
  hash.update(u);
  hash.update(readFileSync(join(dist, u)));
}
for (const u of allAssets) hash.update(u);
const version = hash.digest('hex').slice(0, 12);

await build({
  configFile: false,
  logLevel: 'warn',
  root: web,
  define: {
    __PRECACHE__: JSON.stringify(precache),
    __ALL_ASSETS__: JSON.stringify(allAssets),
    __VERSION__: JSON.stringify(version),
  },
  build: {
    outDir: dist,
    emptyOutDir: false,
    copyPublicDir: false,
    target: ['es2019', 'chrome70', 'safari12'],
    minify: true,
    lib: {
      entry: join(web, 'src/sw/sw.ts'),
      formats: ['iife'],
      name: 'sotaySw',
      fileName: () => 'sw.js',
    },
  },
});

const COMPRESSIBLE = /\.(js|css|html|webmanifest|svg|json|txt)$/;
let firstJs = 0;
let firstCss = 0;
const rows = [];
for (const f of walk(dist)) {
  if (!COMPRESSIBLE.test(f) || f.endsWith('.gz')) continue;
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: 9 });
  if (gz.length < raw.length) writeFileSync(`${f}.gz`, gz);
  rows.push({ url: urlOf(f), raw: raw.length, gz: Math.min(gz.length, raw.length) });
}

// The first screen: index.html plus the script, stylesheet and preloads it references.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const referenced = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
for (const u of referenced) {
  const row = rows.find((r) => r.url === u);
  if (!row) continue;
  if (u.endsWith('.css')) firstCss += row.gz;
  else if (u.endsWith('.js')) firstJs += row.gz;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const total = rows.reduce((s, r) => s + r.gz, 0);
console.log(`\nservice worker version ${version}: ${precache.length} files precached, ${allAssets.length - precache.filter((u) => u.startsWith('/assets/')).length} committee chunks left to runtime`);
console.log(`first screen (gzip): JS ${kb(firstJs)} + CSS ${kb(firstCss)} = ${kb(firstJs + firstCss)} (budget 120 KB)`);
console.log(`whole app (gzip, text files): ${kb(total)}`);
writeFileSync(
  join(web, 'dist-report.json'),
  JSON.stringify({ version, firstScreen: { js: firstJs, css: firstCss }, files: rows }, null, 2) + '\n',
);
if (firstJs + firstCss > 120 * 1024) {
  console.error('first screen over the 120 KB budget');
  process.exit(1);
}
