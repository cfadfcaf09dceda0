"""Every rule case file, through the harness, as LF, CRLF and BOM copies."""

from __future__ import annotations

import pytest

from harness import Case, all_cases, run_case

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{c.name}" for c in CASES])
def test_case(case: Case) -> None:
    run_case(case)


VARIANTS = [c for c in CASES if c.variants]


@pytest.mark.parametrize("case", VARIANTS, ids=[f"{c.code}-{c.name}" for c in VARIANTS])
def test_case_crlf(case: Case) -> None:
    run_case(case, newline="\r\n")


@pytest.mark.parametrize("case", VARIANTS, ids=[f"{c.code}-{c.name}" for c in VARIANTS])
def test_case_bom(case: Case) -> None:
    run_case(case, bom=True)
