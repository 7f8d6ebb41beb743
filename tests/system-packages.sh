#!/usr/bin/env bash
# Debian packages the tests need, installed when missing (as root; otherwise the missing ones are named):
# Chromium for the browser tests (Playwright drives Debian's browser, never its own download), the Noto CJK
# fonts they check Chinese glyphs with, and Virtuoso Open Source, the external store of test_remote_store.py.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
[ -x /usr/bin/virtuoso-t ] || missing+=(virtuoso-opensource)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "tests need Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 2
fi
apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
