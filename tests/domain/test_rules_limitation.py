"""NP-5, 《行政处罚法》第三十六条: two years, five where life, health or finance and harm."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inspector_app.domain.entities import DispositionKind, Finding, Severity
from inspector_app.domain.rules import limitation_expired, limitation_last_day, np5_limitation


def test_discovered_on_the_last_day_is_in_time() -> None:
    assert not limitation_expired(date(2024, 3, 1), date(2026, 3, 1))
    assert limitation_expired(date(2024, 3, 1), date(2026, 3, 2))


def test_february_29_counts_to_february_28() -> None:
    assert limitation_last_day(date(2024, 2, 29)) == date(2026, 2, 28)
    assert not limitation_expired(date(2024, 2, 29), date(2026, 2, 28))
    assert limitation_expired(date(2024, 2, 29), date(2026, 3, 1))


def test_five_years_for_life_health_finance_with_harm() -> None:
    committed, discovered = date(2021, 6, 1), date(2024, 6, 1)
    assert limitation_expired(committed, discovered)
    assert not limitation_expired(committed, discovered, life_health_finance_with_harm=True)
    assert limitation_expired(committed, date(2026, 6, 2), life_health_finance_with_harm=True)


def test_continuing_act_counts_from_its_end() -> None:
    # 第三十六条第二款: 违法行为有连续或者继续状态的，从行为终了之日起计算。
    assert not limitation_expired(
        date(2020, 1, 1), date(2026, 6, 1), continuing_until=date(2025, 1, 10)
    )
    assert limitation_expired(
        date(2020, 1, 1), date(2027, 1, 11), continuing_until=date(2025, 1, 10)
    )
    with pytest.raises(ValueError):
        limitation_last_day(date(2024, 1, 1), continuing_until=date(2023, 1, 1))


def _finding(**kw: object) -> Finding:
    base = Finding("t1", "i1", "FS-001", "经营超过保质期的食品", Severity.GENERAL)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_np5_verdict() -> None:
    v = np5_limitation(
        _finding(committed_on=date(2023, 1, 10), discovered_on=date(2025, 2, 1)),
        today=date(2025, 2, 1),
    )
    assert v.applies and v.kind is DispositionKind.NO_PENALTY and v.mandatory
    assert "2025年1月10日" in v.explanation
    assert any("第三十六条" in b for b in v.legal_basis)


def test_np5_uses_five_years_only_with_harm() -> None:
    f = _finding(
        committed_on=date(2022, 1, 10), discovered_on=date(2025, 2, 1), life_health_finance=True
    )
    assert np5_limitation(f, today=date(2025, 2, 1)).applies
    assert not np5_limitation(replace(f, harm="minor"), today=date(2025, 2, 1)).applies


def test_np5_not_applicable_without_date_or_when_continuing() -> None:
    assert not np5_limitation(_finding(), today=date(2025, 2, 1)).applies
    f = _finding(committed_on=date(2020, 1, 1), continuing=True)
    assert not np5_limitation(f, today=date(2025, 2, 1)).applies
