"""Classification mode's File → Export: the softmax run as a script and as a notebook, from a
ClassificationSession driven as the window will drive it (steps, a batch-size change, a point
added mid-run, the naive formula). The exported code, run by a fresh interpreter, lands on the
session's W, b; the notebook validates and reads in either language; failures name the file
and leave the old one as it was."""

import ast
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from linreg_lab.core.class_data import ClassDataset
from linreg_lab.gui.files.class_exporting import (
    export_softmax_notebook,
    export_softmax_notebook_dialog,
    export_softmax_script,
    export_softmax_script_dialog,
)
from linreg_lab.gui.files.exporting import Exporter, ExportError
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.state.session import Session
from tests.gui.failing_writes import ERRORS, fail_writes_midway, leftovers
from tests.gui.language_switch import chinese, is_chinese
from tests.gui.lesson_driver import type_into

TERMS = ("softmax回归", "从零开始实现", "简洁实现", "独热编码", "全连接层", "交叉熵损失", "准确率",
         "小批量随机梯度下降", "学习率", "批量大小", "迭代周期", "需要 PyTorch")


def printed(stdout):
    lines = dict(line.split(" = ", 1) for line in stdout.splitlines() if " = " in line)
    return {k: ast.literal_eval(v) for k, v in lines.items()}


def run_python(path, tmp_path):
    return printed(subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                                  timeout=60, check=True, cwd=tmp_path).stdout)


def assert_on_the_sessions_line(session, out):
    t = session.trainer
    np.testing.assert_allclose(out["W"], t.W, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out["b"], t.b, rtol=1e-12, atol=1e-12)
    assert out["loss"] == pytest.approx(t.loss(), rel=1e-12)
    assert out["accuracy"] == t.accuracy()


def numpy_part(nb, tmp_path):
    code = "\n\n".join(c.source for c in nb.cells
                       if c.cell_type == "code" and c.metadata["tags"] == ["numpy"])
    path = tmp_path / "part1.py"
    path.write_text(code, encoding="utf-8")
    return run_python(path, tmp_path)


@pytest.fixture
def session(qapp):
    """A session that trained, changed its batch size mid-epoch, got a new point (so a new
    trainer that kept W, b) and trained on."""
    s = ClassificationSession()
    s.step(12)
    s.set_hyperparameters(batch_size=4)
    s.step(9)
    s.add_example((0.5, -0.25), 2)
    s.step(15)
    assert (s.hyper.batch_size, s.trainer.steps, s.dataset.n_examples) == (4, 15, 91)
    return s


def test_the_script_lands_on_the_sessions_weights(session, tmp_path):
    export_softmax_script(session, tmp_path / "softmax_sgd.py")
    text = (tmp_path / "softmax_sgd.py").read_text(encoding="utf-8")
    assert_on_the_sessions_line(session, run_python(tmp_path / "softmax_sgd.py", tmp_path))
    n = session.trainer.n_examples  # the training rows (all 91 without a validation split)
    assert f"same training examples ({n}, of" in text and "(15, 0.1, 4, True, True)," in text


def test_the_naive_formula_and_a_new_learning_rate_are_replayed(session, tmp_path):
    session.set_stable(False)
    session.set_hyperparameters(lr=0.5)
    session.step(8)
    session.set_hyperparameters(batch_size=7)
    session.step(5)
    export_softmax_script(session, tmp_path / "naive.py")
    text = (tmp_path / "naive.py").read_text(encoding="utf-8")
    assert "(8, 0.5, 4, True, False)," in text and "(5, 0.5, 7, True, False)," in text
    assert_on_the_sessions_line(session, run_python(tmp_path / "naive.py", tmp_path))


def test_the_notebook_validates_and_its_numpy_cells_land_on_the_session(session, tmp_path):
    export_softmax_notebook(session, tmp_path / "softmax.ipynb", "en")
    nb = nbformat.read(tmp_path / "softmax.ipynb", as_version=4)
    nbformat.validate(nb)
    assert_on_the_sessions_line(session, numpy_part(nb, tmp_path))
    title = nb.cells[0].source
    assert title.startswith("# Softmax regression from scratch")
    assert f"the same {session.trainer.n_examples} training examples of 3 classes" in title
    assert "the same 15 minibatch steps" in title
    torch_code = "\n".join(c.source for c in nb.cells if c.metadata["tags"] == ["pytorch"])
    assert "batch_size = 4" in torch_code and "lr=0.1" in torch_code
    assert f"num_epochs = {max(session.trainer.epoch, session.hyper.num_epochs)}" in torch_code


def test_the_notebook_in_chinese_whatever_the_windows_language(session, tmp_path):
    export_softmax_notebook(session, tmp_path / "zh.ipynb", "zh_CN")  # the window is English
    nb = nbformat.read(tmp_path / "zh.ipynb", as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert all(is_chinese(text) for text in markdown)  # every cell translated
    joined = "\n".join(markdown)
    for term in TERMS:
        assert term in joined, term
    assert f"{session.trainer.n_examples} 个训练样本（3 个类别）" in nb.cells[0].source
    assert "Softmax regression" not in joined
    assert_on_the_sessions_line(session, numpy_part(nb, tmp_path))  # the same code


def test_without_a_language_the_notebook_follows_the_window(session, tmp_path):
    with chinese():
        export_softmax_notebook(session, tmp_path / "window.ipynb")
    export_softmax_notebook(session, tmp_path / "en.ipynb", "en")
    zh = nbformat.read(tmp_path / "window.ipynb", as_version=4)
    en = nbformat.read(tmp_path / "en.ipynb", as_version=4)
    assert is_chinese(zh.cells[0].source) and not is_chinese(en.cells[0].source)


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_a_write_failing_midway_keeps_the_old_file_and_names_it(session, tmp_path,
                                                                 monkeypatch, kind):
    fail_writes_midway(monkeypatch, ERRORS[kind])
    for name, export in (("softmax_sgd.py", export_softmax_script),
                         ("softmax_sgd.ipynb", export_softmax_notebook)):
        target = tmp_path / name
        target.write_text("# my own notes\n")
        with pytest.raises(ExportError, match=rf"Could not write {name}: "):
            export(session, target)
        assert target.read_text() == "# my own notes\n"
    assert leftovers(tmp_path, "softmax_sgd.py", "softmax_sgd.ipynb") == []


def test_no_examples_is_refused_in_words(qapp, tmp_path):
    s = ClassificationSession()
    s.clear()
    with pytest.raises(ExportError, match="nothing to export"):
        export_softmax_script(s, tmp_path / "empty.py")
    assert not (tmp_path / "empty.py").exists()


def test_the_dialogs_write_through_the_exporter_and_show_failures(session, qapp, tmp_path,
                                                                   monkeypatch, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    exporter = Exporter(Session(), window, {})
    written = []
    exporter.exported.connect(written.append)
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "mine"), ""))
    assert export_softmax_script_dialog(exporter, session) is True  # the suffix is added
    assert export_softmax_notebook_dialog(exporter, session) is True
    assert written == [str(tmp_path / "mine.py"), str(tmp_path / "mine.ipynb")]
    assert_on_the_sessions_line(session, run_python(tmp_path / "mine.py", tmp_path))
    session.load_dataset(ClassDataset.empty(("a", "b")), "Clear")
    assert export_softmax_script_dialog(exporter, session) is False
    box = window.findChild(QMessageBox, "exportError")
    assert box is not None and "nothing to export" in box.informativeText()
    box.close()


def test_through_the_window_after_toolbar_steps_and_a_batch_size_typed(make_window, tmp_path,
                                                                       monkeypatch, qtbot):
    """The classification mode of the real window: its toolbar's Step and batch field train
    the shown half; the export through the window's Exporter lands on that half's W, b."""
    window = make_window()
    qtbot.mouseClick(window.toolbar.widgetForAction(window.lab_actions.classification_mode),
                     Qt.MouseButton.LeftButton)
    session = window.modes.workspace.session
    for _ in range(5):
        window.lab_actions.step.trigger()
    type_into(qtbot, window.hyper_bar.batch_spin, "3")
    window.lab_actions.epoch.trigger()
    assert session.hyper.batch_size == 3 and session.trainer.steps > 5
    monkeypatch.setattr("linreg_lab.gui.files.exporting.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "window.py"), ""))
    assert export_softmax_script_dialog(window.exporter, session) is True
    assert_on_the_sessions_line(session, run_python(tmp_path / "window.py", tmp_path))


def test_a_rewound_run_exports_the_step_shown_and_a_fork_its_own_steps(session, tmp_path):
    """Rewind shows an earlier step (a fork of the run, re-run from an epoch's end); a setting
    changed there continues from it: each export lands where the session stands, though the
    run it came from changed its learning rate after the step shown."""
    session.step(25)
    session.set_hyperparameters(lr=0.3)
    session.step(5)
    session.rewind_to(session.trainer.steps - 8)  # before the change to 0.3
    assert session.rewound
    export_softmax_script(session, tmp_path / "rewound.py")
    assert "0.3," not in (tmp_path / "rewound.py").read_text(encoding="utf-8")
    assert_on_the_sessions_line(session, run_python(tmp_path / "rewound.py", tmp_path))
    session.set_hyperparameters(lr=0.4)  # continues the run from the step shown
    session.step(6)
    export_softmax_script(session, tmp_path / "forked.py")
    assert "0.4, 4, True, True)," in (tmp_path / "forked.py").read_text(encoding="utf-8")
    assert_on_the_sessions_line(session, run_python(tmp_path / "forked.py", tmp_path))


def test_a_session_reopened_mid_epoch_exports_from_where_it_was_saved(session, tmp_path):
    saved = session.snapshot()
    reopened = ClassificationSession()
    reopened.restore(saved["data"], saved["hyper"], saved["stable"], saved["trainer"])
    reopened.step(7)
    assert reopened.trainer.run_record().start_steps == session.trainer.steps
    export_softmax_script(reopened, tmp_path / "reopened.py")
    assert_on_the_sessions_line(reopened, run_python(tmp_path / "reopened.py", tmp_path))
