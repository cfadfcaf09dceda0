"""A run over files: configuration and what it selects (`config`), the built-in rule set
(`builtin`), finding the files (`files`, `targets`), one article through the engine
(`article`), many of them with workers and the result cache (`runner`, `cache`), the
baseline (`baseline`), changes since a git revision (`changes`) and the site generators
(`generator`).

May import: `artlint.engine`, `artlint.rules`, `artlint.document`, `artlint.parse`,
`artlint.model`, `artlint.safe`.
"""
