"""Phrase lists and other rule data, kept as TOML files beside the rules."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``rules/data/<name>.toml``, read once per process."""
    with resources.files(__package__).joinpath("data", f"{name}.toml").open("rb") as f:
        return tomllib.load(f)
