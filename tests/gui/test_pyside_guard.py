"""Guard against PySide6 6.12.0 on Python 3.11, which aborts after a few hundred emits.

The emits run in a subprocess so a crash fails this test instead of killing pytest.
"""

import subprocess
import sys

EMITS = 20_000

SCRIPT = f"""
from PySide6.QtCore import QObject, Signal

class Emitter(QObject):
    fired = Signal(bool)

count = 0
def on_fired(flag):
    global count
    count += 1

e = Emitter()
e.fired.connect(on_fired)
for _ in range({EMITS}):
    e.fired.emit(True)
print(count)
"""


def test_many_signal_emits_do_not_crash_the_interpreter() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip()) == EMITS


def test_installed_pyside_is_not_the_broken_release_on_old_python() -> None:
    import PySide6

    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert version < (6, 12), f"PySide6 {PySide6.__version__} aborts Python 3.11"
