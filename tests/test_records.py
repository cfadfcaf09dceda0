"""Articles as records (artlint.records): the same findings as the CLI gives for files."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from artlint.records import RecordSettings, check_record, codes
from cli_runner import invoke

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FRONT = "---\ntitle: t\ndate: 2024-01-01\n---\n"


def _cli(folder: Path, *args: str) -> dict[str, list[tuple[str, int, int, str]]]:
    out = invoke(
        ["check", str(folder), "--isolated", "--no-cache", "--output-format", "json", *args]
    )
    by_file: dict[str, list[tuple[str, int, int, str]]] = {}
    for d in json.loads(out.output)["diagnostics"]:
        by_file.setdefault(Path(d["path"]).name, []).append(
            (d["code"], d["line"], d["column"], d["message"])
        )
    return by_file


def _mine(result_findings: tuple[dict[str, object], ...]) -> list[tuple[str, int, int, str]]:
    return [
        (str(f["code"]), int(str(f["line"])), int(str(f["column"])), str(f["message"]))
        for f in result_findings
    ]


def test_records_find_what_the_cli_finds_in_files() -> None:
    settings = RecordSettings(packs=("rss-portal", "wordpress"))
    expected = _cli(EXAMPLES, "--packs", "rss-portal,wordpress")
    for path in sorted(EXAMPLES.iterdir()):
        result = check_record(path.read_bytes(), path.name, settings)
        assert _mine(result.findings) == expected.get(path.name, []), path.name
        assert all(f["path"] == path.name for f in result.findings)


def test_fixing_a_record_gives_the_text_fix_write_gives(tmp_path: Path) -> None:
    for path in sorted(EXAMPLES.iterdir()):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert invoke(["fix", "--write", "--isolated", "--no-cache", str(tmp_path)]).exit_code in (0, 1)
    after = _cli(tmp_path)
    for path in sorted(EXAMPLES.iterdir()):
        result = check_record(path.read_text(encoding="utf-8"), path.name, fix=True)
        fixed = (tmp_path / path.name).read_text(encoding="utf-8")
        assert (result.fixed_text or path.read_text(encoding="utf-8")) == fixed, path.name
        assert _mine(result.findings) == after.get(path.name, []), path.name


def test_bad_records_get_their_finding_and_nothing_raises() -> None:
    assert codes(check_record(b"\xff\xfe\x00x", "binary")) == ["AL001"]
    assert codes(check_record("---\ntitle: [\n---\nx\n", "yaml")) == ["AL002"]
    imported = RecordSettings(provenance="imported")
    fixed = check_record(FRONT + "<p>a</p><!-- ad -->\n", "ok", imported, fix=True)
    assert fixed.fixed_text == FRONT + "<p>a</p>\n" and fixed.findings == ()
    assert check_record(FRONT + "x\n", "clean", fix=True).fixed_text is None


def test_settings_are_small_picklable_values() -> None:
    settings = RecordSettings(packs=("rss-portal",), ignore=("AL302",), provenance="imported")
    data = pickle.dumps(settings)
    assert len(data) < 400 and pickle.loads(data) == settings
    assert (
        settings.rules()
        is RecordSettings(packs=("rss-portal",), ignore=("AL302",), provenance="imported").rules()
    )  # built once per process for equal settings
    assert not any(c.rule.code == "AL302" for c in settings.rules())
    assert any(c.rule.code == "RSS101" for c in settings.rules())


def test_the_manifest_hash_is_that_of_the_record_bytes() -> None:
    # A record that is not UTF-8 travels as \udcXX escapes; its manifest hash must be the
    # hash of the bytes it was, not of those escapes encoded some other way.
    import hashlib

    from artlint.integrations.archive import _sha

    raw = b"caf\xe9 au lait"
    assert _sha(raw.decode("utf-8", "surrogateescape")) == hashlib.sha256(raw).hexdigest()
    assert _sha("plain") == hashlib.sha256(b"plain").hexdigest()
