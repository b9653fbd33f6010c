#!/usr/bin/env bash
# Install what the browser tests need, idempotently: Debian's chromium and chromium-driver, and a
# pinned axe-core (npm) in a project-local folder. Never downloads a browser from anywhere else.
set -euo pipefail

AXE_VERSION="4.11.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AXE_DIR="$ROOT/tests/browser/.cache"

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_pkgs+=(chromium-driver)
if ((${#need_pkgs[@]})); then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    # Update the package lists only when they are missing or cannot see the packages.
    if ! apt-cache show "${need_pkgs[@]}" >/dev/null 2>&1; then
        $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
    fi
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need_pkgs[@]}"
fi

if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] \
    || ! grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
    mkdir -p "$AXE_DIR"
    npm install --prefix "$AXE_DIR" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi

echo "browser: $(chromium --version 2>/dev/null | head -1); $(chromedriver --version 2>/dev/null | head -1); axe-core $AXE_VERSION"
