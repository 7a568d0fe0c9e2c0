#!/usr/bin/env bash
# The docs site (mkdocs.yml, docs/). Some of its pages are written by cog from the code
# (the command reference from each command's --help, the schema from the migrations, the
# template context from the report's dataclasses): a page holding a [[[cog block.
#
#   scripts/docs.sh           rewrite the generated pages, then build the site into site/
#   scripts/docs.sh --check   fail when a generated page differs from what the code
#                             gives, or when the site does not build cleanly (a broken
#                             link, a page missing from the nav); writes nothing kept.
#                             scripts/test.sh runs this before the tests.
#   scripts/docs.sh serve     rewrite the generated pages, then serve the site with
#                             live reload on http://127.0.0.1:8000/
#
# It runs in the environment scripts/test.sh builds from the lock (.venv), or in the one
# $VIRTUAL_ENV names (pip install -e '.[docs]' gives one its tools).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${VIRTUAL_ENV:-.venv}
if [ ! -x "$venv/bin/mkdocs" ] || [ ! -x "$venv/bin/cog" ]; then
    echo "scripts/docs.sh: no mkdocs or cog in $venv; scripts/test.sh builds .venv from" \
        "the lock, or pip install -e '.[docs]' in an environment of your own" >&2
    exit 1
fi

# Every page with a cog block, so that a new generated page is picked up by itself.
mapfile -t generated < <(grep -l -F '<!-- [[[cog' docs/*.md | sort)

case "${1:-}" in
    --check)
        "$venv/bin/cog" --check --check-fail-msg "scripts/docs.sh rewrites them" \
            "${generated[@]}"
        site=$(mktemp -d)
        trap 'rm -rf "$site"' EXIT
        # Not --quiet: it hides the warnings from --strict too, which then passes them.
        if ! log=$("$venv/bin/mkdocs" build --strict --site-dir "$site" 2>&1); then
            echo "$log" | grep -v '^INFO ' >&2
            echo "scripts/docs.sh: the docs site does not build cleanly (above)" >&2
            exit 1
        fi
        echo "scripts/docs.sh: the generated pages match the code and the site builds."
        ;;
    serve)
        "$venv/bin/cog" -r "${generated[@]}"
        exec "$venv/bin/mkdocs" serve --strict
        ;;
    "")
        "$venv/bin/cog" -r "${generated[@]}"
        "$venv/bin/mkdocs" build --strict
        ;;
    *)
        echo "usage: scripts/docs.sh [--check | serve]" >&2
        exit 2
        ;;
esac
