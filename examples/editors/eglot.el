;;; followup-lint for Emacs 29+ with eglot: mail drafts (message-mode, mail-mode), Markdown, text.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((message-mode mail-mode markdown-mode text-mode) . ("followup-lint" "lsp")))
  ;; Answered to workspace/configuration (section "followup-lint").
  (setq-default eglot-workspace-configuration
                '(:followup-lint (:grammar t))))  ; :roster "roster.toml" :company "Northwind"

(add-hook 'message-mode-hook #'eglot-ensure)
(add-hook 'mail-mode-hook #'eglot-ensure)
