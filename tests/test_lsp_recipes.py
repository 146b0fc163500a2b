"""The editor recipes in examples/editors parse and start the server the way it is started."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

EDITORS = Path(__file__).resolve().parent.parent / "examples" / "editors"


def test_helix_languages_toml_starts_the_server_for_mail_drafts() -> None:
    data = tomllib.loads((EDITORS / "languages.toml").read_text(encoding="utf-8"))
    server = data["language-server"]["followup-lint"]
    assert [server["command"], *server["args"]] == ["followup-lint", "lsp"]
    mail = next(lang for lang in data["language"] if lang["name"] == "mail")
    assert "followup-lint" in mail["language-servers"]


def test_vscode_settings_are_json_and_start_the_server() -> None:
    data = json.loads((EDITORS / "vscode-settings.json").read_text(encoding="utf-8"))
    assert [data["glspc.server.command"], *data["glspc.server.commandArguments"]] == ["followup-lint", "lsp"]


def test_neovim_emacs_and_mutt_recipes_name_the_command_and_the_mail_filetype() -> None:
    lua = (EDITORS / "neovim.lua").read_text(encoding="utf-8")
    assert re.search(r'cmd = \{ "followup-lint", "lsp" \}', lua) and '"mail"' in lua
    el = (EDITORS / "eglot.el").read_text(encoding="utf-8")
    assert '("followup-lint" "lsp")' in el and "message-mode" in el
    assert el.count("(") == el.count(")")
    muttrc = (EDITORS / "muttrc").read_text(encoding="utf-8")
    assert re.search(r"(?m)^set edit_headers = yes$", muttrc)
