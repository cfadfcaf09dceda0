"""artlint as a language server for editors (`artlint server`; `pip install 'artlint[server]'`).

- `positions`: LSP lines and code units (UTF-16 by default) from and to text offsets;
- `convert`: findings, fixes and suppressions as LSP values; edits between two texts;
- `work`: the library calls (check, fix) the server makes, on its worker thread;
- `lsp`: the pygls server: buffers, debounced checks, configuration reloads;
- `actions`: code actions, the fix-all command and hover.

May import: `artlint.api` and every layer below it (`artlint.report.rule_pages` for hover).
"""
