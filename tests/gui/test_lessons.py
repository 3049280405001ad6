"""Lessons: every shipped file validates, presets apply to a real Session as one undoable step,
broken files are refused with the file and field named (the Lesson tab: test_lesson_panel)."""

from __future__ import annotations

import json
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from linreg_lab.gui.state.data_state import GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.lessons import (
    DatasetRecipe,
    LessonError,
    apply_lesson,
    load_lessons,
    parse_lesson,
    plain_words,
)
from linreg_lab.gui.state.session import Session

LESSON_DIR = files("linreg_lab.resources") / "lessons"
SHIPPED = sorted(e.name for e in LESSON_DIR.iterdir() if e.name.endswith(".json"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# The chapter's own terms (zh.d2l.ai 3.1): each must be taught somewhere in Chinese.
TERMS = ("线性回归", "损失函数", "平方损失", "小批量随机梯度下降", "学习率", "批量大小",
         "解析解", "超参数", "验证数据集", "泛化", "全连接层", "正态分布", "极大似然估计",
         "矢量化", "稠密层", "特征维度", "softmax回归", "交叉熵损失", "独热编码", "准确率",
         "信息量", "混淆矩阵", "决策边界", "LogSumExp")


@pytest.fixture
def session(qapp) -> Session:
    return Session()


# ----- the shipped files ---------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_lesson_file_validates(name: str) -> None:
    lesson = parse_lesson((LESSON_DIR / name).read_text(encoding="utf-8"), name)
    assert lesson.source == name
    assert 80 <= plain_words(lesson.text.en) <= 200, "English text is 80–200 words"
    assert 2 <= len(lesson.steps) <= 3
    for text in (lesson.title, lesson.text, *lesson.steps):
        assert text.en.strip() and CJK.search(text.zh_CN), "both languages, Chinese in Chinese"
        assert not CJK.search(text.en)
    assert lesson.panels, "a lesson says which panels to look at"


def test_lessons_one_per_section_and_exercise_sorted_by_order(lessons) -> None:
    assert len(SHIPPED) == 22  # 3.1's sections and exercises; issue 13's four; 3.4–3.7's six
    assert [lesson.order for lesson in lessons] == list(range(1, 23))
    assert len({lesson.id for lesson in lessons}) == 22
    ids = [lesson.id for lesson in lessons]
    assert ids[:5] == ["basic_elements", "vectorization", "normal_distribution",
                       "deep_networks", "summary"]
    assert {"identical_x", "duplicate_feature", "learning_rate_too_large",
            "feature_scaling", "sum_versus_mean", "anscombe", "house_prices"} <= set(ids)
    assert [lesson.id for lesson in lessons if lesson.classifies] == [
        "softmax_regression", "cross_entropy", "separable_classes", "digits_from_scratch",
        "stable_softmax", "most_likely_class"]


def test_chinese_texts_use_the_chapters_terms(lessons) -> None:
    chinese = "".join(lesson.text.zh_CN + "".join(s.zh_CN for s in lesson.steps)
                      for lesson in lessons)
    missing = [term for term in TERMS if term not in chinese]
    assert not missing


def test_lessons_are_package_data_found_through_importlib_resources(lessons) -> None:
    pyproject = tomllib.loads(Path(__file__).parents[2].joinpath("pyproject.toml").read_text())
    package_data = pyproject["tool"]["setuptools"]["package-data"]
    assert "*.json" in package_data["linreg_lab.resources.lessons"]
    assert sorted(lesson.source for lesson in lessons) == SHIPPED


# ----- broken files --------------------------------------------------------------------


def _good() -> dict:
    return json.loads((LESSON_DIR / SHIPPED[0]).read_text(encoding="utf-8"))


def _broken(change) -> str:
    raw = _good()
    change(raw)
    return json.dumps(raw, ensure_ascii=False)


@pytest.mark.parametrize(("change", "field", "problem"), [
    (lambda r: r["title"].pop("zh_CN"), "title.zh_CN", "missing"),
    (lambda r: r.pop("try"), "try", "missing"),
    (lambda r: r.update(order="first"), "order", "whole number"),
    (lambda r: r.update(colour="red"), "colour", "unknown field"),
    (lambda r: r["preset"]["hyperparameters"].update(lr=-1.0), "preset.hyperparameters.lr",
     "must be between 1e-05 and 100"),
    (lambda r: r["preset"]["hyperparameters"].update(batch_size=2.5),
     "preset.hyperparameters.batch_size", "whole number"),
    (lambda r: r["preset"]["hyperparameters"].update(momentum=0.9),
     "preset.hyperparameters.momentum", "unknown field"),
    (lambda r: r["preset"]["data"].update(noise="cauchy"), "preset.data.noise", "cauchy"),
    (lambda r: r["preset"]["data"].update(val_fraction=0.9), "preset.data.val_fraction",
     "between"),
    (lambda r: r["preset"]["data"].update(x_range=[3, 1]), "preset.data.x_range", "lo < hi"),
    (lambda r: r["preset"].update(data={"recipe": "all_zero"}), "preset.data.recipe",
     "all_zero"),
    (lambda r: r["preset"].update(panels=["fit", "oscilloscope"]), "preset.panels[1]",
     "oscilloscope"),
    (lambda r: r["text"].update(en="see <script>x</script>"), "text.en", "<script>"),
    (lambda r: r["try"][1].update(zh_CN=""), "try[1].zh_CN", "non-empty"),
])
def test_a_broken_lesson_is_refused_naming_file_and_field(change, field, problem) -> None:
    with pytest.raises(LessonError) as err:
        parse_lesson(_broken(change), "07_broken.json")
    message = str(err.value)
    assert message.startswith(f"07_broken.json: {field}: ")
    assert problem in message


def test_invalid_json_is_refused_with_file_line_and_column() -> None:
    text = '{\n  "id": "x",\n  "order": 1,,\n}'
    with pytest.raises(LessonError, match=r"^bad\.json: not valid JSON: .* line 3, column"):
        parse_lesson(text, "bad.json")


def test_a_repeated_id_across_files_is_refused(tmp_path: Path) -> None:
    for name, order in (("a.json", 1), ("b.json", 2)):
        raw = _good()
        raw["order"] = order
        (tmp_path / name).write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(LessonError, match=r'^b\.json: id: "basic_elements" is already '
                                          r"used by a\.json"):
        load_lessons(tmp_path)


# ----- presets -------------------------------------------------------------------------


def test_preset_data_of_generated_and_special_lessons(by_id) -> None:
    basic = by_id["basic_elements"].preset_data()
    assert isinstance(by_id["basic_elements"].data, GenerationSpec)
    assert basic.dataset.X.shape == (200, 1) and basic.has_truth
    assert basic.val_mask.sum() == 40
    other = by_id["basic_elements"].preset_data(seed=7)
    assert not np.array_equal(other.dataset.y, basic.dataset.y)
    same = by_id["identical_x"].preset_data()
    assert isinstance(by_id["identical_x"].data, DatasetRecipe)
    assert np.all(same.dataset.X == 2.0) and np.std(same.dataset.y) > 0.5
    dup = by_id["duplicate_feature"].preset_data().dataset.X
    assert dup.shape == (100, 2) and np.array_equal(dup[:, 0], dup[:, 1])


@pytest.mark.parametrize("index", range(12))
def test_applying_a_preset_is_one_undo_step_that_restores_unsaved_work(
        lessons, session: Session, index: int) -> None:
    lesson = lessons[index]
    session.add_example(0.5, 9.0)  # the learner's own, unsaved point
    before = session.data
    session.set_hyperparameters(lr=0.01, batch_size=3)
    count = session.undo_stack.count()
    apply_lesson(session, lesson, language="zh_CN")
    expected = lesson.preset_data()
    assert session.undo_stack.count() == count + 1
    assert session.undo_stack.undoText() == lesson.title.zh_CN
    assert np.array_equal(session.dataset.X, expected.dataset.X)
    assert np.array_equal(session.data.val_mask, expected.val_mask)
    assert session.hyper == lesson.preset_hyperparameters()
    assert session.trainer.steps == 0
    session.undo_stack.undo()
    assert session.data is before
    session.undo_stack.redo()
    assert np.array_equal(session.dataset.y, expected.dataset.y)


def test_identical_x_lesson_makes_the_solution_not_unique(by_id, session: Session) -> None:
    apply_lesson(session, by_id["identical_x"])
    assert session.solution.lstsq.unique is False
    assert session.solution.lstsq.reason == "identical_x"


def test_duplicate_feature_lesson_keeps_w1_minus_w2_as_its_steps_say(
        by_id, session: Session) -> None:
    apply_lesson(session, by_id["duplicate_feature"])
    assert session.solution.lstsq.reason == "duplicate_feature"
    assert not session.solution.lstsq.unique
    session.set_hyperparameters(init="point", init_w=(3.0, -3.0))
    session.reset()
    session.step(100)
    w = session.trainer.w
    assert w[0] - w[1] == pytest.approx(6.0)
    assert w[0] == pytest.approx(4.0, abs=0.2) and w[1] == pytest.approx(-2.0, abs=0.2)


def test_large_learning_rate_lesson_warns_and_diverges_within_its_steps(
        by_id, session: Session, qtbot) -> None:
    apply_lesson(session, by_id["learning_rate_too_large"])
    assert session.lr_is_unstable()
    with qtbot.waitSignal(session.diverged, timeout=1000):
        session.step(40)


def test_default_hyperparameters_fill_what_a_lesson_leaves_out() -> None:
    raw = _good()
    raw["preset"]["hyperparameters"] = {"lr": 0.5}
    lesson = parse_lesson(json.dumps(raw), "x.json")
    assert lesson.preset_hyperparameters() == Hyperparameters(lr=0.5)
    assert lesson.preset_data().dataset.n_examples == 200
