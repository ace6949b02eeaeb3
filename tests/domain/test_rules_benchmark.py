"""The discretion benchmark (裁量基准) as reference data, and its loader's errors.

《行政处罚法》第三十四条: "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。
行政处罚裁量基准应当向社会公布。" The band is the benchmark's, with its citation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inspector_app.domain.rules import BenchmarkError, load_benchmarks

SHIPPED = Path(__file__).parents[2] / "resources/reference/benchmarks"


def _raw() -> dict[str, Any]:
    return json.loads(next(SHIPPED.glob("*.json")).read_text(encoding="utf-8"))


def _write(folder: Path, name: str, raw: dict[str, Any]) -> None:
    (folder / name).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def test_shipped_default_benchmark() -> None:
    bench = load_benchmarks(SHIPPED).default()
    assert bench is not None and bench.default
    assert "国市监法规〔2022〕2号" in bench.citation
    assert not bench.verified and "未能核对" in bench.note  # the attribution is unconfirmed
    assert bench.lenient.fine_range(5000, 50000) == (5000, 18500)
    assert bench.reduce.allowed and bench.reduce.fine_range(5000) == (1, 4999)
    assert bench.entry("food-inspection-48") is not None
    assert bench.lenient_for("food-inspection-48") == bench.lenient


def test_an_entry_overrides_the_band_for_its_matter(tmp_path: Path) -> None:
    raw = _raw()
    band = {"from": 0.0, "to": 0.2, "text": "较低的20%", "citation": "《某基准》第三条"}
    raw["entries"] = [{"id": "e1", "title": "某事项", "lenient": band}]
    raw["reduce"] = {**raw["reduce"], "floor_share": 0.5}
    _write(tmp_path, "a.json", raw)
    bench = load_benchmarks(tmp_path).default()
    assert bench is not None
    assert bench.lenient_for("e1").fine_range(1000, 11000) == (1000, 3000)
    assert bench.lenient_for("other").fine_range(1000, 11000) == (1000, 4000)
    assert bench.reduce_for("e1").fine_range(5000) == (2500, 4999)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"citation": ""}, "citation"),
        ({"effective_from": "2022/10/08"}, "ISO"),
        ({"lenient": {"from": 0.3, "to": 0.1, "text": "x", "citation": "y"}}, "必须大于"),
        ({"lenient": {"from": 0, "to": 3, "text": "x", "citation": "y"}}, "0 到 1"),
        ({"reduce": {"allowed": "yes", "text": "x", "citation": "y"}}, "true 或 false"),
        ({"entries": [{"id": "a", "title": "t"}, {"id": "a", "title": "u"}]}, "重复"),
        ({"entries": {"id": "a"}}, "列表"),
    ],
)
def test_malformed_files_name_the_file_and_the_problem(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    _write(tmp_path, "bad.json", {**_raw(), **change})
    with pytest.raises(BenchmarkError, match=message) as err:
        load_benchmarks(tmp_path)
    assert "bad.json" in str(err.value)


def test_unreadable_and_missing(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="不存在"):
        load_benchmarks(tmp_path / "none")
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(BenchmarkError, match="x.json"):
        load_benchmarks(tmp_path)


def test_ids_unique_and_one_default(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", _raw())
    _write(tmp_path, "b.json", {**_raw(), "id": "other"})
    with pytest.raises(BenchmarkError, match="default"):
        load_benchmarks(tmp_path)
    _write(tmp_path, "b.json", _raw())
    with pytest.raises(BenchmarkError, match="重复"):
        load_benchmarks(tmp_path)
    _write(tmp_path, "b.json", {**_raw(), "id": "other", "default": False})
    benches = load_benchmarks(tmp_path)
    assert benches.default() is benches.get(_raw()["id"])
