"""Agency settings are data: another folder changes what prints, without code."""

from __future__ import annotations

import json
import shutil

import pytest

from inspector_app.documents import DocumentError, load_settings, render_pdf
from inspector_app.documents.settings import default_folder
from inspector_app.domain.entities import DocumentKind

from .helpers import pdf_text


def test_defaults_are_a_shenzhen_district_bureau() -> None:
    """行政复议法第二十四条第四款: "对县级以上地方各级人民政府工作部门依法设立的派出机构依照
    法律、法规、规章规定，以派出机构的名义作出的行政行为不服的行政复议案件，由本级人民政府
    管辖；其中，对直辖市、设区的市人民政府工作部门按照行政区划设立的派出机构作出的行政行为
    不服的，也可以由其所在地的人民政府管辖。" 福田监管局 is such a 派出机构 of 深圳市市场监督
    管理局, so 深圳市人民政府 or 深圳市福田区人民政府. 行政诉讼法第十八条: "行政案件由最初作出
    行政行为的行政机关所在地人民法院管辖", and 第十四条: "基层人民法院管辖第一审行政案件"."""
    s = load_settings()
    assert s.agency.name == "深圳市市场监督管理局福田监管局"
    assert s.agency.code == "深市监福"
    assert s.type_codes[DocumentKind.ORDER_TO_CORRECT] == "责改"
    assert set(s.type_codes) == set(DocumentKind)
    assert s.seal_png is not None and len(s.seal_png) < 50_000 and s.seal_is_sample
    assert s.remedy_clause
    assert s.agency.review_body == "深圳市人民政府或者深圳市福田区人民政府"
    assert s.agency.court == "深圳市福田区人民法院"
    assert s.agency.department_code == "SZSCJG"
    assert s.province == "广东省" and s.lower_amount() == (10000, 100000)
    assert s.verify_base_url == "http://127.0.0.1:8000"


def test_an_agency_folder_overrides_the_defaults(tmp_path, task) -> None:
    from inspector_app.documents.samples import sample_documents

    from .conftest import INSPECTORS

    folder = tmp_path / "agency"
    folder.mkdir()
    data = json.loads((default_folder() / "agency.json").read_text(encoding="utf-8"))
    data["agency"]["name"] = "某市市场监督管理局某某分局"
    data["agency"]["review_body"] = "某市某区人民政府"
    data["remedy_clause"] = False
    (folder / "agency.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    wording = json.loads((default_folder() / "wording.json").read_text(encoding="utf-8"))
    wording["common"]["page_footer"] = "Page {page} of {pages}"
    (folder / "wording.json").write_text(json.dumps(wording, ensure_ascii=False), encoding="utf-8")
    s = load_settings(folder)
    doc = sample_documents(task, INSPECTORS, s)[DocumentKind.ORDER_TO_CORRECT]
    text = pdf_text(render_pdf(doc, s))
    assert "某市市场监督管理局某某分局" in text
    assert "PageXof".replace("X", "1") in text.replace(" ", "")
    assert "申请行政复议" not in text  # remedy clause switched off


def test_a_broken_settings_file_says_which(tmp_path) -> None:
    shutil.copy(default_folder() / "wording.json", tmp_path / "wording.json")
    (tmp_path / "agency.json").write_text('{"agency": {"name": "x"}}', encoding="utf-8")
    with pytest.raises(DocumentError, match="agency.json"):
        load_settings(tmp_path)
