"""Finding images and reading their metadata sidecars (yml / yaml / json, missing, malformed)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pathfig.errors import InputFileError
from pathfig.run.inputs import SidecarError, collect_inputs, find_images, find_sidecar, read_sidecar


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


SEED_YAML = """\
figid: PMC1298938__ppat.0010039.g007
filename: ppat.0010039.g007.jpg
pmcid: PMC1298938
number: Figure 7
papertitle: Functional and Genetic Analysis of Coronavirus Replicase-Transcriptase Proteins.
caption: Shows a working model (W\u221a\u00bc ts38).
year: '2005'
"""


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.yml", SEED_YAML, {"figid": "PMC1298938__ppat.0010039.g007", "year": "2005", "number": "Figure 7"}),
        ("a.yaml", "figid: F1\nfigtitle: \"NF-\u03baB signalling\"\n",
         {"figid": "F1", "figtitle": "NF-\u03baB signalling"}),
        ("a.json", '{"figid": "F2", "papertitle": "P"}', {"figid": "F2", "papertitle": "P"}),
        ("a.yml", "", {}),                                   # empty sidecar: no metadata
        ("a.yml", "year: 2005\ndate: 2020-01-02\n1: one\n", {"year": 2005, "date": "2020-01-02", "1": "one"}),
        ("a.json", "\ufeff{\"figid\": 7}", {"figid": 7}),     # BOM; numeric id
    ],
)
def test_read_sidecar(name: str, text: str, expected: dict[str, object]) -> None:
    meta = read_sidecar(text.encode("utf-8"), name=name)
    assert {k: meta[k] for k in expected} == expected
    if not expected:
        assert meta == {}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.yml", b"figid: [unclosed\n", r"sidecar bad.yml: invalid YAML \(line \d+, column \d+"),
        ("bad.yml", b"- a list\n- not a mapping\n", "expected a mapping of field names to values, got list"),
        ("bad.json", b'{"figid": "x",}', r"sidecar bad.json: invalid JSON \(line 1, column 15"),
        ("bad.json", b'"just a string"', "got str"),
        ("bad.yml", b"figid: \xff\xfe\n", "not UTF-8"),
        ("bad.yml", b"figid:\n  nested: map\n", "figid must be text, got dict"),
    ],
)
def test_malformed_sidecar_names_the_file(name: str, data: bytes, message: str) -> None:
    with pytest.raises(SidecarError, match=message):
        read_sidecar(data, name=name)


def test_find_sidecar_order(tmp_path: Path) -> None:
    img = _touch(tmp_path / "fig.v2.jpg")
    assert find_sidecar(img) is None
    _touch(tmp_path / "fig.v2.json", b"{}")
    assert find_sidecar(img) == tmp_path / "fig.v2.json"
    _touch(tmp_path / "fig.v2.yaml", b"{}")
    assert find_sidecar(img) == tmp_path / "fig.v2.yaml"  # .yaml wins over .json
    _touch(tmp_path / "fig.v2.yml", b"{}")
    assert find_sidecar(img) == tmp_path / "fig.v2.yml"   # .yml wins over .yaml and .json


def test_find_images_recursive_case_insensitive_skips_hidden(tmp_path: Path) -> None:
    for rel in ("a.JPG", "sub/b.png", "sub/deeper/c.TiFf", "sub/d.webp", "e.bmp", "f.gif", "g.jpeg",
                "notes.txt", "a.yml", ".hidden.png", "._a.JPG", ".git/h.png"):
        _touch(tmp_path / rel)
    names = [p.relative_to(tmp_path).as_posix() for p in find_images([tmp_path])]
    assert names == ["a.JPG", "e.bmp", "f.gif", "g.jpeg", "sub/b.png", "sub/d.webp", "sub/deeper/c.TiFf"]


def test_explicit_files_are_taken_whatever_their_extension_and_once(tmp_path: Path) -> None:
    txt = _touch(tmp_path / "figure.dat")
    png = _touch(tmp_path / "x.png")
    assert find_images([txt, png, tmp_path]) == [txt, png]


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file or folder"):
        find_images([tmp_path / "nope"])
    with pytest.raises(InputFileError, match="no such file or folder"):
        collect_inputs([tmp_path / "nope"])   # nothing at all to read: the run's error


def test_unreadable_inputs_are_problems_and_the_rest_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _touch(tmp_path / "in" / "good.png")
    _touch(tmp_path / "in" / "locked" / "hidden.png")
    (tmp_path / "dangling.png").symlink_to(tmp_path / "gone.png")
    real_scandir = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - os.scandir's signature
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)   # as a folder without read permission
    got = collect_inputs([tmp_path / "in", tmp_path / "missing.png", tmp_path / "dangling.png"])
    assert [f.path for f in got.figures] == [str(good)]
    problems = {Path(p.path).name: p for p in got.problems}
    assert set(problems) == {"locked", "missing.png", "dangling.png"}
    assert all(p.unreadable for p in got.problems)
    assert problems["locked"].error == "cannot read folder (Permission denied)"
    assert problems["missing.png"].error == "no such file or folder"
    assert problems["dangling.png"].error.startswith("broken symbolic link (its target ")
    with pytest.raises(InputFileError, match="cannot read folder"):
        find_images([tmp_path / "in"])   # without a problems list: raised


def test_sidecars_named_directly_go_with_their_images(tmp_path: Path) -> None:
    png, yml = _touch(tmp_path / "p53.png"), _touch(tmp_path / "p53.json", b'{"figid": "F"}')
    orphan = _touch(tmp_path / "alone.yml", b"figid: X\n")
    problems: list = []
    # ``pathfig run dir/*``: the sidecar sorts before its image and is no image itself.
    assert find_images([yml, png, orphan], problems) == [png]
    assert [(Path(p.path).name, p.error) for p in problems] == [
        ("alone.yml", "a metadata sidecar given without its image (name the image, or its folder)")]
    got = collect_inputs([yml, png])
    assert [(f.figid, f.sidecar) for f in got.figures] == [("F", str(yml))] and got.problems == []


def test_sidecar_that_cannot_be_read_is_the_figures_error(tmp_path: Path) -> None:
    _touch(tmp_path / "a.png")
    (tmp_path / "a.yml").symlink_to(tmp_path / "nowhere.yml")
    _touch(tmp_path / "b.png")
    (tmp_path / "b.yml").mkdir()
    got = collect_inputs([tmp_path])
    assert [f.figid for f in got.figures] == ["a", "b"]
    assert "a.yml: cannot read (No such file or directory)" in got.sidecar_errors["a"]
    assert "b.yml: cannot read (Is a directory)" in got.sidecar_errors["b"]


def test_collect_figids_sidecar_errors_and_duplicates(tmp_path: Path) -> None:
    _touch(tmp_path / "a.png")
    _touch(tmp_path / "a.yml", b"figid: FIG-A\nfigtitle: T\n")
    _touch(tmp_path / "b.png")                                   # no sidecar: id = stem
    _touch(tmp_path / "c.png")
    _touch(tmp_path / "c.json", b"{not json")                    # malformed: id = stem, error kept
    _touch(tmp_path / "d.png")
    _touch(tmp_path / "d.yaml", b"figid: FIG-A\n")               # claims a taken id
    _touch(tmp_path / "sub" / "b.png")                           # same stem as b.png
    got = collect_inputs([tmp_path])
    assert [(f.figid, Path(f.path).relative_to(tmp_path).as_posix()) for f in got.figures] == [
        ("FIG-A", "a.png"), ("b", "b.png"), ("c", "c.png")]
    assert got.figures[0].metadata == {"figid": "FIG-A", "figtitle": "T"}
    assert got.figures[0].sidecar == str(tmp_path / "a.yml")
    assert list(got.sidecar_errors) == ["c"]
    assert str(tmp_path / "c.json") in got.sidecar_errors["c"]
    problems = {Path(p.path).relative_to(tmp_path).as_posix(): p for p in got.problems}
    assert set(problems) == {"d.png", "sub/b.png"}
    assert "'FIG-A' is already used by" in problems["d.png"].error
    assert str(tmp_path / "a.png") in problems["d.png"].error
    assert problems["d.png"].sidecar == str(tmp_path / "d.yaml")


def test_blank_figid_falls_back_to_stem(tmp_path: Path) -> None:
    _touch(tmp_path / "x.png")
    _touch(tmp_path / "x.yml", b"figid: '  '\n")
    assert [f.figid for f in collect_inputs([tmp_path]).figures] == ["x"]
