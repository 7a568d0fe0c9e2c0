#!/usr/bin/env bash
# The whole test suite, in an environment of its own built from the lock
# (requirements/test.lock): installs what the tests need, then lint, types, the docs
# (scripts/docs.sh --check) and tests.
#
#   scripts/test.sh [pytest args...]   .venv (git-ignored), synced to the lock; under
#                                      CI=true a fresh environment in a temporary folder,
#                                      so that a missing install step fails instead of hiding
#   scripts/test.sh --latest [...]     a temporary environment with the newest releases
#                                      pyproject.toml admits, not the lock: run it before
#                                      scripts/lock.sh to see what a refresh would break
set -euo pipefail
cd "$(dirname "$0")/.."

latest=false
if [ "${1:-}" = "--latest" ]; then
    latest=true
    shift
fi

# The project's Python: whatever python3 is on PATH creates the environment, and nothing
# is ever installed into python3 itself (it may be the system's, externally managed).
make_venv() {
    if ! python3 -m venv "$1" 2>/dev/null; then
        # Debian ships venv apart from Python (package python3.X-venv).
        venv_pkg="python3.$(python3 -c 'import sys; print(sys.version_info[1])')-venv"
        if [ "$(id -u)" -ne 0 ]; then
            echo "scripts/test.sh: python3 cannot create a virtual environment; as root run:" \
                "apt-get install -y $venv_pkg" >&2
            exit 1
        fi
        apt-get install -y -qq "$venv_pkg" >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq "$venv_pkg" >/dev/null; }
        python3 -m venv "$1"
    fi
}
pip_quiet=(--quiet --disable-pip-version-check)

if $latest; then
    venv=$(mktemp -d)/venv
    trap 'rm -rf "$(dirname "$venv")"' EXIT
    echo "Building a temporary environment from the newest releases (not the lock)..."
    make_venv "$venv"
    "$venv/bin/python" -m pip install "${pip_quiet[@]}" --upgrade pip
    "$venv/bin/python" -m pip install "${pip_quiet[@]}" --upgrade -e '.[test,bench,docs,extract]'
    # Which releases differ from the lock: the first place to look when something breaks.
    "$venv/bin/python" - <<'PY'
import re
from importlib import metadata
pinned = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", open("requirements/test.lock").read(), re.M))
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pinned = {norm(k): v for k, v in pinned.items()}
for dist in sorted(metadata.distributions(), key=lambda d: norm(d.metadata["Name"])):
    name = norm(dist.metadata["Name"])
    if name in pinned and pinned[name] != dist.version:
        print(f"  {name} {dist.version} (lock: {pinned[name]})")
PY
else
    lock_stamp() { cat requirements/test.lock pyproject.toml | sha256sum; }
    if [ "${CI:-}" = "true" ]; then
        venv=$(mktemp -d)/venv
        trap 'rm -rf "$(dirname "$venv")"' EXIT
    else
        venv=.venv
    fi
    stamp=$venv/.installed-from-lock
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(lock_stamp)" ]; then
        echo "Installing the locked test environment into $venv..."
        [ -x "$venv/bin/python" ] || make_venv "$venv"
        # Every package is pinned by version and hash, the build backend included, so
        # the project itself is installed with no build isolation and no dependencies
        # of its own choosing.
        "$venv/bin/python" -m pip install "${pip_quiet[@]}" --require-hashes --no-deps \
            -r requirements/test.lock
        "$venv/bin/python" -m pip install "${pip_quiet[@]}" --no-deps --no-build-isolation -e .
        lock_stamp >"$stamp"
    fi
fi
# The tests run the installed `claims` command, so the environment's bin comes first.
venv=$(cd "$venv" && pwd)
export VIRTUAL_ENV=$venv PATH="$venv/bin:$PATH"

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

if $latest; then
    # Run every stage, then say which broke.
    broken=()
    "$venv/bin/python" -m ruff check claims tests benchmarks || broken+=(ruff)
    "$venv/bin/python" -m mypy || broken+=(mypy)
    scripts/docs.sh --check || broken+=(docs)
    "$venv/bin/python" -m pytest "$@" || broken+=(pytest)
    if [ ${#broken[@]} -gt 0 ]; then
        echo "scripts/test.sh --latest: the newest releases break: ${broken[*]}" >&2
        exit 1
    fi
    echo "scripts/test.sh --latest: the newest releases pass; scripts/lock.sh takes them."
else
    "$venv/bin/python" -m ruff check claims tests benchmarks
    "$venv/bin/python" -m mypy
    # The docs: the generated pages match the code (cog --check) and the site builds
    # with every link resolved (mkdocs build --strict, into a temporary folder).
    scripts/docs.sh --check
    "$venv/bin/python" -m pytest "$@"
fi
