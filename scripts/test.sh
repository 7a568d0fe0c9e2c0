#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then lint, types and tests.
# Usage: scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

# Browser tests: Debian's Chromium (Playwright cannot download its own browsers
# here), Java for the Nu Html Checker, npm for tests/browser. Installed only when
# missing, which takes root.
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v java >/dev/null || apt_packages+=(default-jre-headless)
command -v npm >/dev/null || apt_packages+=(npm)
if [ ${#apt_packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/test.sh: the browser tests need ${apt_packages[*]}; as root run:" \
            "apt-get update && apt-get install -y ${apt_packages[*]}" >&2
        exit 1
    fi
    echo "Installing ${apt_packages[*]} with apt-get (takes a minute or two)..."
    export DEBIAN_FRONTEND=noninteractive
    apt_log=$(mktemp)
    # Try without refreshing the package lists first; refresh and retry if that fails
    # (no lists yet on a fresh machine, or stale ones).
    if ! apt-get install -y -qq "${apt_packages[@]}" >"$apt_log" 2>&1; then
        if ! { apt-get update -qq && apt-get install -y -qq "${apt_packages[@]}"; } \
            >>"$apt_log" 2>&1; then
            tail -n 40 "$apt_log" >&2
            echo "scripts/test.sh: apt-get install ${apt_packages[*]} failed" >&2
            exit 1
        fi
    fi
    rm -f "$apt_log"
fi

# npm tools (vnu-jar, axe-core), reinstalled whenever package.json or the lock
# changes. --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime of its
# own; the system's java runs it instead.
browser_tools=tests/browser
installed_stamp=$browser_tools/node_modules/.installed-from
npm_inputs() { cat "$browser_tools"/package.json "$browser_tools"/package-lock.json 2>/dev/null | sha256sum; }
if [ ! -f "$installed_stamp" ] || [ "$(cat "$installed_stamp")" != "$(npm_inputs)" ] \
    || [ ! -f "$browser_tools/node_modules/vnu-jar/build/dist/vnu.jar" ] \
    || [ ! -f "$browser_tools/node_modules/axe-core/axe.min.js" ]; then
    echo "Installing the browser test tools (npm in $browser_tools)..."
    npm_flags=(--ignore-scripts --no-audit --no-fund --loglevel=error)
    if [ -f "$browser_tools/package-lock.json" ]; then
        (cd "$browser_tools" && npm ci "${npm_flags[@]}" >/dev/null)
    else
        (cd "$browser_tools" && npm install "${npm_flags[@]}" >/dev/null)
    fi
    npm_inputs >"$installed_stamp"
fi

python3 -m ruff check claims tests benchmarks
python3 -m mypy
python3 -m pytest "$@"
