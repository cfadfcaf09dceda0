"""Guards for what artlint reads and writes on behalf of people it may not trust.

Owns: patterns from configuration run with a time limit (`patterns`), reads of regular files
only, with a size limit (`regular`), and atomic replacement of a file (`writer`).
May import: the standard library and third-party packages only; nothing of artlint's.
"""
