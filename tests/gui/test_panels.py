"""Data panel, training panel and hyperparameter bar: fields in, requests out, no ping-pong."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSlider,
    QWidget,
)

from linreg_lab.gui.panels.data_panel import DataPanel
from linreg_lab.gui.panels.hyperparameter_bar import (
    SPEEDS,
    HyperparameterBar,
    speed_index,
    step_125,
)
from linreg_lab.gui.panels.training_panel import TrainingPanel
from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.widgets.fields import ERROR_TINT, format_weights, parse_weights
from tests.gui.language_switch import chinese, is_chinese

LEFT = Qt.MouseButton.LeftButton
CONTROLS = (QAbstractButton, QSlider, QAbstractSpinBox, QComboBox, QLineEdit)


def retype(qtbot, widget: QWidget, text: str) -> None:
    """Select all, type `text` and press Enter, as a learner would."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def all_controls_explained(root: QWidget) -> None:
    """Every control has an accessible name and a tooltip."""
    controls = [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS)
                and not isinstance(w.parent(), QAbstractSpinBox)]  # skip a spin box's editor
    assert len(controls) >= 4
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.toolTip(), widget


# ----- parse_weights -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("2", (2.0,)), (" 2, -3.4 ", (2.0, -3.4)), ("1e-3,0", (0.001, 0.0)), ("−1，2", (-1.0, 2.0)),
])
def test_parse_weights_accepts_numbers(text: str, expected: tuple[float, ...]) -> None:
    assert parse_weights(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "one weight per feature"), ("2,", "missing"), ("2, x", "“x” is not a number"),
    ("inf", "not a finite"), (",".join(["1"] * 101), "At most 100"),
])
def test_parse_weights_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_weights(text)


def test_format_weights_round_trips_exactly() -> None:
    w = (2.0, -3.4, 0.1 + 0.2, 1e-12)
    assert parse_weights(format_weights(w)) == w
    assert format_weights((2.0, -3.4)) == "2, -3.4"


# ----- DataPanel -----------------------------------------------------------------------------
@pytest.fixture
def data_panel(qtbot) -> DataPanel:
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_data_panel_explains_every_control(data_panel: DataPanel) -> None:
    assert data_panel.title() == "Data"
    all_controls_explained(data_panel)


def test_generate_emits_the_spec_the_fields_show(qtbot, data_panel: DataPanel) -> None:
    retype(qtbot, data_panel.w_edit, "2, -3.4")
    retype(qtbot, data_panel.b_spin, "4.2")
    retype(qtbot, data_panel.noise_spin, "0.01")
    data_panel.noise_combo.setCurrentIndex(data_panel.noise_combo.findData("laplace"))
    retype(qtbot, data_panel.n_spin, "1000")
    retype(qtbot, data_panel.seed_spin, "7")
    click_box(qtbot, data_panel.range_check)
    retype(qtbot, data_panel.lo_spin, "-1")
    retype(qtbot, data_panel.hi_spin, "5")
    retype(qtbot, data_panel.val_spin, "30")
    with qtbot.waitSignal(data_panel.generateRequested, timeout=1000) as blocker:
        qtbot.mouseClick(data_panel.generate_button, LEFT)
    assert blocker.args == [GenerationSpec(
        w=(2.0, -3.4), b=4.2, noise_std=0.01, noise="laplace", num_examples=1000, seed=7,
        x_range=(-1.0, 5.0), val_fraction=0.3)]


def test_x_range_off_means_standard_normal_x(data_panel: DataPanel) -> None:
    assert not data_panel.range_check.isChecked()
    assert not data_panel.lo_spin.isEnabled()
    assert data_panel.spec().x_range is None


def test_invalid_w_disables_generate_and_explains(qtbot, data_panel: DataPanel) -> None:
    data_panel.w_edit.clear()
    qtbot.keyClicks(data_panel.w_edit, "2, abc")
    assert not data_panel.generate_button.isEnabled()
    assert data_panel.spec() is None
    assert "“abc” is not a number" in data_panel.w_edit.toolTip()
    assert data_panel.w_edit.property("invalid") is True
    assert data_panel.error_label.isVisibleTo(data_panel)
    with qtbot.assertNotEmitted(data_panel.generateRequested):
        qtbot.keyClick(data_panel.w_edit, Qt.Key.Key_Return)
    for _ in "abc":
        qtbot.keyClick(data_panel.w_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(data_panel.w_edit, "1")
    assert data_panel.w_edit.text() == "2, 1"
    assert data_panel.generate_button.isEnabled()
    assert data_panel.w_edit.property("invalid") is False
    assert not data_panel.error_label.isVisibleTo(data_panel)


def test_empty_x_range_is_invalid(qtbot, data_panel: DataPanel) -> None:
    click_box(qtbot, data_panel.range_check)
    retype(qtbot, data_panel.lo_spin, "3")
    retype(qtbot, data_panel.hi_spin, "3")
    assert data_panel.spec() is None
    assert not data_panel.generate_button.isEnabled()
    assert "above" in data_panel.hi_spin.toolTip()


def test_validation_share_emits_a_fraction(qtbot, data_panel: DataPanel) -> None:
    with qtbot.waitSignal(data_panel.validationFractionRequested, timeout=1000) as blocker:
        retype(qtbot, data_panel.val_spin, "25")
    assert blocker.args == [0.25]
    assert data_panel.val_slider.value() == 25
    with qtbot.waitSignal(data_panel.validationFractionRequested, timeout=1000) as blocker:
        data_panel.val_slider.setFocus()
        qtbot.keyClick(data_panel.val_slider, Qt.Key.Key_End)
    assert blocker.args == [0.5]
    assert data_panel.val_spin.value() == 50


def test_set_spec_fills_fields_without_emitting(qtbot, data_panel: DataPanel) -> None:
    spec = GenerationSpec(w=(1.5, -2.0, 0.25), b=-1.0, noise_std=0.5, noise="outliers",
                          num_examples=250, seed=3, x_range=(0.0, 10.0), val_fraction=0.1)
    with qtbot.assertNotEmitted(data_panel.generateRequested), \
            qtbot.assertNotEmitted(data_panel.validationFractionRequested):
        data_panel.set_spec(spec)
        data_panel.set_validation_fraction(0.4)
    assert data_panel.w_edit.text() == "1.5, -2, 0.25"
    assert data_panel.spec() == GenerationSpec(**{**spec.__dict__, "val_fraction": 0.4})
    assert data_panel.lo_spin.isEnabled()


def test_set_spec_clears_an_earlier_error(qtbot, data_panel: DataPanel) -> None:
    qtbot.keyClicks(data_panel.w_edit, "x")
    assert not data_panel.generate_button.isEnabled()
    data_panel.set_spec(GenerationSpec())
    assert data_panel.generate_button.isEnabled()
    assert data_panel.w_edit.property("invalid") is False


# ----- TrainingPanel -------------------------------------------------------------------------
@pytest.fixture
def training_panel(qtbot) -> TrainingPanel:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def click_box(qtbot, box) -> None:
    """Click a check box on its indicator (a click beyond its text does not toggle it)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def select(qtbot, combo, key: str) -> None:
    """Pick an item of a combo box with the keyboard."""
    combo.setFocus()
    while combo.currentData() != key:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_training_panel_explains_every_control(training_panel: TrainingPanel) -> None:
    assert training_panel.title() == "Training"
    all_controls_explained(training_panel)


def test_training_panel_emits_only_the_changed_key(qtbot, training_panel: TrainingPanel) -> None:
    with qtbot.waitSignal(training_panel.hyperparametersRequested, timeout=1000) as blocker:
        click_box(qtbot, training_panel.shuffle_check)
    assert blocker.args == [{"shuffle": False}]
    with qtbot.waitSignal(training_panel.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, training_panel.seed_spin, "123")
    assert blocker.args == [{"seed": 123}]
    with qtbot.waitSignal(training_panel.hyperparametersRequested, timeout=1000) as blocker:
        select(qtbot, training_panel.loss_combo, "absolute")
    assert blocker.args == [{"loss": "absolute"}]


def test_chosen_point_fields_emit_when_edited(qtbot, training_panel: TrainingPanel) -> None:
    assert not training_panel.init_w_edit.isEnabled()
    requests: list[dict] = []
    training_panel.hyperparametersRequested.connect(requests.append)
    select(qtbot, training_panel.init_combo, "point")  # passes "zeros" on the way
    assert requests == [{"init": "zeros"}, {"init": "point"}]
    assert training_panel.init_w_edit.isEnabled()
    with qtbot.waitSignal(training_panel.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, training_panel.init_w_edit, "-1, 3")
    assert blocker.args == [{"init_w": (-1.0, 3.0)}]
    with qtbot.assertNotEmitted(training_panel.hyperparametersRequested):
        retype(qtbot, training_panel.init_b_edit, "oops")
    assert training_panel.init_b_edit.property("invalid") is True


def test_huber_delta_is_enabled_only_for_huber(qtbot, training_panel: TrainingPanel) -> None:
    assert not training_panel.delta_spin.isEnabled()
    select(qtbot, training_panel.loss_combo, "huber")
    assert training_panel.delta_spin.isEnabled()
    with qtbot.waitSignal(training_panel.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, training_panel.delta_spin, "0.5")
    assert blocker.args == [{"huber_delta": 0.5}]
    training_panel.set_values(Hyperparameters(loss="squared"))
    assert not training_panel.delta_spin.isEnabled()


def test_training_set_values_does_not_emit(qtbot, training_panel: TrainingPanel) -> None:
    h = Hyperparameters(init="point", init_w=(1.0, -2.5), init_b=0.5, loss="huber",
                        huber_delta=2.0, shuffle=False, seed=9)
    with qtbot.assertNotEmitted(training_panel.hyperparametersRequested):
        training_panel.set_values(h)
    assert training_panel.values() == {
        "init": "point", "init_w": (1.0, -2.5), "init_b": 0.5, "loss": "huber",
        "huber_delta": 2.0, "shuffle": False, "standardize": False, "seed": 9}
    assert training_panel.init_w_edit.isEnabled()


def test_set_point_chooses_the_point_in_one_request(qtbot, training_panel: TrainingPanel) -> None:
    requests: list[dict] = []
    training_panel.hyperparametersRequested.connect(requests.append)
    training_panel.set_point((1.23456789, -2.0), 0.333333)
    assert requests == [{"init": "point", "init_w": (1.235, -2.0), "init_b": 0.3333}]
    assert training_panel.init_combo.currentData() == "point"
    assert training_panel.init_w_edit.text() == "1.235, -2"
    with qtbot.assertNotEmitted(training_panel.hyperparametersRequested):
        training_panel.set_point((1.235, -2.0), 0.3333)  # the same point again


# ----- HyperparameterBar ---------------------------------------------------------------------
@pytest.fixture
def bar(qtbot) -> HyperparameterBar:
    widget = HyperparameterBar()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(("value", "steps", "expected"), [
    (0.03, 1, 0.05), (0.03, -1, 0.02), (0.05, 1, 0.1), (0.1, -1, 0.05), (1.0, 3, 10.0),
    (2e-5, -1, 1e-5), (0.01, 2, 0.05), (7.0, -2, 2.0),
])
def test_step_125(value: float, steps: int, expected: float) -> None:
    assert step_125(value, steps) == pytest.approx(expected, rel=1e-12)


def test_bar_explains_every_control(bar: HyperparameterBar) -> None:
    all_controls_explained(bar)


def test_bar_emits_lr_batch_and_epochs(qtbot, bar: HyperparameterBar) -> None:
    with qtbot.waitSignal(bar.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, bar.lr_spin, "0.0123")
    assert blocker.args == [{"lr": pytest.approx(0.0123)}]
    with qtbot.waitSignal(bar.hyperparametersRequested, timeout=1000) as blocker:
        qtbot.keyClick(bar.lr_spin, Qt.Key.Key_Up)
    assert blocker.args == [{"lr": pytest.approx(0.02)}]
    with qtbot.waitSignal(bar.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, bar.batch_spin, "32")
    assert blocker.args == [{"batch_size": 32}]
    with qtbot.waitSignal(bar.hyperparametersRequested, timeout=1000) as blocker:
        qtbot.keyClick(bar.batch_spin, Qt.Key.Key_Up)
    assert blocker.args == [{"batch_size": 50}]
    with qtbot.waitSignal(bar.hyperparametersRequested, timeout=1000) as blocker:
        retype(qtbot, bar.epochs_spin, "0")
    assert blocker.args == [{"num_epochs": 0}]
    assert bar.epochs_spin.text() == "until paused"


def test_lr_accepts_tiny_and_scientific_values(qtbot, bar: HyperparameterBar) -> None:
    retype(qtbot, bar.lr_spin, "2.5e-5")
    assert bar.lr_spin.value() == pytest.approx(2.5e-5)
    assert bar.lr_spin.text() == "2.5e−5"


def test_bar_set_values_does_not_emit(qtbot, bar: HyperparameterBar) -> None:
    with qtbot.assertNotEmitted(bar.hyperparametersRequested), \
            qtbot.assertNotEmitted(bar.speedRequested):
        bar.set_values(Hyperparameters(lr=0.5, batch_size=7, num_epochs=12))
        bar.set_speed(20.0)
    assert (bar.lr_spin.value(), bar.batch_spin.value(), bar.epochs_spin.value()) == (0.5, 7, 12)
    assert bar.speed() == 20
    assert bar.speed_label.text() == "20 steps/s"


def test_speed_slider_maps_positions_to_rates(qtbot, bar: HyperparameterBar) -> None:
    bar.set_speed(1.0)
    bar.speed_slider.setFocus()
    rates = []
    bar.speedRequested.connect(rates.append)
    for _ in range(len(SPEEDS) - 1):
        qtbot.keyClick(bar.speed_slider, Qt.Key.Key_Right)
    assert rates == [2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, None]
    assert bar.speed_label.text() == "max"
    bar.set_speed(1000.0)
    assert bar.speed_label.text() == "1k steps/s"


@pytest.mark.parametrize(("rate", "index"), [(None, 10), (1.0, 0), (3.0, 1), (4.0, 2),
                                             (750.0, 9), (1e9, 9)])
def test_speed_index_is_nearest_on_a_log_scale(rate: float | None, index: int) -> None:
    assert speed_index(rate) == index


def test_lr_warning_sets_and_clears_the_tooltip(bar: HyperparameterBar) -> None:
    normal_tip = bar.lr_spin.toolTip()
    bar.set_lr_warning("η = 0.5 is above the stability limit 0.31: SGD will diverge.")
    assert "stability limit" in bar.lr_spin.toolTip()
    assert bar.lr_spin.property("invalid") is True
    assert ERROR_TINT in bar.lr_spin.styleSheet()
    bar.set_lr_warning(None)
    assert bar.lr_spin.toolTip() == normal_tip
    assert bar.lr_spin.styleSheet() == ""


# ----- wired to a real Session, as the main window does ---------------------------------------
def test_panels_drive_a_session_without_ping_pong(qtbot) -> None:
    from linreg_lab.gui.state.session import Session

    session = Session()
    data, training, bar = DataPanel(), TrainingPanel(), HyperparameterBar()
    for widget in (data, training, bar):
        qtbot.addWidget(widget)
    data.generateRequested.connect(session.generate)
    data.validationFractionRequested.connect(session.set_validation_fraction)
    for source in (training, bar):
        source.hyperparametersRequested.connect(lambda d: session.set_hyperparameters(**d))
    session.hyperparametersChanged.connect(lambda: training.set_values(session.hyper))
    session.hyperparametersChanged.connect(lambda: bar.set_values(session.hyper))
    changes: list[None] = []
    session.hyperparametersChanged.connect(lambda: changes.append(None))

    retype(qtbot, data.w_edit, "1.5, -2")
    qtbot.mouseClick(data.generate_button, LEFT)
    assert session.data.spec == data.spec()
    assert session.dataset.n_features == 2
    retype(qtbot, data.val_spin, "40")
    assert session.data.val_fraction == 0.4

    retype(qtbot, bar.lr_spin, "0.1")
    training.set_point((0.5, 1.0), -1.0)
    assert (session.hyper.lr, session.hyper.init, session.hyper.init_w) == (0.1, "point",
                                                                            (0.5, 1.0))
    assert len(changes) == 2  # one change per request: pushing values back emitted nothing


# ----- language switch in place -----------------------------------------------------------
def label_of(root: QWidget, field: QWidget) -> str:
    """The text of the label whose buddy is field."""
    return next(label.text() for label in root.findChildren(QLabel) if label.buddy() is field)


def test_data_panel_switches_language_and_keeps_the_fields(qtbot, data_panel: DataPanel) -> None:
    retype(qtbot, data_panel.w_edit, "2, abc")
    data_panel.noise_combo.setCurrentIndex(data_panel.noise_combo.findData("laplace"))
    click_box(qtbot, data_panel.range_check)
    with qtbot.assertNotEmitted(data_panel.generateRequested), \
            qtbot.assertNotEmitted(data_panel.validationFractionRequested), chinese():
        assert data_panel.title() == "数据"
        assert label_of(data_panel, data_panel.noise_spin) == "噪声 σ"
        assert data_panel.noise_combo.currentText() == "拉普拉斯"
        assert data_panel.noise_combo.currentData() == "laplace"
        assert data_panel.generate_button.text() == "生成"
        assert data_panel.w_edit.text() == "2, abc" and data_panel.range_check.isChecked()
        assert is_chinese(data_panel.error_label.text())  # the problem, in Chinese too
        assert is_chinese(data_panel.w_edit.toolTip())
        assert is_chinese(data_panel.b_spin.toolTip())
        assert not data_panel.generate_button.isEnabled()
    assert data_panel.title() == "Data"
    assert data_panel.noise_combo.currentText() == "Laplace"
    assert "“abc” is not a number" in data_panel.w_edit.toolTip()


def test_training_panel_switches_language_and_keeps_the_fields(
        qtbot, training_panel: TrainingPanel) -> None:
    training_panel.set_point((0.5,), -1.0)
    select(qtbot, training_panel.loss_combo, "huber")
    with qtbot.assertNotEmitted(training_panel.hyperparametersRequested), chinese():
        assert training_panel.title() == "训练"
        assert label_of(training_panel, training_panel.loss_combo) == "损失函数"
        assert training_panel.loss_combo.currentText() == "Huber 损失"
        assert training_panel.init_combo.currentText() == "指定点"
        assert training_panel.shuffle_check.text() == "每个迭代周期打乱顺序"
        assert training_panel.init_w_edit.text() == "0.5"
        assert training_panel.delta_spin.isEnabled()
        assert is_chinese(training_panel.loss_combo.toolTip())
    assert training_panel.loss_combo.currentText() == "Huber"
    assert training_panel.values()["init"] == "point"


def test_bar_switches_language_and_keeps_values_and_warning(qtbot, bar: HyperparameterBar) -> None:
    bar.set_speed(20)
    retype(qtbot, bar.epochs_spin, "0")
    bar.set_lr_warning("η is above the stability limit")
    with qtbot.assertNotEmitted(bar.hyperparametersRequested), \
            qtbot.assertNotEmitted(bar.speedRequested), chinese():
        assert bar.speed_label.text() == "20 步/秒"
        assert bar.epochs_spin.specialValueText() == "直到暂停"
        assert label_of(bar, bar.batch_spin) == "批量"
        assert is_chinese(bar.batch_spin.toolTip())
        assert bar.lr_spin.toolTip() == "η is above the stability limit"  # still marked
        assert bar.lr_spin.property("invalid") is True
        assert bar.speed() == 20
    assert bar.speed_label.text() == "20 steps/s"


def test_status_line_switches_language(qtbot) -> None:
    from linreg_lab.gui.panels.status_line import StatusLine
    from linreg_lab.gui.state.session import Session

    session = Session()
    line = StatusLine(session)
    qtbot.addWidget(line)
    session.step(7)
    line.set_rate(950.0)
    with chinese():
        assert "第 7 步" in line.text() and "950 步/秒" in line.text()
    assert "step 7" in line.text()


def test_status_line_names_the_loss_it_shows(qtbot) -> None:
    """The status bar's loss is the selected one, named as the Formula panel names it."""
    from linreg_lab.gui.panels.status_line import StatusLine
    from linreg_lab.gui.state.session import Session
    from linreg_lab.gui.text.format import fmt

    session = Session()
    line = StatusLine(session)
    qtbot.addWidget(line)
    session.step(7)
    assert f"½·MSE {fmt(session.trainer.loss())}" in line.text()
    session.set_hyperparameters(loss="huber")
    assert f"Huber loss {fmt(session.trainer.loss())}" in line.text()


def test_a_run_shorter_than_a_second_still_shows_its_speed(qtbot) -> None:
    """Three epochs at full speed end before the first one-second measurement: the speed of
    the run is reported when it ends, and the status line keeps it, marked as the last run's."""
    from linreg_lab.gui.panels.status_line import StatusLine
    from linreg_lab.gui.state.run_loop import RunLoop
    from linreg_lab.gui.state.session import Session

    session = Session()
    line = StatusLine(session)
    qtbot.addWidget(line)
    loop = RunLoop(session)
    loop.speedMeasured.connect(line.set_rate)
    loop.runningChanged.connect(line.set_running)
    with qtbot.waitSignal(loop.speedMeasured, timeout=10_000) as measured:
        loop.start()
    qtbot.waitUntil(lambda: not loop.running, timeout=10_000)
    assert session.trainer.epoch == 3 and measured.args[0] > 0
    assert line.text().endswith(" steps/s") and "last run: " in line.text()
    with chinese():
        assert "上次运行：" in line.text()
    loop.start()  # a new run forgets the old speed until it has measured its own
    assert "steps/s" not in line.text()
    loop.pause()
