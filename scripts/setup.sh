#!/usr/bin/env bash
# Installs what the build and the tests need, from Debian's packages only.
# Idempotent: packages already present are not touched, so a second run costs ~1 s.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.74-dev            # Beast + Asio (header-only)
  nlohmann-json3-dev          # JSON
  libsqlite3-dev libpq-dev    # the two database backends
  libsodium-dev libssl-dev    # argon2id, random tokens, TLS, HMAC for TOTP
  libicu-dev                  # Vietnamese normalization
  libzip-dev libexpat1-dev    # XLSX read/write
  libcmark-dev                # news: Markdown → safe HTML (CommonMark)
  libpoppler-cpp-dev          # PDF attachments: text layer, pages rendered for OCR
  libtesseract-dev tesseract-ocr-vie   # OCR of scanned pages, Vietnamese model
  libvips-dev                 # cover images: resize, EXIF rotation, metadata stripped
  libcairo2-dev fonts-dejavu-core qpdf # tests: PDF fixtures with Vietnamese text, an encrypted PDF
  libjemalloc-dev             # allocator: +50% requests/s on the API (bench/)
  libgtest-dev libgmock-dev   # C++ tests
  clang libclang-rt-14-dev    # libFuzzer targets
  postgresql                  # initdb/pg_ctl/pg_dump for the throwaway test cluster and backups
  curl                        # integration smoke tests
)
for extra in "$@"; do
  case "$extra" in
    --bench) PACKAGES+=(wrk nginx-light util-linux sqlite3) ;;             # bench/run.sh
    --web) PACKAGES+=(chromium fonts-noto-core) ;;                          # browser tests; Noto covers Vietnamese
    *) echo "setup: unknown option $extra" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The postgresql package starts a system cluster on Debian; tests never use it.
