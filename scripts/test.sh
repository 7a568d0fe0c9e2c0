#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then lint, types and tests.
# Usage: scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

python3 -m ruff check claims tests benchmarks
python3 -m mypy
python3 -m pytest "$@"
