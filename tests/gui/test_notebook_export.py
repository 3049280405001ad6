"""File → Export → Jupyter notebook through the real window: the file validates, its NumPy
cells land on the app's line after clicks and setting changes, and it reads in either language."""

import ast
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox

from tests.gui.language_switch import chinese
from tests.gui.lesson_driver import select, type_into
from tests.gui.mouse import click
from tests.gui.test_exporting import far_from_points


def notebook_action(window):
    return next(a for a in window.menus.export.actions()
                if a.objectName() == "actionExportNotebook")


def export_through_the_menu(window, path, monkeypatch):
    """Trigger File → Export → Jupyter notebook… with the file dialog answering `path`."""
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(path), ""))
    action = notebook_action(window)
    assert action.text() and action.toolTip()
    action.trigger()


def numpy_result(nb, tmp_path):
    """Part 1's code cells concatenated and run by plain python: the printed w, b."""
    code = "\n\n".join(c.source for c in nb.cells
                       if c.cell_type == "code" and c.metadata["tags"] == ["numpy"])
    script = tmp_path / "part1.py"
    script.write_text(code, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=60, check=True, cwd=tmp_path).stdout
    lines = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    return np.array(ast.literal_eval(lines["w"])), float(lines["b"])


def test_the_menu_writes_a_notebook_that_lands_on_the_apps_line(make_window, tmp_path,
                                                                 monkeypatch, qtbot):
    window = make_window()
    s, plot = window.session, window.fit_plot
    s.step(5)
    click(plot, far_from_points(plot, s.dataset.X, s.dataset.y))  # a point added mid-run
    click(plot, far_from_points(plot, s.dataset.X, s.dataset.y))
    s.step(3)
    type_into(qtbot, window.hyper_bar.batch_spin, "4")
    select(qtbot, window.training_panel.findChild(QComboBox, "updateCombo"), "d2l")
    s.step(11)
    assert (s.hyper.batch_size, s.hyper.update, s.trainer.update) == (4, "d2l", "d2l")
    export_through_the_menu(window, tmp_path / "my_run", monkeypatch)  # the suffix is added
    nb = nbformat.read(tmp_path / "my_run.ipynb", as_version=4)
    nbformat.validate(nb)
    w, b = numpy_result(nb, tmp_path)
    np.testing.assert_allclose(w, s.trainer.w, rtol=1e-12, atol=1e-12)
    assert b == pytest.approx(s.trainer.b, rel=1e-12, abs=1e-12)
    title = nb.cells[0].source
    assert title.startswith("# Linear regression from scratch")
    assert f"the same {s.data.n_train} training examples" in title
    assert f"the same {s.trainer.steps} minibatch steps" in title
    torch_code = "\n".join(c.source for c in nb.cells if c.metadata["tags"] == ["pytorch"])
    assert "batch_size = 4" in torch_code and f"lr={s.hyper.lr!r}" in torch_code
    epochs = max(s.trainer.epoch, s.hyper.num_epochs)  # as long as the app trained, or planned
    assert f"num_epochs = {epochs}" in torch_code


def test_the_notebook_speaks_chinese_with_the_books_terms(make_window, tmp_path,
                                                          monkeypatch):
    window = make_window()
    window.session.step(4)
    with chinese():
        export_through_the_menu(window, tmp_path / "zh.ipynb", monkeypatch)
        assert "Jupyter 笔记本" in notebook_action(window).text()
    nb = nbformat.read(tmp_path / "zh.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for term in ("从零开始实现", "简洁实现", "小批量随机梯度下降", "迭代周期", "学习率", "批量大小",
                 "解析解", "需要 PyTorch"):
        assert term in markdown, term
    assert f"{window.session.data.n_train} 个训练样本" in nb.cells[0].source
    assert "Linear regression" not in markdown
