#!/usr/bin/env bash
# Build the wheel and sdist, check them with twine, install the wheel (not editable) in a fresh
# venv and run the example there: the package data (rule data, LanguageTool's pom.xml, py.typed)
# must be inside.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# build and twine in a venv of their own, so they never change the machine's packages
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --disable-pip-version-check -q build twine
"$work/tools/bin/python" -m build --outdir "$work/dist" >/dev/null
"$work/tools/bin/python" -m twine check --strict "$work"/dist/*
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --disable-pip-version-check -q -c constraints/ci.txt "$work"/dist/*.whl
cd "$work"
"$work/venv/bin/python" - <<'PY'
from importlib import resources
import followup_lint
pkg = resources.files("followup_lint")
for name in ("py.typed", "data/tone.toml", "data/kinds.toml", "languagetool/pom.xml"):
    assert pkg.joinpath(name).is_file(), f"{name} is missing from the wheel"
print("wheel", followup_lint.__version__, "has its data")
PY
set +e
"$work/venv/bin/followup-lint" check "$repo/examples/thank-you-bad.txt" --roster "$repo/examples/roster.toml" --no-grammar
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected exit 1 (the example has errors), got $code" >&2; exit 1; }
echo "package check passed"
