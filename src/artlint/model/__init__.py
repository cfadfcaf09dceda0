"""The values every layer shares: findings, their fixes and what a fix may change
(`diagnostics`), a file's result (`results`), the base of every rule's options (`options`),
suppression directives and what they left (`suppression`), and the compact form findings take
between processes and in the cache (`codec`).

May import: nothing of artlint's besides itself; `results` names the fixer's result type for
annotations only (tests/test_layers.py lists that exception).
"""
