#!/usr/bin/env bash
# make run: install, build, load the demo province on first start, serve on :8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build -- sotay
if [[ -f web/package.json ]]; then scripts/build-web.sh; fi
mkdir -p data
DB=${SOTAY_DB:-./data/sotay.db}
./build/sotay demo --db "$DB"
echo
echo "Mở http://localhost:${SOTAY_PORT:-8080} và đăng nhập bằng một tài khoản ở trên. Dừng: Ctrl+C."
exec ./build/sotay serve --db "$DB"
