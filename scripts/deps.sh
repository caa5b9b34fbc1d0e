#!/usr/bin/env bash
# Installs the Debian packages Kamnotra needs on a fresh machine, once.
# Usage: scripts/deps.sh [run|test]   (test adds what only the tests need)
set -euo pipefail
want=(g++ pkg-config libicu-dev)             # cgo: ICU's Khmer dictionary for word segmentation
want+=(poppler-utils)                       # pdftotext: PDF text layers
if [ "${1:-run}" = test ]; then
  want+=(postgresql chromium fonts-khmeros) # server store, UI tests, Khmer glyphs in screenshots
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
