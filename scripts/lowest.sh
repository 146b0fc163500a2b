#!/usr/bin/env bash
# The lowest versions of the dependency ranges (constraints/lowest.txt) in a fresh venv, and the
# fast tests against them (no LanguageTool server, nothing marked slow).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --disable-pip-version-check -q -c constraints/lowest.txt -e ".[test]"
"$venv/bin/python" -m pytest -q -p no:cacheprovider -m "not languagetool and not slow" "$@"
