"""Signing in the window: the pad (mouse strokes synthesised with QTest, undo, clear), an
inspector's, a witness's and the party's signature, and the party's refusal with a
witness; what is stored is checked through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from inspector_app.services import start_inspection
from inspector_app.services.visit_record import (
    check_signature_image,
    signature_image,
    signatures,
)
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.widgets.signature_pad import SignaturePad

from .keyboard import press, wait_op

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def profile(demo_profile):  # type: ignore[no-untyped-def]
    return demo_profile


@pytest.fixture
def window(demo_window):  # type: ignore[no-untyped-def]
    return demo_window


_wait_op, _keys = wait_op, press


def stroke(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with the mouse: press, move through ``points``, release."""
    QTest.mousePress(pad, LEFT, NONE, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, LEFT, NONE, QPoint(*points[-1]))


def signature(pad: SignaturePad) -> None:
    """A name's worth of strokes: a zigzag and a loop."""
    stroke(pad, [(30 + 12 * n, 40 + (30 if n % 2 else 0)) for n in range(20)])
    stroke(pad, [(60, 110), (120, 90), (180, 120), (240, 95), (300, 115)])


def checked_in(window: MainWindow, profile) -> str:
    task_id = window.current_task_id()
    assert task_id is not None
    window.data_changed.emit(start_inspection(profile, task_id, present=["王五"]))
    return task_id


def test_pad_draws_undoes_clears_and_exports_a_signature(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 180)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    signature(pad)
    assert len(pad.strokes) == 2
    check_signature_image(pad.to_png(), who="test")  # a usable signature
    pad.undo()
    assert len(pad.strokes) == 1
    pad.clear()
    assert pad.is_empty()
    # A dot is no signature.
    stroke(pad, [(50, 50)])
    with pytest.raises(Exception, match="empty|空"):
        check_signature_image(pad.to_png(), who="test")


def test_sign_each_inspector_witness_and_party_refusal(qtbot, window, profile):
    task_id = checked_in(window, profile)
    panel = window.visit.tabs.signatures
    _keys(qtbot, Qt.Key.Key_G)  # Show the signatures: the signer box has the focus
    assert window.visit.tabs.currentWidget() is panel
    assert QApplication.focusWidget() is panel.signer
    qtbot.waitUntil(lambda: panel.signer.count() > 2)
    me = profile.user.id
    assert panel.signer.currentData() == me
    assert not panel.sign_button.isEnabled()  # nothing on the pad yet

    # Draw, undo a stray stroke by keyboard, record.
    signature(panel.pad)
    stroke(panel.pad, [(400, 20), (410, 160)])
    assert len(panel.pad.strokes) == 3
    _keys(qtbot, Qt.Key.Key_Z)  # Undo the last stroke
    assert len(panel.pad.strokes) == 2
    _keys(qtbot, Qt.Key.Key_E)  # Record the signature
    _wait_op(qtbot, window)
    stored = signatures(profile, task_id)
    assert me in stored and not stored[me].refused
    png = signature_image(profile, stored[me])
    assert png is not None
    check_signature_image(png, who="me")
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    assert panel.pad.is_empty()
    assert panel.signer.currentData() != me  # on to the next signer

    # A witness signs with a name; without one the service refuses (shown in the panel).
    panel.signer.setCurrentIndex(panel.signer.findData("witness"))
    signature(panel.pad)
    _keys(qtbot, Qt.Key.Key_E)
    _wait_op(qtbot, window)
    assert "witness" not in signatures(profile, task_id)
    assert panel.message.text()
    qtbot.keyClicks(panel.name, "Zhao Liu, neighbourhood committee")
    _keys(qtbot, Qt.Key.Key_E)
    _wait_op(qtbot, window)
    witness = signatures(profile, task_id)["witness"]
    assert witness.name == "Zhao Liu, neighbourhood committee"

    # The party refuses: without a witness or a recording, refused; with one, recorded.
    _keys(qtbot, Qt.Key.Key_B)
    _wait_op(qtbot, window)
    assert "party" not in signatures(profile, task_id)
    assert panel.message.text()
    qtbot.keyClicks(panel.refusal_witness, "Zhao Liu")
    _keys(qtbot, Qt.Key.Key_B)
    _wait_op(qtbot, window)
    party = signatures(profile, task_id)["party"]
    assert party.refused and party.witness == "Zhao Liu" and party.sha256 is None
    qtbot.waitUntil(lambda: panel.list.count() == 3)
    assert any("Zhao Liu" in panel.list.item(n).text() for n in range(3))


def test_empty_pad_never_recorded(qtbot, window, profile):
    task_id = checked_in(window, profile)
    panel = window.visit.tabs.signatures
    _keys(qtbot, Qt.Key.Key_G)
    stroke(panel.pad, [(50, 50), (52, 51)])  # a dot
    _keys(qtbot, Qt.Key.Key_E)
    _wait_op(qtbot, window)
    assert panel.message.text()
    assert signatures(profile, task_id) == {}
    _keys(qtbot, Qt.Key.Key_X)  # Clear the pad
    assert panel.pad.is_empty() and not panel.sign_button.isEnabled()


def test_pad_takes_touch_and_pen(qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPointingDevice, QTabletEvent

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 180)
    pad.show()
    qtbot.waitExposed(pad)
    # A finger.
    touch = QTest.createTouchDevice()
    QTest.touchEvent(pad, touch).press(0, QPoint(40, 40), pad).commit()
    for n in range(1, 15):
        QTest.touchEvent(pad, touch).move(
            0, QPoint(40 + 20 * n, 40 + (40 if n % 2 else 0)), pad
        ).commit()
    QTest.touchEvent(pad, touch).release(0, QPoint(340, 60), pad).commit()
    assert len(pad.strokes) == 1
    # A pen.
    pen = QPointingDevice.primaryPointingDevice()
    for kind, x in (
        (QTabletEvent.Type.TabletPress, 60),
        (QTabletEvent.Type.TabletMove, 200),
        (QTabletEvent.Type.TabletMove, 300),
        (QTabletEvent.Type.TabletRelease, 400),
    ):
        at = QPointF(x, 140)
        event = QTabletEvent(
            kind,
            pen,
            at,
            pad.mapToGlobal(at),
            0.5,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
    assert len(pad.strokes) == 2
    check_signature_image(pad.to_png(), who="test")
