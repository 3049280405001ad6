"""The banner: hidden until a message comes, Dismiss hides it and says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from linreg_lab.gui.panels.banner import Banner
from tests.gui.language_switch import chinese


@pytest.fixture
def banner(qtbot) -> Banner:
    widget = Banner()
    qtbot.addWidget(widget)
    return widget


def test_hidden_until_a_message_is_shown(banner: Banner) -> None:
    assert banner.isHidden()
    banner.show_message("η is above the stability limit", "warning")
    assert not banner.isHidden()
    assert banner.text() == "η is above the stability limit"
    assert banner.kind() == "warning"


@pytest.mark.parametrize("kind", ["warning", "error", "info"])
def test_every_kind_has_its_own_readable_style(banner: Banner, kind: str) -> None:
    banner.show_message("text", kind)
    assert "background" in banner.styleSheet()
    assert "#202020" in banner.styleSheet()  # dark text on a light tint


def test_unknown_kind_is_refused(banner: Banner) -> None:
    with pytest.raises(ValueError, match="kind"):
        banner.show_message("text", "shout")


def test_dismiss_button_hides_and_emits(qtbot, banner: Banner) -> None:
    banner.show_message("Training diverged", "error")
    button = banner.findChild(QPushButton, "bannerDismiss")
    assert button.accessibleName()
    with qtbot.waitSignal(banner.dismissed, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert banner.isHidden()


def test_clear_hides_without_emitting(qtbot, banner: Banner) -> None:
    banner.show_message("note", "info")
    with qtbot.assertNotEmitted(banner.dismissed):
        banner.clear()
    assert banner.isHidden()
    assert banner.text() == ""


def test_language_switch_retranslates_in_place(banner: Banner) -> None:
    banner.show_message("η is above the stability limit", "warning")
    button = banner.findChild(QPushButton, "bannerDismiss")
    with chinese():
        assert button.text() == "关闭"
        assert "警告" in banner.accessibleDescription()
        assert banner.text() == "η is above the stability limit"  # the caller's words stay
        assert banner.kind() == "warning" and not banner.isHidden()
    assert button.text() == "Dismiss"
    assert banner.accessibleDescription().startswith("Warning:")


def test_the_divergence_message_goes_when_a_run_that_did_not_diverge_is_shown(make_window):
    """A lesson loaded after a divergence kept the old red message (with the old η)."""
    from linreg_lab.gui.state.data_state import GenerationSpec

    window = make_window()
    s = window.session
    window.request(s.set_hyperparameters, lr=5.0, batch_size=80)
    s.step(50)
    assert s.trainer.diverged and window.banner.kind() == "error"
    window.request(s.set_hyperparameters, lr=0.03)
    window.lab_actions.reset.trigger()
    assert window.banner.isHidden() or window.banner.kind() != "error"
    window.request(s.set_hyperparameters, lr=5.0)
    s.step(50)
    assert s.trainer.diverged and window.banner.kind() == "error"
    s.rewind_to(1)  # a step before the explosion
    assert not s.trainer.diverged and window.banner.kind() != "error"
    window.request(s.set_hyperparameters, lr=0.03)
    s.generate(GenerationSpec(seed=3))
    assert not window.banner.isVisible() or window.banner.kind() != "error"
