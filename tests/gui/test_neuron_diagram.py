"""NeuronDiagram: paints for any d, shows the live weights, captions use the chapter's words."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gui.data_state import DataState, GenerationSpec
from gui.format import fmt
from gui.neuron_diagram import NeuronDiagram, edge_widths, shown_inputs
from gui.session import Session


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
