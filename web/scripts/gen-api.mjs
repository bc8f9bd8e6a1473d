// Generates src/api/schema.d.ts from the server's OpenAPI document, the contract the app is
// type-checked against (`tsc` then fails on a renamed or removed field). The output's first line
// records a hash of the document and of this script; when both match, nothing is regenerated,
// so repeated builds and test runs stay fast. A hash, not file times: a checkout or a copy can
// leave an older document with a newer time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, '..');
const spec = resolve(process.env.SOTAY_OPENAPI ?? resolve(web, '../server/src/api/openapi.json'));
const out = resolve(web, 'src/api/schema.d.ts');

if (!existsSync(spec)) {
  console.error(`gen:api: ${spec} not found — the API contract the web app is checked against.`);
  process.exit(1);
}
const hash = createHash('sha256')
  .update(readFileSync(spec))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .digest('hex')
  .slice(0, 16);
const marker = `// openapi-sha256: ${hash}\n`;
if (existsSync(out) && readFileSync(out, 'utf8').startsWith(marker)) process.exit(0);

const bin = resolve(web, 'node_modules/.bin/openapi-typescript');
const r = spawnSync(bin, [spec, '--output', out], { stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(out, marker + readFileSync(out, 'utf8'));
console.log(`gen:api: src/api/schema.d.ts generated from ${spec}`);
