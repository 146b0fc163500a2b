#!/usr/bin/env bash
# Static checks, as configured in pyproject.toml: ruff (style, bugs, complexity) and mypy --strict.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --disable-pip-version-check -q -c constraints/ci.txt -e ".[test,lint,dask,lsp]"
python3 -m ruff check src
python3 -m mypy
