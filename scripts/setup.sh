#!/usr/bin/env bash
# Install followup-lint with its test extras, the spaCy model and LanguageTool's jars (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --disable-pip-version-check -q -c constraints/ci.txt -e ".[test,lint,dask,lsp]"
# LanguageTool's jars from Maven Central into the cache (needs Java 17 and Maven; idempotent).
python3 -m followup_lint.languagetool install >/dev/null
