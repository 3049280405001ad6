"""core.atomic: a failed or killed write never costs the old file, and leaves no litter."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from linreg_lab.core.atomic import STALE_AFTER_S, is_temp_name, remove_stale_temps, write_atomic

OLD = b"old contents\n\x00\xff"


def _age(path, seconds: float) -> None:
    """Make `path` look last written `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def _chunks_then(error: BaseException):
    yield "half of the new "
    yield "file, "
    raise error


@pytest.mark.parametrize("error", [ValueError("not storable"), MemoryError(),
                                   OSError(28, "No space left on device"),
                                   KeyboardInterrupt()])
def test_a_failure_while_producing_the_text_keeps_the_old_file_and_no_temp(tmp_path, error):
    target = tmp_path / "run.linreglab"
    target.write_bytes(OLD)
    with pytest.raises(type(error)):
        write_atomic(target, _chunks_then(error))
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["run.linreglab"]


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_disk_failure_at_any_step_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch,
                                                                    step):
    target = tmp_path / "data.csv"
    target.write_bytes(OLD)

    def fail(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["data.csv"]


def test_temp_names_are_recognised_narrowly():
    assert is_temp_name(".run.linreglab.0a1b2c3d.tmp")
    assert is_temp_name(".a.b.c.csv.ffffffff.tmp")
    for name in ["run.linreglab", ".run.tmp", ".bashrc", "x.0a1b2c3d.tmp",
                 ".run.0A1B2C3D.tmp", ".run.0a1b2c3.tmp", ".run.0a1b2c3d4.tmp",
                 ".run.0a1b2c3d.tmp.bak", "..0a1b2c3d.tmp"]:
        assert not is_temp_name(name), name


def test_stale_temps_go_at_the_next_write_and_nothing_else_does(tmp_path):
    stale = tmp_path / ".lab.linreglab.0123abcd.tmp"
    young = tmp_path / ".lab.linreglab.89abcdef.tmp"  # a save under way in another window
    users = [tmp_path / ".notes.tmp", tmp_path / "report.0123abcd.tmp",
             tmp_path / ".lab.linreglab.0123ABCD.tmp", tmp_path / "lab.linreglab"]
    for path in [stale, young, *users]:
        path.write_bytes(b"partial")
        _age(path, 0 if path == young else 3600)
    folder = tmp_path / ".dir.linreglab.00000000.tmp"
    folder.mkdir()
    _age(folder, 3600)
    link = tmp_path / ".link.csv.11111111.tmp"
    link.symlink_to(users[0])
    write_atomic(tmp_path / "other.csv", "x\n")
    assert not stale.exists()
    assert young.exists() and folder.is_dir() and link.is_symlink()
    assert all(p.read_bytes() == b"partial" for p in users)


def test_remove_stale_temps_reports_what_it_removed_and_never_raises(tmp_path):
    stale = tmp_path / ".a.csv.deadbeef.tmp"
    stale.write_text("x")
    assert remove_stale_temps(tmp_path, now=time.time() + STALE_AFTER_S + 1) == [str(stale)]
    assert remove_stale_temps(tmp_path / "no such folder") == []
    (tmp_path / "file").write_text("a file, not a folder")
    assert remove_stale_temps(tmp_path / "file") == []


def test_a_killed_save_leaves_a_temp_that_the_next_save_removes(tmp_path):
    """A real process killed mid-write (os._exit inside the text), then a later save."""
    target = tmp_path / "run.linreglab"
    target.write_bytes(OLD)
    script = textwrap.dedent(f"""
        import os
        from linreg_lab.core.atomic import write_atomic

        def chunks():
            yield "a first chunk that reaches the disk"
            os._exit(9)  # killed: no finally, no clean-up

        write_atomic({str(target)!r}, chunks())
    """)
    done = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert done.returncode == 9
    left = [n for n in os.listdir(tmp_path) if n != "run.linreglab"]
    assert len(left) == 1 and is_temp_name(left[0])
    assert target.read_bytes() == OLD  # the kill did not touch the old file
    write_atomic(target, "a later save\n")  # too soon: the temp may belong to a live save
    assert (tmp_path / left[0]).exists()
    _age(tmp_path / left[0], 2 * STALE_AFTER_S)
    write_atomic(target, "a save a while later\n")
    assert os.listdir(tmp_path) == ["run.linreglab"]
    assert target.read_text() == "a save a while later\n"
