"""LanguageTool for followup-lint: getting its jars (install), the shared local server
(server), and the client the grammar rules use (client). Only this package and
``nlp.py`` know the engines."""

from .install import LT_VERSION, cache_root, install, installed

__all__ = ["LT_VERSION", "cache_root", "install", "installed"]
