"""The engine: rules run over one Document (`check`), the article's suppressions
(`suppressions`), fixes applied as text edits until nothing changes (`fixer`) and the safety
oracle that refuses a "safe" fix that changes what readers see (`oracle`). Its own findings
are rules too (`own`).

The rule set is passed in by the caller; the engine imports no content rule.
May import: `artlint.rules.base`, `artlint.document`, `artlint.parse`, `artlint.model`,
`artlint.safe`.
"""
