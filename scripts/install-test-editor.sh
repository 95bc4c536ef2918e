#!/usr/bin/env bash
# Installs the editor the end-to-end tests drive: code-server (VS Code's server and
# workbench, from the npm registry) and Debian's Chromium. CI starts from a bare machine,
# so this must work from nothing; with a good cache it is a no-op.
#
# code-server's own postinstall downloads ripgrep from GitHub and refuses to run as root,
# so the package is unpacked and its native modules are built by hand (see
# shared/docs/real-vscode-host.md). Output: .cache/code-server-<version>/package.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache/code-server-$VERSION"
PKG="$CACHE/package"
VSCODE="$PKG/lib/vscode"
MARKER="$CACHE/.installed"
APT_PACKAGES=(chromium libkrb5-dev ripgrep squid)

# The native addons code-server loads at start; if one is missing the server or its
# terminals/logging break in ways that are hard to trace from a test failure.
NATIVE_FILES=(
  "$PKG/node_modules/argon2/lib/binding/napi-v3/argon2.node"
  "$VSCODE/node_modules/node-pty/build/Release/pty.node"
  "$VSCODE/node_modules/@vscode/spdlog/build/Release/spdlog.node"
  "$VSCODE/node_modules/native-watchdog/build/Release/watchdog.node"
  "$VSCODE/node_modules/kerberos/build/Release/kerberos.node"
)

STEP="start"
step() { STEP="$1"; echo "install-test-editor: $1" >&2; }
fail() { echo "install-test-editor: FAILED: $*" >&2; exit 1; }
trap 'echo "install-test-editor: FAILED during step: $STEP (see output above)" >&2' ERR

apt_ready() {
  command -v chromium >/dev/null && command -v rg >/dev/null && [[ -x /usr/sbin/squid ]] &&
    dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed'
}

# Fast path: the marker is written last, after the native files were checked.
if [[ -f "$MARKER" ]] && apt_ready; then
  exit 0
fi

# apt_get: apt-get that waits (bounded, with a message) for another apt/dpkg install's lock.
# shellcheck source=scripts/apt-wait.sh
source "$ROOT/scripts/apt-wait.sh"

if ! apt_ready; then
  [[ "$(id -u)" == 0 ]] || fail "needs root to apt-get install ${APT_PACKAGES[*]} (or install them first)"
  step "apt-get update"
  apt_get update -q
  step "apt-get install ${APT_PACKAGES[*]}"
  apt_get install -y -q "${APT_PACKAGES[@]}"
  apt_ready || fail "apt-get finished but chromium, rg, squid or libkrb5-dev is still missing"
fi

if [[ -f "$MARKER" ]]; then
  exit 0
fi

# Anything here without a marker is a half-finished run: start over rather than trust it.
step "clean $CACHE"
rm -rf "$CACHE"
mkdir -p "$CACHE"

step "npm pack code-server@$VERSION"
(cd "$CACHE" && npm pack --silent "code-server@$VERSION" >/dev/null)
[[ -f "$CACHE/code-server-$VERSION.tgz" ]] || fail "npm pack did not produce code-server-$VERSION.tgz"

step "unpack"
tar -xzf "$CACHE/code-server-$VERSION.tgz" -C "$CACHE"
rm -f "$CACHE/code-server-$VERSION.tgz"

step "npm install (code-server)"
(cd "$PKG" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
step "npm rebuild argon2"
(cd "$PKG" && npm rebuild argon2 --loglevel=error)

step "npm install (lib/vscode)"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
step "npm rebuild node-pty @vscode/spdlog native-watchdog kerberos"
# node-pty builds pty.node and then its post-install step (a compile_commands.json
# generator that wants `npx node-gyp`) exits non-zero; the native-file check below is what
# decides success, so its long error output goes to a log instead of the terminal.
REBUILD_LOG="$CACHE/rebuild.log"
(cd "$VSCODE" && npm rebuild node-pty @vscode/spdlog native-watchdog kerberos --loglevel=error) >"$REBUILD_LOG" 2>&1 ||
  echo "install-test-editor: (expected) node-pty's own post-install step failed after its build; the .node files are checked below instead" >&2

step "link ripgrep and node_modules.asar"
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
ln -sfn "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$VSCODE/node_modules.asar"

step "npm install (lib/vscode/extensions)"
(cd "$VSCODE/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)

step "check native modules"
for f in "${NATIVE_FILES[@]}"; do
  if [[ ! -f "$f" ]]; then
    [[ -f "${REBUILD_LOG:-}" ]] && tail -n 40 "$REBUILD_LOG" >&2
    fail "native module missing: ${f#"$ROOT/"} (build output: ${REBUILD_LOG#"$ROOT/"})"
  fi
done
[[ -x "$VSCODE/node_modules/@vscode/ripgrep/bin/rg" ]] || fail "ripgrep link is broken"
[[ -f "$PKG/out/node/entry.js" ]] || fail "code-server entry point missing"

date -u +%FT%TZ >"$MARKER"
step "done: $PKG"
