"""The resident engine: a daemon that keeps spaCy, the rules and LanguageTool warm
(``server``), and the thin client ``check`` and ``guard`` talk to it with (``client``,
standard library only, so that the pre-send path pays neither spaCy nor the rules)."""
