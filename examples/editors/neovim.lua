-- followup-lint for neovim 0.11+ (built-in LSP client): mail drafts, Markdown, text.
vim.lsp.config("followup_lint", {
  cmd = { "followup-lint", "lsp" },
  filetypes = { "mail", "markdown", "text" },
  root_markers = { ".followup-lint.toml", "pyproject.toml", ".git" },
  settings = {
    ["followup-lint"] = {
      -- roster = "roster.toml",     -- the panel (TOML/JSON may hold company, role, dates)
      -- company = "Northwind",
      -- ignore = { "too-long" },
      grammar = true,                -- LanguageTool's findings follow the fast ones
    },
  },
})
vim.lsp.enable("followup_lint")

-- neovim < 0.11: the same with an autocommand.
-- vim.api.nvim_create_autocmd("FileType", {
--   pattern = { "mail", "markdown", "text" },
--   callback = function(ev)
--     vim.lsp.start({ name = "followup-lint", cmd = { "followup-lint", "lsp" },
--                     root_dir = vim.fs.root(ev.buf, { ".followup-lint.toml", ".git" }) or vim.fn.getcwd() })
--   end,
-- })
