// Generates src/api/schema.d.ts from the server's OpenAPI document, the contract the app is
// type-checked against (`tsc` then fails on a renamed or removed field). Skips the work when the
// output is newer than the document, so repeated builds and test runs stay fast.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
if (existsSync(out) && statSync(out).mtimeMs >= statSync(spec).mtimeMs && statSync(out).mtimeMs >= statSync(here + '/gen-api.mjs').mtimeMs) {
  process.exit(0);
}
const bin = resolve(web, 'node_modules/.bin/openapi-typescript');
const r = spawnSync(bin, [spec, '--output', out], { stdio: 'inherit' });
process.exit(r.status ?? 1);
