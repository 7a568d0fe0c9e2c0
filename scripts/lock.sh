#!/usr/bin/env bash
# Refresh requirements/test.lock: the exact version, with hashes, of every package the
# tests, linters, type checker, docs and benchmarks install, resolved from pyproject.toml
# (extras test, bench, docs and extract) and requirements/build.in. Run scripts/test.sh --latest first:
# it shows what the newest releases break.
# Usage: scripts/lock.sh                           every package to its newest release
#        scripts/lock.sh --upgrade-package click   one package; the rest keep their pins
#        (any other uv pip compile option passes through in the same way)
set -euo pipefail
cd "$(dirname "$0")/.."

# uv resolves in seconds and writes hashes for every file of each pinned release; it is
# only needed here, so it lives in a throwaway environment.
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install --quiet uv
"$tool/venv/bin/uv" pip compile pyproject.toml requirements/build.in \
    --extra test --extra bench --extra docs --extra extract \
    --python-version 3.11 --universal --generate-hashes \
    --custom-compile-command scripts/lock.sh \
    --output-file requirements/test.lock "${@:---upgrade}"
