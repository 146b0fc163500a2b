#!/usr/bin/env bash
# Rewrite constraints/ci.txt: install the project with every extra into a fresh venv and freeze it.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --disable-pip-version-check -q -e ".[test,lint,lsp,dask,bench]"
{ echo "# The exact versions CI installs (pip install -c constraints/ci.txt ...): a fresh venv's"
  echo "# pip freeze after 'pip install -e .[...all extras]'. Update with scripts/freeze-constraints.sh."
  "$venv/bin/pip" freeze --exclude-editable; } > constraints/ci.txt
rm -rf "$(dirname "$venv")"
