"""``inspector-app --demo`` works on its own demo profile, never the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspector_app.app as app
from inspector_app.cli import main


def test_demo_uses_the_demo_profile_and_leaves_the_users_own_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "FieldInspector" / "default"
    monkeypatch.setenv("INSPECTOR_PROFILE", str(own))
    monkeypatch.setenv("INSPECTOR_KEYRING", "off")
    seen = {}

    def window(profile, **_kw):  # type: ignore[no-untyped-def]
        from inspector_app.services import list_tasks

        seen["folder"] = profile.folder
        seen["tasks"] = len(list_tasks(profile))
        seen["server"] = _kw.get("server_url")
        return 0

    monkeypatch.setattr(app, "run_gui", window)
    assert main(["--demo", "--lang", "en"]) == 0
    assert Path(seen["folder"]) == own.parent / "demo"
    assert seen["tasks"] > 0 and str(seen["server"]).startswith("http://127.0.0.1:")
    assert not own.exists()
