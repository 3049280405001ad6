"""Render the screenshots kept in docs/screenshots (offscreen, deterministic data).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_screenshots.py [--only NAME]
    (NAME: lessons, class_lessons, your_line or issue13)

For each language: the whole window after 200 SGD steps, every teaching tab (the timer and
the sweep after a real run), a lesson, a run that diverged and was reset, two features; the
window in the dark palette; and every lesson with its preset loaded and its first step done
(lesson-NN-<id>-<language>.png), so the steps' ticks, the banner a step refers to and the
preset notice can be looked at; and your own line with its residual squares, the sums of
squares and the goodness of fit (window-your-line-<language>[-dark].png).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.window_host import WindowHost
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.style.palette import apply_appearance
from linreg_lab.gui.style.plot_style import apply_plot_style

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, done, timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, language: str, appearance: str = "light") -> None:
    install_translators(app, language)
    apply_appearance(app, appearance)
    session = Session(DataState.generated(GenerationSpec(), 42), Hyperparameters())
    host = WindowHost(app, session, language)
    w = host.window
    w.resize(1400, 900)
    w.show()
    settle(app)
    session.step(200)
    settle(app)
    suffix = f"{language}" + ("" if appearance == "light" else f"-{appearance}")
    w.grab().save(str(OUT / f"window-{suffix}.png"))
    if appearance != "light":
        w.close_quietly()
        return
    tabs = w.tabs
    w.tabs.sweep.run_sweep()
    w.tabs.vectorization.time_vector_addition()
    wait_for(app, lambda: not (tabs.sweep.is_running() or tabs.vectorization.runner.is_running()))
    w.tabs.sweep.run_estimation()
    wait_for(app, lambda: not tabs.sweep.is_running())
    for name in ("formula", "noise", "vectorization", "sweep"):
        tabs.show_panel(name)
        settle(app, 0.3)
        tabs.grab().save(str(OUT / f"tab-{name}-{suffix}.png"))
    w.open_lesson("normal_distribution")
    settle(app)
    tabs.grab().save(str(OUT / f"lesson-{suffix}.png"))
    diverge_and_reset(app, w, session)
    w.grab().save(str(OUT / f"window-diverged-reset-{suffix}.png"))
    w._generate(GenerationSpec(w=(2.0, -3.4)))
    settle(app)
    session.step(200)
    settle(app)
    w.grab().save(str(OUT / f"window-two-features-{suffix}.png"))
    w.close_quietly()


def shoot_lessons(app: QApplication, language: str, only_classification: bool = False) -> None:
    """Each lesson as the learner meets it: preset loaded with the button, the first step's
    actions done through the window's own actions, the Lesson tab in front (only the
    classification mode's lessons, 17–22, if asked)."""
    install_translators(app, language)
    apply_appearance(app, "light")
    host = WindowHost(app, Session(), language)
    w = host.window
    w.resize(1400, 900)
    w.show()
    settle(app)
    for lesson in w.tabs.lesson.lessons():
        if only_classification and not lesson.classifies:
            continue
        w.open_lesson(lesson.id)
        w.tabs.lesson.load_button.click()
        settle(app, 0.2)
        for condition in lesson.steps[0].done_when:
            if condition.kind == "pressed" and condition.name in ("step", "epoch"):
                for _ in range(int(condition.target)):  # type: ignore[call-overload]
                    getattr(w.lab_actions, condition.name).trigger()
        w.tabs.show_panel("lesson")
        settle(app, 0.4)
        w.grab().save(str(OUT / f"lesson-{lesson.order:02d}-{lesson.id}-{language}.png"))
    w.close_quietly()


def shoot_your_line(app: QApplication, language: str, appearance: str = "light") -> None:
    """Your line, set off the optimum, with its squares, after 200 SGD steps."""
    install_translators(app, language)
    apply_appearance(app, appearance)
    session = Session(DataState.generated(GenerationSpec(), 42), Hyperparameters())
    host = WindowHost(app, session, language)
    w = host.window
    w.resize(1400, 900)
    w.show()
    settle(app)
    session.step(200)
    w.lab_actions.your_line.trigger()
    session.set_your_line([1.2], 5.0)
    settle(app)
    suffix = f"{language}" + ("" if appearance == "light" else f"-{appearance}")
    w.grab().save(str(OUT / f"window-your-line-{suffix}.png"))
    w.close_quietly()


def shoot_issue13(app: QApplication, language: str) -> None:
    """Rewind (300 steps, scrubbed back to step 40), Anscombe's set II with its residuals, and
    the conditioning lesson's Formula tab scrolled to the curvature card."""
    install_translators(app, language)
    apply_appearance(app, "light")
    session = Session(DataState.generated(GenerationSpec(), 42), Hyperparameters())
    host = WindowHost(app, session, language)
    w = host.window
    w.resize(1400, 900)
    w.show()
    settle(app)
    session.step(300)
    w.timeline_bar.slider.setValue(40)  # as a drag of the slider does
    settle(app, 0.4)
    w.grab().save(str(OUT / f"window-rewound-{language}.png"))
    w.session.step(260)
    session.set_hyperparameters(lr=0.01, batch_size=11)  # x near 9: 2/λmax ≈ 0.022
    w.open_builtin("anscombe_2")
    w.lab_actions.residuals.setChecked(True)
    session.step(3000)
    settle(app, 0.4)
    w.grab().save(str(OUT / f"window-anscombe-{language}.png"))
    w.lab_actions.residuals.setChecked(False)
    w.open_lesson("feature_scaling")
    w.tabs.lesson.load_button.click()
    session.step(1000)
    w.tabs.show_panel("formula")
    settle(app, 0.4)
    bar = w.tabs.formula._scroll.horizontalScrollBar()
    bar.setValue(bar.maximum())  # the last card: curvature and conditioning
    settle(app, 0.4)
    w.grab().save(str(OUT / f"window-conditioning-{language}.png"))
    w.close_quietly()


def diverge_and_reset(app: QApplication, w, session: Session) -> None:
    """Full-batch steps at 1.15 × the stability limit until they blow up, then a sound η and
    Reset: the landscape and the loss plot must frame the new run, not the explosion."""
    w._generate(GenerationSpec())
    session.set_hyperparameters(batch_size=session.data.n_train)
    session.set_hyperparameters(lr=1.15 * session.stability_limit())
    for _ in range(60):
        session.step(1)
        app.processEvents()
    settle(app)
    session.set_hyperparameters(lr=0.03, batch_size=10)
    w.lab_actions.reset.trigger()
    session.step(200)
    settle(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("lessons", "class_lessons", "your_line", "issue13"),
                        help="render only these screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_plot_style()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only is None:
        for language in ("en", "zh_CN"):
            shoot(app, language)
        shoot(app, "en", "dark")
        shoot(app, "zh_CN", "dark")
    if args.only in (None, "your_line"):
        for language in ("en", "zh_CN"):
            shoot_your_line(app, language)
        shoot_your_line(app, "en", "dark")
    if args.only in (None, "issue13"):
        for language in ("en", "zh_CN"):
            shoot_issue13(app, language)
    if args.only in (None, "lessons"):
        for language in ("en", "zh_CN"):
            shoot_lessons(app, language)
    if args.only == "class_lessons":
        for language in ("en", "zh_CN"):
            shoot_lessons(app, language, only_classification=True)
    print("\n".join(sorted(p.name for p in OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
