"""Rules: what a rule is (`base`), the built-in content rules (one module each, named by code
and name so that a rule and its case file `tests/cases/<module>.yaml` sort together), their list
(`registry`), and the declarative rule packs (`packs`; what each kind of pack rule finds is in
`pack_checks`).

A rule reads a Document and yields violations; it knows nothing of the engine or reports, and
what configuration gives it arrives as its options (built from `[rules.<name>]`, and for the
rules that read the `[metadata]` table, by their `Rule.metadata` hook). The engine's own
rules (an unreadable file, a crash, a refused fix, an unused suppression) live with the engine,
in `artlint.engine.own`.
May import: `artlint.document`, `artlint.parse`, `artlint.model`, `artlint.safe`.
"""
