"""The values every layer shares: findings and their fixes (`diagnostics`), a file's result
(`results`), and the compact form findings take between processes and in the cache (`codec`).

May import: nothing of artlint's besides itself.
"""
