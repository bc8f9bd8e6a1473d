#!/usr/bin/env bash
# Builds the web app into web/dist (served by `sotay serve`). Idempotent and quick when nothing
# changed:
#   - `npm ci` only when node_modules is missing or package.json / package-lock.json changed;
#   - `npm run build` only when a source of the build changed (the app, its config, the icons,
#     or the server's OpenAPI contract the API types are generated from).
# Each step records a checksum of its inputs in a stamp file and is skipped when it matches.
# Needs Node >= 20.19 and npm (Vite 8); Debian 12's own nodejs (18) is too old.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "build-web: node and npm are needed (Node >= 20.19) to build the web app" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "build-web: Node $(node --version) is too old; Vite 8 needs >= 20.19" >&2
  exit 1
fi

checksum() { sha256sum "$@" | sha256sum | cut -c1-64; }

deps_sum=$(checksum package.json package-lock.json)
deps_stamp=node_modules/.sotay-deps-stamp
if [[ ! -f $deps_stamp || $(<"$deps_stamp") != "$deps_sum" ]]; then
  echo "build-web: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$deps_sum" >"$deps_stamp"
fi

spec=../server/src/api/openapi.json
mapfile -d '' inputs < <(find src public scripts index.html vite.config.ts tsconfig.json package.json package-lock.json \
  -type f ! -name 'schema.d.ts' -print0 | sort -z)
build_sum=$(checksum "${inputs[@]}" "$spec")
build_stamp=.stamp-build
if [[ -f dist/index.html && -f dist/sw.js && -f $build_stamp && $(<"$build_stamp") == "$build_sum" ]]; then
  echo "build-web: web/dist is up to date"
  exit 0
fi
echo "build-web: building web/dist"
rm -f "$build_stamp"
npm run --silent build
echo "$build_sum" >"$build_stamp"
