"""NeuronDiagram: paints for any d, shows the live weights, captions use the chapter's words."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QToolButton

from linreg_lab.gui.plots.neuron.biology import synapse_radii
from linreg_lab.gui.plots.neuron.diagram import SIDE_BY_SIDE_MIN_WIDTH, NeuronDiagram
from linreg_lab.gui.plots.neuron.drawing import shown_inputs
from linreg_lab.gui.plots.neuron.network import edge_widths
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style import colors
from linreg_lab.gui.text.format import fmt
from tests.gui.language_switch import chinese, is_chinese


def session_with(d: int) -> Session:
    spec = GenerationSpec(w=tuple(np.linspace(-2.0, 2.0, d)) if d > 1 else (2.0,),
                          num_examples=60, seed=1)
    return Session(DataState.generated(spec, spec.seed))


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    step = 3
    seen = {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}
    return len(seen)


@pytest.mark.parametrize("d", [1, 3, 20])
def test_renders_for_any_dimension(qtbot, d: int) -> None:
    session = session_with(d)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    diagram.resize(diagram.sizeHint())
    session.step(5)
    image = diagram.grab().toImage()
    assert not image.isNull()
    assert distinct_colours(image) > 5  # not a blank rectangle
    assert len(diagram.edge_labels()) == min(d, 7)
    assert diagram.captions()["dim"].endswith(f"d = {d}")


def test_object_name_size_and_accessibility(qtbot) -> None:
    diagram = NeuronDiagram(session_with(1))
    qtbot.addWidget(diagram)
    assert diagram.objectName() == "neuronDiagram"
    assert diagram.sizeHint().width() >= 300
    assert diagram.accessibleName()
    assert "b = " in diagram.accessibleDescription()


def test_edge_labels_follow_training(qtbot) -> None:
    session = session_with(3)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    before = diagram.edge_labels()
    session.step(40)
    w = session.trainer.w
    assert diagram.edge_labels() == [f"w{s} = {fmt(v)}" for s, v in zip("₁₂₃", w, strict=True)]
    assert diagram.edge_labels() != before
    assert diagram.bias_label() == f"b = {fmt(session.trainer.b)}"


def test_single_input_is_called_x(qtbot) -> None:
    session = session_with(1)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    assert diagram.edge_labels()[0].startswith("w = ")


def test_large_dimension_is_elided() -> None:
    assert shown_inputs(3) == [0, 1, 2]
    slots = shown_inputs(20)
    assert len(slots) == 8 and None in slots and slots[-1] == 19


def test_edge_widths_scale_with_magnitude() -> None:
    widths = edge_widths(np.array([0.0, -1.0, 4.0]))
    assert widths[0] == 1.0 and widths[2] > widths[1] > 1.0
    assert edge_widths(np.zeros(3)).tolist() == [1.0, 1.0, 1.0]
    assert edge_widths(np.array([0.01])).tolist() == [1.0]  # d2l's initial weights: thin
    assert edge_widths(np.array([2.0]))[0] == edge_widths(np.array([200.0]))[0] > 5
    assert np.all(np.isfinite(edge_widths(np.array([np.nan, np.inf, 1.0]))))


def test_paints_at_small_and_large_sizes(qtbot) -> None:
    diagram = NeuronDiagram(session_with(5))
    qtbot.addWidget(diagram)
    for w, h in [(200, 120), (900, 600)]:
        diagram.resize(w, h)
        assert not diagram.grab().toImage().isNull()


def test_divergence_paints_without_warnings(qtbot) -> None:
    session = session_with(2)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    session.set_hyperparameters(lr=50.0)
    session.step(200)
    assert session.trainer.diverged
    assert not diagram.grab().isNull()


# ----- the biology comparison (d2l 3.1.4.2) ---------------------------------------------------
def biology_button(diagram: NeuronDiagram) -> QToolButton:
    button = diagram.findChild(QToolButton, "biologyButton")
    assert button is not None
    return button


def has_colour(image: QImage, colour: str, tolerance: int = 12) -> bool:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    target = QColor(colour)
    for y in range(image.height()):
        for x in range(image.width()):
            c = QColor(image.pixel(x, y))
            if (abs(c.red() - target.red()) + abs(c.green() - target.green())
                    + abs(c.blue() - target.blue())) <= tolerance:
                return True
    return False


def test_button_toggles_the_biology(qtbot) -> None:
    diagram = NeuronDiagram(session_with(3))
    qtbot.addWidget(diagram)
    diagram.resize(560, 240)
    diagram.show()
    button = biology_button(diagram)
    assert button.toolTip() and button.accessibleName()
    assert not diagram.biology_visible()
    network = diagram.grab().toImage()
    with qtbot.waitSignal(diagram.biologyVisibleChanged) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    assert diagram.biology_visible() and button.isChecked()
    assert not diagram.side_by_side()  # too narrow: the biology replaces the network
    assert diagram.grab().toImage() != network
    assert "dendrites" in diagram.accessibleDescription()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not diagram.biology_visible()
    assert diagram.grab().toImage() == network


def test_context_menu_action_toggles_the_biology(qtbot) -> None:
    diagram = NeuronDiagram(session_with(1))
    qtbot.addWidget(diagram)
    assert diagram.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    action = diagram.biology_action()
    assert action in diagram.actions()
    assert action.isCheckable() and action.toolTip()
    assert action.text() == "Show the biological neuron"
    action.trigger()
    assert diagram.biology_visible()
    action.trigger()
    assert not diagram.biology_visible()


def test_biology_labels_name_the_four_parts_and_their_counterparts(qtbot) -> None:
    diagram = NeuronDiagram(session_with(3))
    qtbot.addWidget(diagram)
    dendrites, synapses, cell_body, axon = diagram.biology_labels()
    assert "dendrites" in dendrites and "x" in dendrites
    assert "synapses" in synapses and "w" in synapses
    assert "cell body" in cell_body and "Σ + b" in cell_body
    assert "axon" in axon and "ŷ" in axon
    remark = diagram.biology_remark()
    assert "Russell" in remark and "neuroscience" in remark and "mathematics" in remark


def test_synapse_radii_follow_the_weight_magnitude() -> None:
    radii = synapse_radii(np.array([0.0, -1.0, 4.0, -4.0]), 2.0, 8.0)
    assert radii[0] == 2.0 and radii[2] == radii[3] == 8.0
    assert 2.0 < radii[1] < radii[2]
    assert synapse_radii(np.array([0.01]), 2.0, 8.0)[0] < 2.1  # d2l's initial weights: tiny
    assert synapse_radii(np.array([0.5]), 2.0, 8.0)[0] == pytest.approx(5.0)  # |w| < 1: vs 1
    assert np.all(np.isfinite(synapse_radii(np.array([np.nan, np.inf, 1.0]), 2.0, 8.0)))
    assert synapse_radii(np.array([np.nan]), 2.0, 8.0)[0] == 2.0


@pytest.mark.parametrize("d", [1, 3, 20])
@pytest.mark.parametrize("size", [(560, 240), (900, 300)])
def test_biology_renders_for_any_dimension(qtbot, d: int, size: tuple[int, int]) -> None:
    session = session_with(d)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    diagram.resize(*size)
    session.step(5)
    network = diagram.grab().toImage()
    diagram.set_biology_visible(True)
    assert diagram.side_by_side() == (size[0] >= SIDE_BY_SIDE_MIN_WIDTH)
    biology = diagram.grab().toImage()
    assert distinct_colours(network) > 5 and distinct_colours(biology) > 5
    assert biology != network


def test_synapses_show_live_weights_and_their_sign(qtbot) -> None:
    session = session_with(3)  # true w = (-2, 0, 2)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    diagram.resize(560, 240)
    diagram.set_biology_visible(True)
    before = diagram.grab().toImage()
    session.step(60)
    assert session.trainer.w[0] < -1.0
    after = diagram.grab().toImage()
    assert after != before  # the weights keep updating in the biology mode
    assert has_colour(after, colors.NEGATIVE)
    session.generate(GenerationSpec(w=(1.0, 2.0, 3.0), num_examples=60, seed=2))
    session.step(60)
    assert not has_colour(diagram.grab().toImage(), colors.NEGATIVE)


def test_language_switch_retranslates_in_place(qtbot) -> None:
    session = session_with(3)
    diagram = NeuronDiagram(session)
    qtbot.addWidget(diagram)
    diagram.resize(900, 300)
    diagram.set_biology_visible(True)
    session.step(20)
    labels = diagram.edge_labels()
    with chinese():
        assert is_chinese(diagram.biology_action().text())
        assert is_chinese(biology_button(diagram).text())
        assert is_chinese(diagram.captions()["input"])
        assert is_chinese(diagram.accessibleDescription())
        assert diagram.biology_visible() and diagram.edge_labels() == labels
        assert not diagram.grab().isNull()
    assert diagram.biology_action().text() == "Show the biological neuron"
    assert biology_button(diagram).text() == "Biology"
