"""load_csv / save_csv: forgiving about form, exact round trips, precise error messages."""

import os
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linreg_lab.core import csv_io, file_reading
from linreg_lab.core.csv_io import load_csv, save_csv
from linreg_lab.core.data import Dataset
from linreg_lab.core.errors import DataError
from linreg_lab.core.limits import MAX_ABS_VALUE, MAX_EXAMPLES, MAX_FEATURES


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def assert_table(ds, rows):
    rows = np.array(rows, dtype=float)
    assert np.array_equal(ds.X, rows[:, :-1]) and np.array_equal(ds.y, rows[:, -1])


# --------------------------------------------------------------------------- good files


@pytest.mark.parametrize("delim", [",", ";", "\t"])
def test_each_delimiter_with_header(tmp_path, delim):
    text = delim.join(["area", "age", "price"]) + "\n"
    text += "\n".join(delim.join(r) for r in [["1.5", "2", "3e2"], ["-4", ".5", "6."]]) + "\n"
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ("area", "age") and ds.label_name == "price"
    assert_table(ds, [[1.5, 2, 300], [-4, 0.5, 6]])


@pytest.mark.parametrize("delim", [",", ";", "\t"])
def test_no_header_gets_default_names(tmp_path, delim):
    ds = load_csv(write(tmp_path, f"1{delim}2\n3{delim}4\n"))
    assert ds.feature_names == ("x",) and ds.label_name == "y"
    assert_table(ds, [[1, 2], [3, 4]])


def test_bom_crlf_quotes_and_blank_lines(tmp_path):
    text = '\ufeff"x","y"\r\n"1.5","2"\r\n\r\n 3 , "4.25" \r\n\r\n\r\n'
    ds = load_csv(write(tmp_path, text))
    assert ds.feature_names == ("x",) and ds.label_name == "y"
    assert_table(ds, [[1.5, 2], [3, 4.25]])


def test_quoted_header_with_delimiter_inside(tmp_path):
    ds = load_csv(write(tmp_path, '"size, m²",price\n1,2\n'))
    assert ds.feature_names == ("size, m²",) and ds.label_name == "price"


def test_old_mac_line_endings_and_no_final_newline(tmp_path):
    assert_table(load_csv(write(tmp_path, "1,2\r3,4")), [[1, 2], [3, 4]])


def test_blank_and_whitespace_lines_are_skipped_anywhere(tmp_path):
    ds = load_csv(write(tmp_path, "\n  \nx,y\n1,2\n   \n3,4\n\t\n"))
    assert_table(ds, [[1, 2], [3, 4]])


def test_many_feature_columns(tmp_path):
    rng = np.random.default_rng(0)
    table = rng.normal(size=(30, 13))
    text = "\n".join(",".join(repr(v) for v in row) for row in table.tolist())
    ds = load_csv(write(tmp_path, text))
    assert ds.n_features == 12 and ds.feature_names[0] == "x1" and ds.feature_names[-1] == "x12"
    assert_table(ds, table)


def test_empty_header_cells_get_default_names(tmp_path):
    ds = load_csv(write(tmp_path, ",b,\n1,2,3\n"))
    assert ds.feature_names == ("x1", "b") and ds.label_name == "y"


def test_quoted_cells_take_the_slow_path_when_spaced_and_still_parse(tmp_path):
    ds = load_csv(write(tmp_path, 'x;y\n "1.5" ; "-2"\n'))
    assert_table(ds, [[1.5, -2]])


def test_fast_and_slow_paths_agree(tmp_path):
    rng = np.random.default_rng(1)
    table = rng.normal(scale=1e3, size=(200, 3))
    text = "a,b,c\n" + "\n".join(",".join(repr(v) for v in r) for r in table.tolist()) + "\n"
    path = write(tmp_path, text)
    lines = text.split("\n")
    fast = csv_io._parse_fast(lines[1:], ",", 3)
    slow = csv_io._parse_slow(lines, 1, len(lines), ",", 3, path.name, 1)
    assert fast is not None and fast.tobytes() == slow.tobytes() == table.tobytes()


def test_chunked_parse_matches_when_some_chunks_need_the_slow_scan(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_io, "_CHUNK", 7)
    rng = np.random.default_rng(2)
    table = rng.normal(size=(50, 2))
    lines = [",".join(repr(v) for v in r) for r in table.tolist()]
    lines[10] = " " + lines[10].replace(",", ' , "') + '"'  # spaced quotes: slow scan only
    lines.insert(30, "   ")  # a whitespace-only line: slow scan only
    ds = load_csv(write(tmp_path, "a,b\n" + "\n".join(lines) + "\n\n"))
    assert ds.X.tobytes() == table[:, :1].tobytes() and ds.y.tobytes() == table[:, 1].tobytes()


# --------------------------------------------------------------------------- round trips


def test_save_then_load_round_trips_exactly(tmp_path):
    X = np.array([[1e-300, -0.0], [0.1, 1 / 3], [5e-324, -MAX_ABS_VALUE]])
    y = np.array([0.1 + 0.2, 2.0**-1074, 123456789.123456789])
    ds = Dataset(X, y, ("a, b", 'the "q"'), "label")
    path = tmp_path / "out.csv"
    save_csv(ds, path)
    back = load_csv(path)
    assert back.X.tobytes() == ds.X.tobytes() and back.y.tobytes() == ds.y.tobytes()
    assert back.feature_names == ds.feature_names and back.label_name == ds.label_name
    assert path.read_text(encoding="utf-8").splitlines()[0] == '"a, b","the ""q""",label'


finite = st.floats(-MAX_ABS_VALUE, MAX_ABS_VALUE)  # what the loader takes
name = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"), min_size=1,
    max_size=8,
).filter(lambda s: s.strip() and csv_io._is_header([s.strip()]))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    d=st.integers(1, 4),
    data=st.data(),
)
def test_round_trip_property(tmp_path, d, data):
    n = data.draw(st.integers(1, 8))
    values = data.draw(st.lists(finite, min_size=n * (d + 1), max_size=n * (d + 1)))
    table = np.array(values).reshape(n, d + 1)
    names = data.draw(st.lists(name, min_size=d + 1, max_size=d + 1, unique_by=str.strip))
    ds = Dataset(table[:, :-1], table[:, -1], names[:-1], names[-1])
    path = tmp_path / "prop.csv"
    save_csv(ds, path)
    back = load_csv(path)
    assert back.X.tobytes() == ds.X.tobytes() and back.y.tobytes() == ds.y.tobytes()
    assert back.feature_names == ds.feature_names and back.label_name == ds.label_name


def test_numeric_feature_names_round_trip_when_one_name_is_text(tmp_path):
    ds = Dataset(np.ones((2, 2)), [1.0, 2.0], ("1", "2.5"), "price")
    save_csv(ds, tmp_path / "n.csv")
    assert load_csv(tmp_path / "n.csv") == ds


def test_default_names_round_trip(tmp_path):
    ds = Dataset(np.arange(6.0).reshape(3, 2), [1.0, 2.0, 3.0])
    save_csv(ds, tmp_path / "d.csv")
    assert load_csv(tmp_path / "d.csv") == ds


# --------------------------------------------------------------------------- atomic save


def test_save_replaces_atomically_and_keeps_permissions(tmp_path):
    path = write(tmp_path, "old,content\n1,2\n")
    os.chmod(path, 0o640)
    ds = Dataset(np.ones((2, 1)), [3.0, 4.0])
    save_csv(ds, path)
    assert load_csv(path) == ds
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


@pytest.mark.parametrize("fail_in", ["replace", "fsync"])
def test_failed_save_leaves_old_file_and_no_temp(tmp_path, monkeypatch, fail_in):
    path = write(tmp_path, "old,content\n1,2\n")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_io.os, fail_in, boom)
    with pytest.raises(DataError, match=r"data\.csv.*No space left"):
        save_csv(Dataset(np.ones((2, 1)), [3.0, 4.0]), path)
    monkeypatch.undo()
    assert path.read_text() == "old,content\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


def test_save_into_missing_folder_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match=r"x\.csv"):
        save_csv(Dataset(np.ones((1, 1)), [1.0]), tmp_path / "nope" / "x.csv")


def test_save_refuses_empty_and_numeric_only_names(tmp_path):
    with pytest.raises(DataError, match="no examples"):
        save_csv(Dataset.empty(), tmp_path / "e.csv")
    with pytest.raises(DataError, match="look like numbers"):
        save_csv(Dataset(np.ones((1, 1)), [1.0], ("1",), "2"), tmp_path / "n.csv")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- bad files


def load_error(tmp_path, content, name="bad.csv"):
    path = write(tmp_path, content, name)
    with pytest.raises(DataError) as info:
        load_csv(path)
    message = str(info.value)
    assert message.startswith(name), message
    return message


def where(line, column=None):
    text = f"line {line}" + (f", column {column}" if column else "")
    return re.escape(text) + r"\b"


@pytest.mark.parametrize(
    "content, pattern",
    [
        ("", "empty"),
        ("\n \r\n\n", "empty"),
        ("x,y\n", r"line 1 is a header.*no data"),
        ("x,y\n\n\n", "no data"),
        ("y\n1\n2\n", where(1) + ".*only one column"),
        ("1\n2\n", where(1) + ".*only one column"),
        ("x,y\n1,2\n3,4\n5,6\n6,7,8\n", where(5) + ".*3 cells, expected 2"),
        ("x,y\n1,2\n3\n", where(3) + ".*1 cell, expected 2"),
        ("x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11,abc\n", where(7, 2) + ": 'abc' is not a number"),
        ("1,2\n3,\n", where(2, 2) + ".*empty.*missing"),
        ('x,y\n1,2\n"",4\n', where(3, 1) + ".*empty"),
        ("x,y\n1,nan\n", where(2, 2) + ".*'nan'.*NaN and infinity"),
        ("x,y\n1,2\n-inf,3\n", where(3, 1) + ".*'-inf'.*not a finite number"),
        ("x;y\n1,5;2\n", where(2, 1) + ".*decimal comma.*1\\.5"),
        ("1,5;2,5\n3,5;4,5\n", where(1, 1) + ".*decimal comma"),
        ('x,y\n"1,5",2\n', where(2, 1) + ".*decimal comma"),
        ("x,y\n1_0,2\n", where(2, 1) + ".*not a number"),
        ("x,y\n1 2,3\n", where(2, 1) + ".*'1 2' is not a number"),
    ],
)
def test_bad_content_messages_name_file_line_and_column(tmp_path, content, pattern):
    assert re.search(pattern, load_error(tmp_path, content)), pattern


def test_error_deep_in_a_large_file_is_found(tmp_path):
    lines = [f"{i},{2 * i}" for i in range(5000)]
    lines[4321] = "4321,oops"
    message = load_error(tmp_path, "x,y\n" + "\n".join(lines) + "\n")
    assert re.search(where(4323, 2) + ": 'oops' is not a number", message), message


def test_line_numbers_count_blank_lines_and_crlf(tmp_path):
    message = load_error(tmp_path, "\r\nx,y\r\n\r\n1,2\r\n3,x\r\n")
    assert re.search(where(5, 2), message), message


def test_long_bad_cells_are_shortened(tmp_path):
    message = load_error(tmp_path, "x,y\n1," + "z" * 500 + "\n")
    assert len(message) < 200 and "…" in message


def test_binary_junk_is_not_utf8(tmp_path):
    message = load_error(tmp_path, b"x,y\n1,2\n\x89PNG\xff\xfe\x00\x01")
    assert re.search(where(3) + ".*not UTF-8", message), message


def test_nul_bytes_mean_binary(tmp_path):
    message = load_error(tmp_path, b"x,y\n1,2\x00\n")
    assert re.search(where(2) + ".*binary", message), message


def test_utf16_is_named(tmp_path):
    message = load_error(tmp_path, "x,y\n1,2\n".encode("utf-16"))
    assert "UTF-16" in message and "UTF-8" in message


def test_missing_file_and_folder_are_data_errors(tmp_path):
    with pytest.raises(DataError, match=r"ghost\.csv: file not found"):
        load_csv(tmp_path / "ghost.csv")
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(DataError, match=r"dir\.csv: .*folder"):
        load_csv(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX non-root")
def test_unreadable_file_is_a_data_error(tmp_path):
    path = write(tmp_path, "x,y\n1,2\n", "locked.csv")
    os.chmod(path, 0)
    try:
        with pytest.raises(DataError, match=r"locked\.csv: permission denied"):
            load_csv(path)
    finally:
        os.chmod(path, 0o600)


@pytest.mark.parametrize(
    "error, pattern",
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), r"the file cannot be read \(Input/output error\)"),
    ],
)
def test_os_errors_while_reading_become_data_errors(tmp_path, monkeypatch, error, pattern):
    path = write(tmp_path, "x,y\n1,2\n", "disk.csv")

    def failing_open(*args, **kwargs):
        raise error

    monkeypatch.setattr(file_reading, "open", failing_open, raising=False)
    with pytest.raises(DataError, match=r"disk\.csv: " + pattern):
        load_csv(path)


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)


# --------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    "content, pattern",
    [
        ("x,y\n1,1e309\n", where(2, 2) + ": '1e309' is too large.*1e100.*overflow"),
        ("x,y\n" + "9" * 400 + ",1\n", where(2, 1) + ": '9{30}…' is too large"),
        ("x,y\n1.7e308,1\n", where(2, 1) + ": '1.7e308' is too large"),
        ("x,y\n1,2\n-1e101,3\n", where(3, 1) + ": '-1e101' is too large"),
        ('x,y\n1,"1e200"\n', where(2, 2) + ": '1e200' is too large"),
        ("x,y\n1,+Infinity\n", where(2, 2) + ".*not a finite number"),
    ],
)
def test_values_beyond_the_limit_are_refused_where_they_are(tmp_path, content, pattern):
    assert re.search(pattern, load_error(tmp_path, content)), pattern


def test_values_at_the_limit_load(tmp_path):
    ds = load_csv(write(tmp_path, f"x,y\n{MAX_ABS_VALUE!r},-1e100\n-1e-320,0\n"))
    assert ds.X[0, 0] == MAX_ABS_VALUE and ds.y[0] == -MAX_ABS_VALUE


def test_a_large_value_deep_in_a_large_file_is_found(tmp_path):
    lines = [f"{i},{2 * i}" for i in range(9000)]
    lines[8765] = "8765,2e100"
    message = load_error(tmp_path, "x,y\n" + "\n".join(lines) + "\n")
    assert re.search(where(8767, 2) + ": '2e100' is too large", message), message


@pytest.mark.parametrize("header", [True, False])
def test_columns_beyond_the_limit_are_refused_from_the_first_line(tmp_path, header):
    ncols = MAX_FEATURES + 2
    first = ",".join(f"f{j}" for j in range(ncols)) if header else ",".join(["1"] * ncols)
    message = load_error(tmp_path, first + "\n" + ",".join(["2"] * ncols) + "\n")
    assert re.search(where(1) + f": {ncols} columns; .*at most {MAX_FEATURES} features.*"
                     "interactively", message), message


def test_the_column_limit_itself_loads(tmp_path):
    ds = load_csv(write(tmp_path, (",".join(["1"] * (MAX_FEATURES + 1)) + "\n") * 2))
    assert ds.n_features == MAX_FEATURES


def test_a_huge_first_line_is_refused_without_splitting_it(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_io, "_split", None)  # a split would fail with TypeError
    message = load_error(tmp_path, b"1," * 2_000_000 + b"1\n")
    assert re.search(where(1) + ": 2,000,001 columns", message), message


def test_a_huge_later_row_is_refused_without_splitting_it(tmp_path):
    message = load_error(tmp_path, b'x,y\n1,2\n' + b'"3",' * 500_000 + b"4\n")
    assert re.search(where(3) + ": this row has 500,001 cells, expected 2", message), message


def test_rows_beyond_the_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_EXAMPLES", 5)
    assert load_csv(write(tmp_path, "x,y\n" + "1,2\n\n" * 5)).n_examples == 5
    message = load_error(tmp_path, "x,y\n" + "1,2\n" * 6)  # counted before splitting
    assert re.search(where(7) + ": more than 5 data rows", message), message
    message = load_error(tmp_path, "1,2\n" * 6 + "\n\n")  # no header: counted after
    assert re.search(where(6) + ": more than 5 data rows", message), message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = write(tmp_path, "x,y\n1,2\n", "big.csv")
    with open(path, "r+b") as f:
        f.truncate(csv_io.MAX_CSV_BYTES + 1)  # sparse
    with pytest.raises(DataError, match=r"big\.csv: the file is 256\.1 MB, more than the 256 MB"
                       r" LinReg Lab reads \(enough for 1,000,000 rows"):
        load_csv(path)


def test_save_refuses_what_load_would_refuse_and_writes_nothing(tmp_path, monkeypatch):
    cases = [
        (Dataset(np.ones((1, MAX_FEATURES + 1)), [1.0]), f"{MAX_FEATURES + 1} features"),
        (Dataset([[1.0], [2e100]], [1.0, 2.0]), r"the value 2e\+100 in row 2, column 1"),
        (Dataset([[1.0]], [-1.7e308]), r"the value -1.7e\+308 in row 1, column 2"),
    ]
    for ds, pattern in cases:
        with pytest.raises(DataError, match=r"out\.csv: cannot save, " + pattern):
            save_csv(ds, tmp_path / "out.csv")
    monkeypatch.setattr(csv_io, "MAX_EXAMPLES", 2)
    with pytest.raises(DataError, match="3 examples"):
        save_csv(Dataset(np.ones((3, 1)), np.ones(3)), tmp_path / "out.csv")
    monkeypatch.setattr(csv_io, "MAX_CSV_BYTES", 10)
    with pytest.raises(DataError, match="save the session instead"):
        save_csv(Dataset(np.ones((2, 1)), np.ones(2)), tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- encodings, quotes


@pytest.mark.parametrize(
    "content, pattern",
    [
        ("x,y\n1,2\n".encode("utf-16-le"), where(1) + ": the file is UTF-16 text"),
        ("x,y\n1,2\n".encode("utf-16-be"), where(1) + ": the file is UTF-16 text"),
        ("x,y\n1,2\n".encode("utf-32"), where(1) + ": the file is UTF-32 text"),
        (b"\x00\x00\xfe\xff" + "x,y\n".encode("utf-32-be"), where(1) + ": the file is UTF-32 text"),
        ("größe,y\n1,2\n".encode("latin-1"), where(1) + r": not UTF-8 text \(byte 0xf6\).*UTF-8"),
        (b'x,y\n"1,2\n3,4\n', where(2) + ": a quoted cell is not closed"),
        (b'"size\nm2",price\n1,2\n', where(1) + ": a quoted cell is not closed"),
        (b'x,y\n"' + b"1" * 200_000 + b'",2\n', where(2) + ": the cells cannot be read"),
        (b'x,y\n"1,234,567",2\n', where(2, 1) + ": '1,234,567' uses thousands separators.*"
         "1234567"),
        (b'"1,234.5";2\n', where(1, 1) + ": '1,234.5' uses thousands separators.*1234.5"),
        (b"x;y\n1,000;2\n", where(2, 1) + ": '1,000' has a comma.*1.000 or 1000"),
    ],
)
def test_encodings_quotes_and_separators_are_named(tmp_path, content, pattern):
    assert re.search(pattern, load_error(tmp_path, content)), pattern


def test_a_quote_inside_a_header_name_is_still_a_name(tmp_path):
    ds = load_csv(write(tmp_path, 'size"inch,price\n1,2\n'))
    assert ds.feature_names == ('size"inch',)


def test_the_limits_admit_what_they_promise(tmp_path):
    """MAX_EXAMPLES rows load; so would ten full-precision numbers a row (repr of a double:
    at most 24 characters, 25 with the separator) by the size limit."""
    longest = repr(-2.2250738585072014e-100)
    assert len(longest) == 24 and MAX_EXAMPLES * 10 * (len(longest) + 1) <= csv_io.MAX_CSV_BYTES
    path = tmp_path / "max.csv"
    path.write_bytes(b"x,y\n" + b"1,2\n" * MAX_EXAMPLES + b"\n" * 1000)
    assert load_csv(path).n_examples == MAX_EXAMPLES


def test_names_beyond_the_limit_are_refused_on_load_and_save(tmp_path):
    from linreg_lab.core.limits import MAX_NAME_LENGTH

    ok = "n" * MAX_NAME_LENGTH
    assert load_csv(write(tmp_path, f"{ok},y\n1,2\n")).feature_names == (ok,)
    message = load_error(tmp_path, f"x,{ok}m\n1,2\n")
    assert re.search(where(1, 2) + f": the column name is {MAX_NAME_LENGTH + 1} characters",
                     message), message
    with pytest.raises(DataError, match="cannot save, the name of column 2"):
        save_csv(Dataset([[1.0]], [2.0], ("x",), ok + "m"), tmp_path / "long.csv")
    assert not (tmp_path / "long.csv").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_before_it_is_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")  # opening it to read would wait for a writer forever
    with pytest.raises(DataError, match=r"pipe\.csv: not a regular file"):
        load_csv(tmp_path / "pipe.csv")


def test_a_file_whose_size_is_not_known_ahead_is_still_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_CSV_BYTES", 10)
    path = write(tmp_path, "x,y\n1,2\n3,4\n", "proc.csv")  # like /proc files: st_size 0
    monkeypatch.setattr(file_reading.os, "fstat", lambda fd: os.stat_result((0,) * 10))
    with pytest.raises(DataError, match=r"proc\.csv: the file has more than 0\.1 MB"):
        load_csv(path)


# --------------------------------------------------------------------------- the split column


def test_the_split_column_round_trips_with_the_data(tmp_path):
    ds = Dataset([[0.1 + 0.2, -1.0], [2.5, 1e-300], [3.0, 4.0]], [1 / 3, -2.0, 7.0],
                 ("area, m²", "age"), "price")
    mask = np.array([False, True, False])
    save_csv(ds, tmp_path / "d.csv", val_mask=mask)
    text = (tmp_path / "d.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == '"area, m²",age,price,split'
    assert [line.rsplit(",", 1)[1] for line in text.splitlines()[1:]] == [
        "train", "validation", "train"]
    back, back_mask = csv_io.load_csv_split(tmp_path / "d.csv")
    assert back.X.tobytes() == ds.X.tobytes() and back.y.tobytes() == ds.y.tobytes()
    assert back.feature_names == ds.feature_names and back.label_name == "price"
    assert back_mask.tolist() == mask.tolist()
    assert load_csv(tmp_path / "d.csv").X.tobytes() == ds.X.tobytes()  # accepted as data too


def test_a_file_without_split_has_no_mask(tmp_path):
    ds, mask = csv_io.load_csv_split(write(tmp_path, "x,y\n1,2\n3,4\n"))
    assert mask is None and ds.n_examples == 2


@pytest.mark.parametrize("delim", [";", "\t"])
def test_split_words_ignore_case_and_spaces(tmp_path, delim):
    text = delim.join(["x", "y", "Split"]) + "\n" + "\n".join(
        delim.join(r) for r in [["1", "2", " Validation "], ["3", '"4"', "TRAIN"]]) + "\n"
    ds, mask = csv_io.load_csv_split(write(tmp_path, text))
    assert_table(ds, [[1, 2], [3, 4]])
    assert mask.tolist() == [True, False]


@pytest.mark.parametrize(("row", "message"), [
    ("1,2,test", r"data.csv, line 3, column 3: 'test' in the split column should be train or "
                 r"validation"),
    ("1,2", r"data.csv, line 3: this row has 2 cells, expected 3 \(as in line 1; "
            r"comma-separated\)"),
    ("1,x,train", r"data.csv, line 3, column 2: 'x' is not a number"),
    ("1,,validation", r"data.csv, line 3, column 2: the cell is empty"),
])
def test_a_bad_split_row_is_named(tmp_path, row, message):
    with pytest.raises(DataError, match=message):
        load_csv(write(tmp_path, f"x,y,split\n5,6,train\n{row}\n"))


def test_the_split_column_does_not_count_against_the_column_limit(tmp_path):
    names = [f"x{j}" for j in range(1, MAX_FEATURES + 1)] + ["y", "split"]
    row = ",".join(["1"] * (MAX_FEATURES + 1)) + ",train"
    ds, mask = csv_io.load_csv_split(write(tmp_path, ",".join(names) + f"\n{row}\n"))
    assert ds.n_features == MAX_FEATURES and mask.tolist() == [False]
    with pytest.raises(DataError, match=f"at most {MAX_FEATURES} features"):
        load_csv(write(tmp_path, "x0," + ",".join(names) + f"\n1,{row}\n"))


def test_lines_split_a_block_at_a_time_are_those_of_one_split(monkeypatch):
    import random

    monkeypatch.setattr(csv_io, "_SPLIT_CHARS", 3)
    rng = random.Random(1)
    texts = ["", "\n", "a", "a\n", "\n\n", "ab\ncd\n\nef", "1,2\n3,4\n"]
    texts += ["".join(rng.choice("ab\n") for _ in range(rng.randint(0, 40)))
              for _ in range(500)]
    for text in texts:
        assert csv_io.split_lines(text) == text.split("\n"), repr(text)


def test_a_file_of_exactly_the_row_limit_with_its_final_newline_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_io, "MAX_EXAMPLES", 5)
    assert load_csv(write(tmp_path, "x,y\n" + "1,2\n" * 5)).n_examples == 5
    message = load_error(tmp_path, "x,y\n" + "1,2\n" * 5 + "3,4")  # a sixth row, unended
    assert re.search(where(7) + ": more than 5 data rows", message), message
