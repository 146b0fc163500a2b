"""``followup-lint lsp``: a language server that lints drafts as they are typed (pygls)."""
