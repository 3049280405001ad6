"""Command line entry: `linreg-lab [--lang en|zh_CN] [--data FILE.csv] [--seed N]
[--screenshot FILE.png [--steps N]]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from linreg_lab import core
from linreg_lab.gui.shell.app_icon import app_icon
from linreg_lab.gui.shell.blas_threads import pin_blas_to_one_thread
from linreg_lab.gui.shell.i18n import install_translators
from linreg_lab.gui.shell.settings import AppSettings
from linreg_lab.gui.state.data_state import DataState, GenerationSpec
from linreg_lab.gui.state.hyperparameters import Hyperparameters
from linreg_lab.gui.style.palette import apply_appearance

translate = QCoreApplication.translate  # literal calls, so lupdate finds the strings


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="linreg-lab",
                                description="LinReg Lab: linear regression, hands on (d2l 3.1)")
    p.add_argument("--lang", help="interface language: en or zh_CN (default: the system's)")
    p.add_argument("--data", type=Path, help="start on this CSV file (features first, label last)")
    p.add_argument("--session", type=Path, help="open this saved session (.linreglab)")
    p.add_argument("--appearance", choices=("system", "light", "dark"),
                   help="window palette (default: as saved, else the system's)")
    p.add_argument("--seed", type=int, default=42, help="seed of the default data and of SGD")
    p.add_argument("--screenshot", type=Path, help="save a PNG of the window and exit")
    p.add_argument("--steps", type=int, default=0, help="SGD steps to run before --screenshot")
    return p.parse_args(argv)


def initial_data(args: argparse.Namespace) -> DataState:
    """The CSV given with --data, or the chapter's example with one feature."""
    if args.data is not None:
        dataset, val_mask = core.load_csv_split(args.data)  # a split column is honoured
        return DataState.from_dataset(dataset, 0.0, args.seed, val_mask)
    spec = GenerationSpec(seed=args.seed)
    return DataState.generated(spec, args.seed)


def main(argv: list[str] | None = None) -> int:
    """Run the app (or take a screenshot); returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("LinReg Lab")
    app.setOrganizationName("LinReg Lab")
    settings = AppSettings()
    language = install_translators(app, args.lang or settings.language())
    apply_appearance(app, args.appearance or settings.appearance())
    try:
        data = initial_data(args)
    except ValueError as err:  # core.DataError, or a split that holds out too much
        print(f"linreg-lab: {err}", file=sys.stderr)
        return 2
    from linreg_lab.gui.shell.window_host import WindowHost
    from linreg_lab.gui.state.session import Session

    session = Session(data, Hyperparameters(seed=args.seed))
    if args.session is None and args.screenshot is None:
        # the usual start paints its first frame before most of the window is built
        host = WindowHost(app, session, language, build_later=True)
        host.window.show()
        host.window.finished.connect(lambda: _when_built(app, host.window))
        return app.exec()
    host = WindowHost(app, session, language)
    files = host.window.session_files
    opened = args.session is None or files.open_path(args.session, asked=True)
    if not opened and args.screenshot is not None:
        print(f"linreg-lab: {files.last_error}", file=sys.stderr)
        return 2
    if args.screenshot is not None:
        return _screenshot(app, host.window, args.screenshot, args.steps)
    host.window.show()
    _when_built(app, host.window)
    return app.exec()


def _settle_process(app: QApplication) -> None:
    """BLAS on one thread and the app's icon (~10 ms: after the first frame, as its work is
    on small data and a window manager takes a new icon)."""
    pin_blas_to_one_thread()
    app.setWindowIcon(app_icon())


def _when_built(app: QApplication, window) -> None:
    """Once the window is whole: settle the process, give the session its training process,
    offer crash recovery and clean up interrupted saves."""
    from linreg_lab.gui.files.session_files import clear_interrupted_saves

    _settle_process(app)
    _train_elsewhere(app, window.session)
    _offer_recovery(window)
    # temp files of saves a crash interrupted: cleaned once the window is up, so a slow
    # network folder never holds up the first frame
    QTimer.singleShot(0, clear_interrupted_saves)


def _train_elsewhere(app: QApplication, session) -> None:
    """Runs at full speed go on in a process of their own, at the headless rate (here SGD
    would share one thread with the frames' drawing). Its worker starts with the first such
    run and stops when the app quits."""
    process = core.TrainingProcess()
    session.set_training_process(process)

    def close() -> None:
        session.set_training_process(None)  # a run there comes back first
        process.close()

    app.aboutToQuit.connect(close)


def _offer_recovery(window) -> None:
    """Work autosaved before a crash is offered back once; declining removes it."""
    from PySide6.QtWidgets import QMessageBox

    from linreg_lab.gui.files.session_files import recovery_path

    path = recovery_path()
    if not path.exists():
        return
    answer = QMessageBox.question(
        window, translate("App", "Recover unsaved work?"),
        translate("App", "LinReg Lab did not close properly last time. Recover the work it "
                         "saved automatically?"))
    if answer != QMessageBox.StandardButton.Yes or not window.session_files.recover(path):
        path.unlink(missing_ok=True)


def _screenshot(app: QApplication, window, path: Path, steps: int) -> int:
    _settle_process(app)  # the steps below run on the window's one BLAS thread
    window.resize(1400, 900)  # the documented size, whatever layout was saved last time
    window.show()
    app.processEvents()
    if steps > 0:
        window.controls.active_session().step(steps)  # the half shown (a session may reopen either)
    for _ in range(5):
        app.processEvents()
    ok = window.grab().save(str(path))
    window.close_quietly()
    if not ok:
        print(f"linreg-lab: could not write {path}", file=sys.stderr)
        return 1
    return 0


def main_cli() -> None:
    sys.exit(main())
