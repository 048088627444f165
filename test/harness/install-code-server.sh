#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 in a browser) for the integration and UI tests, with no
# internet beyond the npm registry: its own postinstall downloads ripgrep from GitHub, so it is
# installed with --ignore-scripts and the postinstall steps are done here by hand
# (see /work/shared/vscode-tests-offline.md). Lives outside the project's node_modules so that
# `npm ci` stays ordinary. Idempotent: a marker file records a complete install.
#
# Env: SR_CODE_SERVER_DIR overrides the install folder.
set -euo pipefail

VERSION=4.100.3
DIR="${SR_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/starrocks-backup/code-server-$VERSION}"
MARKER="$DIR/.install-complete"
CS="$DIR/node_modules/code-server"

# Native modules of the VS Code server that the extension host needs; each must end up with a
# compiled .node file (or a prebuilt one): npm 11 may skip dependencies' install scripts
# ("not yet covered by allowScripts"), so each is checked by loading it.
NATIVE_MODULES=(@parcel/watcher kerberos node-pty @vscode/spdlog native-watchdog @vscode/deviceid)

log() { printf '[install-code-server] %s\n' "$*" >&2; }

verify() {
  local output
  # A private config folder: code-server writes a default config.yaml on first start, and the
  # user's home is not ours to touch.
  output="$(XDG_CONFIG_HOME="$DIR/.config" XDG_DATA_HOME="$DIR/.data" node "$CS/out/node/entry.js" --version 2>&1)" || true
  log "code-server --version: $(grep -m1 "^$VERSION " <<<"$output" || echo "unexpected: $output")"
  grep -q "^$VERSION .* with Code " <<<"$output"
}

# Fails unless the module loads in this Node: a skipped build script leaves a module whose
# require() throws for want of its compiled .node file.
require_loadable() {
  local dir="$1" module="$2"
  (cd "$dir" && node -e 'require(process.argv[1])' "$module") || { log "$module does not load in $dir"; return 1; }
}

install() {
  log "installing code-server@$VERSION into $DIR"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  printf '{ "name": "code-server-cache", "private": true }\n' > "$DIR/package.json"
  (cd "$DIR" && npm_config_unsafe_perm=true npm install --no-audit --no-fund --ignore-scripts \
    "code-server@$VERSION")

  # npm hoists argon2 next to code-server, so it is rebuilt from the install folder's root.
  log "argon2 from source"
  (cd "$DIR" && npm_config_build_from_source=true npm rebuild argon2)
  require_loadable "$CS" argon2

  log "VS Code server dependencies"
  (cd "$CS/lib/vscode" && npm_config_unsafe_perm=true npm install --omit=dev --ignore-scripts --no-audit --no-fund)
  (cd "$CS/lib/vscode" && npm_config_yes=true npm rebuild "${NATIVE_MODULES[@]}")
  local module
  for module in "${NATIVE_MODULES[@]}"; do
    require_loadable "$CS/lib/vscode" "$module"
  done

  log "links (ripgrep from the system, asar, cli and helper scripts)"
  mkdir -p "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$(command -v rg)" "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  ln -sfn node_modules "$CS/lib/vscode/node_modules.asar"
  ln -sfn code-linux.sh "$CS/lib/vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$CS/lib/vscode/bin/helpers/browser.sh"

  log "built-in extensions' dependencies"
  (cd "$CS/lib/vscode/extensions" && npm_config_unsafe_perm=true npm install --omit=dev --no-audit --no-fund)

  verify
  date -u +%FT%TZ > "$MARKER"
  log "done"
}

main() {
  # node-gyp downloads Node's headers unless told where they are; there is no internet for that.
  local prefix
  prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [[ -z "${npm_config_nodedir:-}" && -f "$prefix/include/node/node.h" ]]; then
    export npm_config_nodedir="$prefix"
  fi
  command -v rg >/dev/null || { log "ripgrep (rg) is required: apt-get install ripgrep"; exit 1; }
  mkdir -p "$(dirname "$DIR")"
  # Two test runs starting at once must not install twice: the second waits for the first.
  exec 9>"$DIR.lock"
  flock 9
  if [[ -f "$MARKER" ]] && verify; then
    log "already installed in $DIR"
  else
    local started=$SECONDS
    install >&2  # npm's chatter must not mix with the one stdout line below
    log "installed in $((SECONDS - started)) s"
  fi
  # The one line on stdout: where the launcher is, for the caller.
  printf '%s\n' "$CS/out/node/entry.js"
}

main "$@"
