"""A run over files: configuration and what it selects (`config`, reading files in
`config_files`, rules and their options in `config_rules`, globs in `config_globs`), the
built-in rule set (`builtin`), finding the files (`files`, `targets`), one article through the
engine (`article`), many of them with workers and the result cache (`runner`, `cache`), the
baseline (`baseline`) and changes since a git revision (`changes`).

May import: `artlint.engine`, `artlint.rules`, `artlint.document`, `artlint.parse`,
`artlint.model`, `artlint.safe`.
"""
