"""Write the broken-file corpus and its README: ``python tests/data/broken/make_corpus.py``.

Each entry is one small file that is wrong in one way, what is wrong with it, and the words
the refusal must contain (where: line and column, or the field). tests/gui/test_corpus.py
opens every file in this folder through the window and reads the expectations from README.md,
so a file added by hand needs a README row too. Session files start from one valid session
(made here by the app itself) with one thing changed, so the message names that one thing.
Large files (50 MB lines, a million rows, files over the size limit) are not kept here: the
test makes them at run time.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------- CSV files
# (file, content, what is wrong, expected fragment of the message)

CSV: list[tuple[str, bytes, str, str]] = [
    ("empty.csv", b"", "no bytes at all", "the file is empty"),
    ("blank_lines_only.csv", b"\n  \n\t\r\n\n", "only blank lines", "the file is empty"),
    ("bom_only.csv", b"\xef\xbb\xbf", "a UTF-8 byte order mark and nothing else",
     "the file is empty"),
    ("header_only.csv", b"area,price\n", "a header and no data rows",
     "line 1 is a header, but there are no data rows"),
    ("header_twice.csv", b"x,y\nx,y\n1,2\n", "the header repeated as line 2",
     "line 2, column 1: 'x' is not a number"),
    ("header_not_first.csv", b"1,2\nx,y\n3,4\n", "the header comes after a data row",
     "line 2, column 1: 'x' is not a number"),
    ("one_column.csv", b"y\n1\n2\n3\n", "a label column and no feature column",
     "line 1: only one column"),
    ("one_column_numbers.csv", b"1.5\n2.5\n", "one number per line",
     "line 1: only one column"),
    ("ragged_long_row.csv", b"x,y\n1,2\n3,4,5\n6,7\n", "row 3 has an extra cell",
     "line 3: this row has 3 cells, expected 2"),
    ("ragged_short_row.csv", b"x1,x2,y\n1,2,3\n4,5\n", "row 3 misses a cell",
     "line 3: this row has 2 cells, expected 3"),
    ("ragged_crlf.csv", b"x,y\r\n1,2\r\n3\r\n", "a short row, Windows line ends",
     "line 3: this row has 1 cell, expected 2"),
    ("text_in_number.csv", b"x,y\n1,2\n3,abc\n", "a word where a number belongs",
     "line 3, column 2: 'abc' is not a number"),
    ("missing_value_NA.csv", b"x,y\n1,2\nNA,4\n", "NA for a missing value",
     "line 3, column 1: 'NA' is not a number"),
    ("empty_cell.csv", b"x,y\n1,2\n3,\n", "a missing value at the end of a row",
     "line 3, column 2: the cell is empty"),
    ("empty_quoted_cell.csv", b'x,y\n1,2\n"",4\n', "an empty quoted cell",
     "line 3, column 1: the cell is empty"),
    ("only_delimiters.csv", b"x,y\n1,2\n,\n", "a row of delimiters only",
     "line 3, column 1: the cell is empty"),
    ("nan.csv", b"x,y\n1,NaN\n", "NaN as a label", "line 2, column 2: 'NaN' is not a finite"),
    ("inf.csv", b"x,y\ninf,1\n", "infinity as a feature",
     "line 2, column 1: 'inf' is not a finite"),
    ("minus_infinity.csv", b"x,y\n1,2\n3,-Infinity\n", "minus infinity spelled out",
     "line 3, column 2: '-Infinity' is not a finite"),
    ("overflow_1e309.csv", b"x,y\n1,1e309\n", "1e309 is beyond the largest double (reads as inf)",
     "line 2, column 2: '1e309' is too large"),
    ("overflow_long_digits.csv", b"x,y\n1,2\n" + b"9" * 400 + b",3\n",
     "a 400-digit integer (beyond the largest double)", "line 3, column 1: '999"),
    ("huge_1.7e308.csv", b"x,y\n1.7e308,1\n", "a value near the largest double",
     "line 2, column 1: '1.7e308' is too large"),
    ("huge_negative_1e101.csv", b"x,y\n1,2\n-1e101,3\n", "just beyond the 1e100 limit",
     "line 3, column 1: '-1e101' is too large"),
    ("huge_label_1e200.csv", b"x,y\n1,2\n2,3\n3,1e200\n", "a label of 1e200",
     "line 4, column 2: '1e200' is too large"),
    ("decimal_comma.csv", b"x;y\n1,5;2,5\n", "decimal commas in a semicolon file",
     "line 2, column 1: '1,5' uses a decimal comma"),
    ("thousands_separator.csv", b'x,y\n"1,234,567",2\n', "thousands separators (quoted)",
     "line 2, column 1: '1,234,567' uses thousands separators"),
    ("thousands_or_decimal.csv", b"x;y\n1,000;2\n", "1,000: a thousand or one?",
     "line 2, column 1: '1,000' has a comma"),
    ("thousands_space.csv", b"x;y\n1 000;2\n", "a space as thousands separator",
     "line 2, column 1: '1 000' is not a number"),
    ("semicolon_row_in_comma_file.csv", b"x,y\n1,2\n3;4\n5,6\n", "one row uses semicolons",
     "line 3: this row has 1 cell, expected 2"),
    ("tab_row_in_comma_file.csv", b"x,y\n1,2\n3\t4\n", "one row uses a tab",
     "line 3: this row has 1 cell, expected 2"),
    ("comma_row_in_tab_file.csv", b"x\ty\n1\t2\n3\t4\n5,6\n", "one row uses a comma",
     "line 4: this row has 1 cell, expected 2"),
    ("quoted_text_number.csv", b'x,y\n"1","2"\n"3","four"\n', "quoted numbers, one is a word",
     "line 3, column 2: 'four' is not a number"),
    ("unclosed_quote.csv", b'x,y\n"1,2\n3,4\n', "a quote that is never closed",
     "line 2: a quoted cell is not closed"),
    ("quoted_cell_spans_lines.csv", b'"size\nm2",price\n1,2\n', "a header cell over two lines",
     "line 1: a quoted cell is not closed"),
    ("trailing_garbage_cell.csv", b"x,y\n1,2\n3,4abc\n", "letters after a number",
     "line 3, column 2: '4abc' is not a number"),
    ("trailing_garbage_line.csv", b"x,y\n1,2\n3,4\n-- end of data --\n", "a note after the data",
     "line 4: this row has 1 cell, expected 2"),
    ("underscore_number.csv", b"x,y\n1_000,2\n", "Python's 1_000 digit grouping",
     "line 2, column 1: '1_000' is not a number"),
    ("hex_number.csv", b"x,y\n0x1A,2\n", "a hexadecimal number",
     "line 2, column 1: '0x1A' is not a number"),
    ("percent.csv", b"x,y\n10%,2\n", "a percent sign", "line 2, column 1: '10%' is not a number"),
    ("currency.csv", b"x,y\n$5,2\n", "a currency sign", "line 2, column 1: '$5' is not a number"),
    ("boolean_cell.csv", b"x,y\ntrue,1\n", "true as a number",
     "line 2, column 1: 'true' is not a number"),
    ("unicode_minus.csv", "x,y\n\u22121.5,2\n".encode(), "U+2212 minus sign instead of -",
     "line 2, column 1: '\u22121.5' is not a number"),
    ("fullwidth_digits.csv", "x,y\n\uff11,2\n".encode(), "a full-width digit",
     "line 2, column 1: '\uff11' is not a number"),
    ("exponent_without_digits.csv", b"x,y\n1e,2\n", "an exponent with no digits",
     "line 2, column 1: '1e' is not a number"),
    ("ansi_escape.csv", b"x,y\n\x1b[31m1,2\n", "terminal colour codes in a cell",
     "line 2, column 1: '\\x1b[31m1' is not a number"),
    ("cr_only_bad_cell.csv", b"x,y\r1,2\r3,oops\r", "old Mac line ends, a bad cell in line 3",
     "line 3, column 2: 'oops' is not a number"),
    ("binary_png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image renamed .csv",
     "line 1: not UTF-8 text (byte 0x89)"),
    ("nul_bytes.csv", b"x,y\n1,2\x00\n", "a NUL byte", "line 2: contains NUL bytes"),
    ("zip_archive.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "a zip (xlsx) file renamed .csv",
     "line 1: contains NUL bytes"),
    ("utf16_bom.csv", "x,y\n1,2\n".encode("utf-16"), "UTF-16 with a byte order mark",
     "line 1: the file is UTF-16 text"),
    ("utf16_no_bom.csv", "x,y\n1,2\n".encode("utf-16-le"), "UTF-16 without a byte order mark",
     "line 1: the file is UTF-16 text"),
    ("utf32.csv", "x,y\n1,2\n".encode("utf-32"), "UTF-32 with a byte order mark",
     "line 1: the file is UTF-32 text"),
    ("latin1_header.csv", "preis,gr\xf6\xdfe\n1,2\n".encode("latin-1"),
     "Latin-1 umlauts in the header",
     "line 1: not UTF-8 text (byte 0xf6)"),
    ("latin1_data.csv", "x,y\n1,2\n3,\xb04\n".encode("latin-1"),
     "a Latin-1 degree sign in line 3",
     "line 3: not UTF-8 text (byte 0xb0)"),
    ("html_page.csv", b"<!DOCTYPE html>\n<html><body>404</body></html>\n",
     "a web page saved as .csv",
     "line 1: only one column"),
    ("json_document.csv", b'{"x": [1, 2, 3],\n "y": [4, 5, 6]}\n', "JSON text in a .csv",
     "line 2: this row has 3 cells, expected 4"),
    ("too_many_columns.csv", (",".join(["1"] * 102) + "\n").encode() * 2,
     "102 columns: 101 features and a label", "line 1: 102 columns"),
    ("too_many_columns_header.csv",
     (",".join(f"f{j}" for j in range(150)) + "\n" + ",".join(["0"] * 150) + "\n").encode(),
     "a header of 150 names", "line 1: 150 columns"),
    ("wide_row_later.csv", b"x,y\n1,2\n" + b",".join([b"3"] * 500) + b"\n",
     "a 500-cell row after two-column rows", "line 3: this row has 500 cells, expected 2"),
    ("long_column_name.csv", b"x," + b"price" * 50 + b"\n1,2\n", "a label name of 250 characters",
     "line 1, column 2: the column name is 250 characters long"),
    ("data.txt", b"x y\n1 2\n3 4\n", "space-separated (not comma, semicolon or tab)",
     "line 1: only one column"),
    ("duplicate_names.csv", b"area,area,price\n1,2,3\n4,5,6\n", "two columns named alike",
     "line 1, columns 1 and 2: both are named 'area'"),
    ("label_named_like_feature.csv", b"x,x\n1,2\n3,4\n", "the label named like the feature",
     "line 1, columns 1 and 2: both are named 'x'"),
]


# ------------------------------------------------------------------------------ session files
# (file, change made to a valid session, what is wrong, expected fragment); a change is a
# function of the document (returning the new one) or the file's bytes themselves.

Edit = Callable[[dict[str, Any]], Any] | bytes


def _walk(doc: dict[str, Any], path: str) -> tuple[Any, str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
    node: Any = doc
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


def setting(path: str, value: object) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def edit(doc: dict[str, Any]) -> dict[str, Any]:
        node, key = _walk(doc, path)
        node[key] = value
        return doc
    return edit


def dropping(path: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def edit(doc: dict[str, Any]) -> dict[str, Any]:
        node, key = _walk(doc, path)
        del node[key]
        return doc
    return edit


def text_replacing(old: str, new: str) -> Callable[[dict[str, Any]], str]:
    """An edit of the file's text (for what JSON values cannot say, e.g. bare NaN)."""
    def edit(doc: dict[str, Any]) -> str:
        text = _dump(doc)
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def _with_feature(doc: dict[str, Any]) -> dict[str, Any]:
    doc["data"]["X"] = [[*row, 1.0] for row in doc["data"]["X"]]  # 2 columns, 1 name
    return doc


def _twin_names(doc: dict[str, Any]) -> dict[str, Any]:
    doc = _with_feature(doc)
    doc["data"]["feature_names"] = ["area", "area"]
    return doc


def _epochs_1e30(doc: dict[str, Any]) -> dict[str, Any]:
    doc["trainer"]["epoch"] = 10**30
    doc["trainer"]["history"]["epoch_stride"] = 2**100
    for key in ("epoch_theta", "epoch_kind", "epoch_delta", "epoch_train_loss", "epoch_val_loss"):
        doc["trainer"]["history"][key] = []
    return doc


def _stride_2_100(doc: dict[str, Any]) -> dict[str, Any]:
    history = doc["trainer"]["history"]
    history["stride"], history["step_loss"], history["step_theta"] = 2**100, [], []
    return doc


def _wide(doc: dict[str, Any]) -> dict[str, Any]:
    doc["data"]["X"] = [row * 101 for row in doc["data"]["X"]]
    doc["data"]["feature_names"] = [f"x{j}" for j in range(1, 102)]
    return doc


SESSIONS: list[tuple[str, Edit, str, str]] = [
    ("empty.linreglab", b"", "no bytes at all", "the file is empty"),
    ("not_json.linreglab", b"hello, this is not JSON\n", "plain text",
     "not valid JSON: Expecting value at line 1, column 1"),
    ("csv_text.linreglab", b"x,y\n1,2\n", "a CSV file named .linreglab",
     "not valid JSON: Expecting value at line 1, column 1"),
    ("truncated.linreglab", lambda doc: _dump(doc)[:900], "cut off in the middle",
     "(the file is damaged or incomplete)"),
    ("deep_nesting.linreglab", b"[" * 5_000, "5,000 opening brackets",
     "nested more than 64 levels deep"),
    ("utf16.linreglab", lambda doc: _dump(doc).encode("utf-16"), "UTF-16 text",
     "not UTF-8 text (the file is UTF-16 text)"),
    ("binary.linreglab", b"\x89PNG\r\n\x1a\n\x00\x00", "an image renamed .linreglab",
     "not a text file (not UTF-8)"),
    ("json_list.linreglab", b"[1, 2, 3]\n", "a JSON list, not an object",
     'the "format": "linreglab" marker is missing'),
    ("wrong_format.linreglab", setting("format", "linreglab-v2"), "another format marker",
     'the "format": "linreglab" marker is missing'),
    ("newer_version.linreglab", setting("version", 2), "made by a newer program",
     "file version 2"),
    ("version_zero.linreglab", setting("version", 0), "version 0",
     "version: must be a whole number from 1, got 0"),
    ("version_text.linreglab", setting("version", "1"), "the version as text",
     'version: must be a whole number from 1, got "1"'),
    ("missing_data.linreglab", dropping("data"), "no data", "data: is missing"),
    ("missing_lr.linreglab", dropping("hyperparameters.lr"), "no learning rate",
     "hyperparameters.lr: is missing"),
    ("missing_trainer_w.linreglab", dropping("trainer.w"), "the trainer has no w",
     "trainer.w: is missing"),
    ("trainer_is_list.linreglab", setting("trainer", [1, 2]), "the trainer is a list",
     "trainer: must be an object"),
    ("shuffle_text.linreglab", setting("hyperparameters.shuffle", "yes"), "shuffle as text",
     "hyperparameters.shuffle: must be true or false"),
    ("batch_size_1e30.linreglab", setting("hyperparameters.batch_size", 1e30), "batch size 1e30",
     "hyperparameters.batch_size: must be a whole number"),
    ("batch_size_zero.linreglab", setting("hyperparameters.batch_size", 0), "batch size 0",
     "hyperparameters.batch_size: must be between 1 and 1000000"),
    ("batch_size_fraction.linreglab", setting("hyperparameters.batch_size", 2.5),
     "batch size 2.5", "hyperparameters.batch_size: must be a whole number"),
    ("epochs_1e12.linreglab", setting("hyperparameters.num_epochs", 10**12), "10¹² epochs",
     "hyperparameters.num_epochs: must be between 0 and 100000"),
    ("seed_2_63.linreglab", setting("hyperparameters.seed", 2**63), "seed 2⁶³",
     "hyperparameters.seed: must be between 0 and 2147483647"),
    ("seed_negative.linreglab", setting("hyperparameters.seed", -1), "seed −1",
     "hyperparameters.seed: must be between 0 and 2147483647"),
    ("seed_5000_digits.linreglab", text_replacing('"seed": 3', '"seed": ' + "9" * 5000),
     "a 5,000-digit seed", "hyperparameters.seed: a whole number of 5,000 digits"),
    ("lr_1e300.linreglab", setting("hyperparameters.lr", 1e300), "learning rate 1e300",
     "hyperparameters.lr: must be between 1e-05 and 100"),
    ("lr_negative.linreglab", setting("hyperparameters.lr", -0.1), "a negative learning rate",
     "hyperparameters.lr: must be between 1e-05 and 100"),
    ("lr_nan_string.linreglab", setting("hyperparameters.lr", "nan"), "NaN as a string",
     "hyperparameters.lr: must be a finite number"),
    ("lr_bare_nan.linreglab", text_replacing('"lr": 0.03', '"lr": NaN'), "a bare NaN (not JSON)",
     "hyperparameters.lr: NaN is not allowed in JSON"),
    ("lr_1e400.linreglab", text_replacing('"lr": 0.03', '"lr": 1e400'), "1e400 (reads as infinity)",
     "hyperparameters.lr: must be between 1e-05 and 100, got inf"),
    ("duplicate_key.linreglab", text_replacing('"lr": 0.03', '"lr": 0.03, "lr": 50'),
     "the learning rate given twice",
     'hyperparameters: the field "lr" appears twice'),
    ("unknown_hyperparameter.linreglab", setting("hyperparameters.momentum", 0.9),
     "a field this program does not know", "hyperparameters.momentum: unknown field"),
    ("huber_delta_zero.linreglab", setting("hyperparameters.huber_delta", 0.0), "Huber δ of 0",
     "hyperparameters.huber_delta: must be"),
    ("loss_unknown.linreglab", setting("hyperparameters.loss", "cubic"), "an unknown loss",
     "hyperparameters.loss: must be one of"),
    ("init_unknown.linreglab", setting("hyperparameters.init", "random"), "an unknown init",
     "hyperparameters.init: must be one of"),
    ("init_w_101.linreglab", setting("hyperparameters.init_w", [0.0] * 101),
     "101 initial weights", "hyperparameters.init_w"),
    ("examples_1e12.linreglab", setting("data.spec.num_examples", 10**12),
     "the generation spec asks for 10¹² examples",
     "data.spec.num_examples: must be between 1 and 1000000"),
    ("spec_range_reversed.linreglab", setting("data.spec.x_range", [3.0, -3.0]),
     "x range with lo > hi", "data.spec.x_range: needs lo < hi"),
    ("validation_share_0.9.linreglab", setting("data.val_fraction", 0.9), "90 % held out",
     "data.val_fraction: must be between 0 and 0.5"),
    ("unknown_lesson.linreglab", setting("view.lesson", "quantum_regression"),
     "a lesson this program does not have", "view.lesson: must be one of"),
    ("lesson_id_form.linreglab", setting("view.lesson", "../../etc/passwd"),
     "a lesson id that is not an id", "view.lesson: must be one of"),
    ("x_nan_string.linreglab", setting("data.X[1][0]", "nan"), "NaN as a string in X",
     "data.X[1][0]: must be a finite number"),
    ("x_huge.linreglab", setting("data.X[3][0]", 1e200), "a value of 1e200 in X",
     "data.X[3][0]: must be a finite number at most 1e100 in size, got 1e+200"),
    ("y_bool.linreglab", setting("data.y[2]", True), "true as a label",
     "data.y[2]: must be a finite number"),
    ("x_ragged.linreglab", setting("data.X[2]", [1.0, 2.0]), "one row of X has two values",
     "data.X[2]: must have 1 entry like the first row, got 2"),
    ("x_y_lengths.linreglab", lambda doc: setting("data.y", doc["data"]["y"][:4])(doc),
     "five rows of X, four labels", "data: X has 5 rows but y has 4"),
    ("x_columns_names.linreglab", _with_feature, "two columns of X, one feature name",
     "data.X: must have 1 columns, one per feature name, got 2"),
    ("feature_names_twice.linreglab", _twin_names, "two features of one name",
     "data.feature_names: feature and label names must differ; 'area' is given twice"),
    ("features_101.linreglab", _wide, "101 features",
     "data.feature_names: must have at most 100 entries"),
    ("val_mask_length.linreglab", setting("data.val_mask", [False, True]),
     "two validation flags for five examples", "data.val_mask: must hold 5 true/false values"),
    ("feature_name_empty.linreglab", setting("data.feature_names", [""]), "an empty feature name",
     "data.feature_names[0]: must be a non-empty single line"),
    ("feature_name_newline.linreglab", setting("data.label_name", "price\nin €"),
     "a label name over two lines", "data.label_name: must be a non-empty single line"),
    ("label_name_long.linreglab", setting("data.label_name", "y" * 201),
     "a label name of 201 characters", "data.label_name: must have at most 200 characters"),
    ("trainer_other_data.linreglab", setting("data.y[0]", 3.5),
     "the data changed after saving (digest differs)", "trainer.data_sha256"),
    ("trainer_sha_form.linreglab", setting("trainer.data_sha256", "abc"),
     "a digest that is not one", "trainer.data_sha256: must be a SHA-256 digest"),
    ("trainer_n_examples.linreglab", setting("trainer.n_examples", 10**12),
     "a trainer for 10¹² examples", "trainer.n_examples: the state is for 1000000000000 examples"),
    ("trainer_w_length.linreglab", setting("trainer.w", [0.0, 1.0, 2.0]),
     "three weights for one feature", "trainer.w: must hold 1 number, got 3"),
    ("trainer_position.linreglab", setting("trainer.position", 99), "a position past the data",
     "trainer.position: must be at most 4"),
    ("trainer_order_not_permutation.linreglab", setting("trainer.epoch_order", [0, 0, 1, 2]),
     "an epoch order with a repeat", "trainer.epoch_order: must be a permutation"),
    ("trainer_order_2_64.linreglab", setting("trainer.epoch_order", [0, 1, 2, 2**64]),
     "an index of 2⁶⁴ in the epoch order", "trainer.epoch_order"),
    ("trainer_batch_size_zero.linreglab", setting("trainer.batch_size", 0),
     "the trainer's batch size 0", "trainer.batch_size: must be at least 1, got 0"),
    ("trainer_lr_zero.linreglab", setting("trainer.lr", 0.0), "the trainer's lr 0",
     "trainer.lr: must be"),
    ("trainer_rng_state.linreglab", setting("trainer.rng.state", {"state": "x", "inc": 1}),
     "a random generator state that is not one", "trainer.rng: not a valid PCG64 state"),
    ("trainer_rng_unknown.linreglab", setting("trainer.rng.bit_generator", "Mersenne"),
     "an unknown random generator", "trainer.rng.bit_generator: must be one of"),
    ("trainer_steps_history.linreglab", setting("trainer.steps", 40),
     "40 steps but three recorded", "trainer.history.step_loss: the rows do not fit 40 steps"),
    ("trainer_history_capacity.linreglab", setting("trainer.history.capacity", 2**40),
     "a history of 2⁴⁰ rows", "trainer.history.capacity: must be between 2 and 4194304"),
    ("trainer_last_batch.linreglab", setting("trainer.last.batch", [3, 7]),
     "the last batch names example 7 of 4", "trainer.last.batch: must hold example indices"),
    ("trainer_steps_1e30.linreglab", setting("trainer.steps", 10**30), "10³⁰ steps",
     "trainer.steps: must be between 0 and 9007199254740992"),
    ("trainer_epoch_1e30.linreglab", _epochs_1e30, "10³⁰ epochs, none recorded",
     "trainer.epoch: must be between 0 and 9007199254740992"),
    ("trainer_stride_2_100.linreglab", _stride_2_100,
     "a row recorded every 2¹⁰⁰ steps (none yet)",
     "trainer.history.stride: must be between 1 and 9007199254740992"),
    ("trainer_rng_key_short.linreglab",
     setting("trainer.rng", {"bit_generator": "MT19937", "state": {"key": [1, 2, 3], "pos": 0}}),
     "a Mersenne Twister key of 3 words, not 624", "trainer.rng: not a valid MT19937 state"),
    ("true_b_1e300.linreglab", setting("data.true_b", 1e300), "the true bias 1e300",
     "data.true_b: must be a finite number at most 1e100 in size, or null"),
    ("true_w_nan.linreglab", setting("data.true_w", ["nan"]), "the true weight NaN",
     "data.true_w[0]: must be a finite number at most 1e100 in size"),
    ("trainer_epoch_kind.linreglab", setting("trainer.history.epoch_kind", [2**70]),
     "a loss kind of 2⁷⁰", "trainer.history.epoch_kind"),
]


# Made by tests/gui/test_corpus.py at run time (its LARGE, which must say the same).
LARGE: list[tuple[str, str, str]] = [
    ("fifty_mb_line.csv", "one 50 MB line of 25,000,001 cells", "line 1: 25,000,001 columns"),
    ("four_by_3000.csv", "4 rows of 3,000 columns (once froze the window)",
     "line 1: 3,000 columns"),
    ("million_and_one_rows.csv", "a header and 1,000,001 data rows",
     "line 1000002: more than 1,000,000 data rows"),
    ("million_and_one_rows_no_header.csv", "1,000,001 data rows",
     "line 1000001: more than 1,000,000 data rows"),
    ("over_size_limit.csv", "256 MB and one byte (sparse)",
     "the file is 256.1 MB, more than the 256 MB"),
    ("huge_quoted_cell.csv", "a quoted cell of 200,000 digits", "line 2: the cells cannot be read"),
    ("pipe.csv", "a named pipe (opening it waits for a writer)",
     "not a regular file (a pipe or a device)"),
    ("pipe.linreglab", "a named pipe named like a session",
     "not a regular file (a pipe or a device)"),
    ("five_mb_name.csv", "a header name of 5 million characters (drawing it froze the window)",
     "line 1, column 1: the column name is 5,000,000 characters long"),
    ("huge_number_cell.csv", "a number of 10 million digits",
     "line 2, column 1: '999999999999999999999999999999…' is too large"),
]


# ------------------------------------------------------------------------------------ writing


def _dump(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def base_session() -> dict[str, Any]:
    """A small valid session saved by the app: 5 examples (one held out), 3 steps at batch 2."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([])
    from linreg_lab.gui.state.data_state import GenerationSpec
    from linreg_lab.gui.state.session import Session
    from linreg_lab.gui.state.session_io import session_document

    session = Session()
    session.generate(GenerationSpec(w=(2.0,), b=4.2, noise_std=0.5, num_examples=5, seed=7,
                                    val_fraction=0.2))
    session.set_hyperparameters(batch_size=2, seed=3)
    session.step(3)
    doc = session_document(session, lesson_id=None, panels=("formula",))
    del app
    return json.loads(json.dumps(doc))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "\\n")


def write_corpus() -> None:
    base = base_session()
    rows = []
    for name, content, what, fragment in CSV:
        (HERE / name).write_bytes(content)
        rows.append((name, what, fragment))
    for name, edit, what, fragment in SESSIONS:
        result = edit if isinstance(edit, bytes) else edit(copy.deepcopy(base))
        if isinstance(result, dict):
            result = _dump(result)
        (HERE / name).write_bytes(result.encode() if isinstance(result, str) else result)
        rows.append((name, what, fragment))
    table = "\n".join(f"| `{n}` | {_cell(w)} | `{_cell(f)}` |" for n, w, f in rows)
    large = "\n".join(f"| `{n}` | {_cell(w)} | `{_cell(f)}` |" for n, w, f in LARGE)
    (HERE / "README.md").write_text(README.format(count=len(rows), table=table, large=large),
                                    encoding="utf-8")


README = """\
# Broken files: what LinReg Lab must refuse, and how

{count} small files, each wrong in one way. tests/gui/test_corpus.py opens every file in this
folder through the window (File → Open, `MainWindow.open_any`) and checks that it is refused:
`open_any` returns False, one non-blocking message box appears (`dataFileError` for CSV,
`sessionFileError` for `.linreglab`) whose text names the file and contains the fragment
below (the line and column, or the field), the session is untouched (data, hyperparameters,
trainer, undo stack, session file path) and the file on disk keeps its bytes.

Written by `make_corpus.py` (run it after changing a list there; a file added by hand needs a
row here). Session files are one valid session made by the app (5 examples, one held out for
validation, 3 SGD steps at batch size 2) with one thing changed.

Large cases are made by the test at run time (`LARGE` in tests/gui/test_corpus.py) instead of
being kept here:

| Made at run time | What is wrong | Expected in the message |
|---|---|---|
{large}

Limits (core/limits.py, core/csv_io.py): at most MAX_FEATURES = 100 features (101 columns
with the label), MAX_EXAMPLES = 1,000,000 data rows, values up to MAX_ABS_VALUE = 1e100 in
size, CSV files up to MAX_CSV_BYTES = 256 MB; in sessions also steps, epochs and history
strides up to 2**53.

The files kept here:

| File | What is wrong | Expected in the message |
|---|---|---|
{table}
"""


if __name__ == "__main__":
    write_corpus()
