"""The pathway-figure classifier: features, the exported model, the API and ``pathfig classify``.

Images are drawn in code (a tiny pathway, a bar chart, noise); the shipped model is checked for
its provenance and on clear cases only. Accuracy lives in BENCHMARKS.md, not here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import typer
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from pathfig.classify import (
    FEATURES_VERSION,
    ClassifierError,
    PathwayClassifier,
    classify_figures,
    classify_image,
    image_features,
)
from pathfig.classify.cli import register
from pathfig.classify.evaluate import evaluation_report, reliability, report_markdown, roc_auc
from pathfig.classify.features import FEATURE_NAMES, WORK_SIDE, feature_names, prepare
from pathfig.classify.model import Calibration, TreeEnsemble, load_model, save_model
from pathfig.ocr.images import ImageFileError

# -- images drawn in code -------------------------------------------------------------------------


def pathway_image(w: int = 640, h: int = 480) -> np.ndarray:
    """Boxes with gene names joined by arrows and an inhibition bar: a small pathway."""
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    nodes = {"EGFR": (320, 50), "GRB2": (170, 150), "SOS1": (170, 250), "KRAS": (320, 250), "RAF1": (470, 250),
             "MEK1": (470, 350), "ERK": (320, 350), "MYC": (170, 430), "ELK1": (320, 430), "DUSP6": (560, 430)}
    boxes = {}
    for name, (x, y) in nodes.items():
        boxes[name] = (x - 42, y - 16, x + 42, y + 16)
        d.rounded_rectangle(boxes[name], radius=8, fill=(207, 227, 247), outline="black", width=2)
        d.text((x - 4 * len(name), y - 6), name, fill="black")
    for a, b in [("EGFR", "GRB2"), ("GRB2", "SOS1"), ("SOS1", "KRAS"), ("KRAS", "RAF1"), ("RAF1", "MEK1"),
                 ("MEK1", "ERK"), ("ERK", "MYC"), ("ERK", "ELK1"), ("EGFR", "KRAS")]:
        (ax, ay), (bx, by) = nodes[a], nodes[b]
        d.line((ax, ay + 16, bx, by - 16), fill="black", width=2)
        ang = math.atan2(by - 16 - ay - 16, bx - ax)
        tip = (bx, by - 16)
        d.polygon([tip, (tip[0] - 10 * math.cos(ang - 0.4), tip[1] - 10 * math.sin(ang - 0.4)),
                   (tip[0] - 10 * math.cos(ang + 0.4), tip[1] - 10 * math.sin(ang + 0.4))], fill="black")
    d.line((560, 414, 360, 366), fill="red", width=2)
    d.line((356, 356, 364, 376), fill="red", width=3)
    return np.asarray(img)


def bar_chart(w: int = 480, h: int = 360) -> np.ndarray:
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.line((50, 20, 50, 320), fill="black", width=2)
    d.line((50, 320, 460, 320), fill="black", width=2)
    for i, v in enumerate([120, 200, 90, 260, 170]):
        d.rectangle((70 + i * 78, 320 - v, 120 + i * 78, 320), fill=(60, 120, 200))
        d.text((75 + i * 78, 330), f"G{i}", fill="black")
    return np.asarray(img)


def noise_photo(w: int = 400, h: int = 300, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (h // 10, w // 10, 3)).astype(np.uint8)
    img = Image.fromarray(small).resize((w, h), Image.Resampling.BICUBIC)
    return np.clip(np.asarray(img).astype(int) + rng.integers(-20, 20, (h, w, 3)), 0, 255).astype(np.uint8)


def _save(arr: np.ndarray, path: Path, fmt: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(arr).save(path, format=fmt)
    return path


# -- features -------------------------------------------------------------------------------------


def test_features_have_one_value_per_name_and_are_finite() -> None:
    assert FEATURE_NAMES == feature_names() and len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for img in (pathway_image(), bar_chart(), noise_photo(), np.full((5, 3, 3), 255, np.uint8),
                np.zeros((40, 2000, 3), np.uint8)):
        x = image_features(img)
        assert x.shape == (len(FEATURE_NAMES),) and x.dtype == np.float32 and np.isfinite(x).all()


def test_features_do_not_depend_on_resolution_much() -> None:
    big = pathway_image()
    small = np.asarray(Image.fromarray(big).resize((480, 360), Image.Resampling.LANCZOS))
    a, b = image_features(big), image_features(small)
    for name in ("white_frac", "hole_count", "ink_grid_entropy", "aspect_log"):
        i = FEATURE_NAMES.index(name)
        assert abs(a[i] - b[i]) <= 0.25 * max(abs(a[i]), 1e-3) + 0.02, name


@pytest.mark.parametrize(("name", "other", "diagram_more"), [
    ("hole_labelled_count", "chart", True),   # labelled boxes
    ("arrowhead_count", "chart", True),
    ("line_diag_share", "chart", True),       # connectors at every angle
    ("axes_like", "chart", False),            # an L of long rules
    ("rule_h_span", "chart", False),
    ("soft_frac", "photo", False),            # continuous tone
    ("palette_entropy", "photo", False),
    ("bg_share", "photo", True),              # drawn on a plain background
])
def test_features_tell_a_diagram_from_other_figures(name: str, other: str, diagram_more: bool) -> None:
    i = FEATURE_NAMES.index(name)
    diagram = image_features(pathway_image())[i]
    value = image_features(bar_chart() if other == "chart" else noise_photo())[i]
    assert (diagram > value) if diagram_more else (diagram < value)


def test_prepare_scales_the_long_side_and_checks_input() -> None:
    assert prepare(np.zeros((100, 50, 3), np.uint8)).shape == (WORK_SIDE, WORK_SIDE // 2, 3)
    assert prepare(np.zeros((1000, 2000, 3), np.uint8)).shape == (WORK_SIDE // 2, WORK_SIDE, 3)
    with pytest.raises(ValueError, match="uint8 RGB"):
        prepare(np.zeros((10, 10), np.uint8))


# -- the exported model ---------------------------------------------------------------------------


def _stump() -> TreeEnsemble:
    """One tree: x0 <= 0.5 → -1, else (x1 <= 2 → +1, else +3); NaN in x0 goes right."""
    return TreeEnsemble(
        feature=np.array([0, 0, 1, 0, 0], np.int32), threshold=np.array([0.5, 0, 2.0, 0, 0]),
        left=np.array([1, -1, 3, -1, -1], np.int32), right=np.array([2, -1, 4, -1, -1], np.int32),
        missing_left=np.array([False, False, True, False, False]),
        is_leaf=np.array([False, True, False, True, True]), value=np.array([0, -1.0, 0, 1.0, 3.0]),
        roots=np.array([0], np.int32), baseline=0.25, max_depth=2,
    )


def test_trees_walk_like_scikit_learn() -> None:
    X = np.array([[0.1, 9], [0.9, 1], [0.9, 5], [np.nan, 1], [0.9, np.nan]])
    assert np.allclose(_stump().raw(X), [-0.75, 1.25, 3.25, 1.25, 1.25])


def test_calibration_maps() -> None:
    iso = Calibration("isotonic", np.array([-1.0, 0.0, 1.0]), np.array([0.1, 0.5, 0.9]))
    assert np.allclose(iso(np.array([-5, -0.5, 0.5, 5])), [0.1, 0.3, 0.7, 0.9])
    sig = Calibration("sigmoid", np.array([-2.0, 0.0]), np.zeros(0))
    assert np.isclose(sig(np.array([0.0]))[0], 0.5) and sig(np.array([3.0]))[0] > 0.99
    with pytest.raises(ClassifierError):
        Calibration("bogus", np.zeros(1), np.zeros(1))(np.zeros(1))


def test_model_files_round_trip_with_the_same_bytes(tmp_path: Path) -> None:
    cal = Calibration("isotonic", np.array([-1.0, 1.0]), np.array([0.0, 1.0]))
    meta = {"name": "t", "features_version": FEATURES_VERSION, "feature_names": ["a", "b"]}
    npz, js = save_model(tmp_path / "m", _stump(), cal, meta)
    first = npz.read_bytes()
    save_model(tmp_path / "m", _stump(), cal, meta)
    assert npz.read_bytes() == first  # deterministic: a retrain with the same data gives the same file
    ens, cal2, meta2 = load_model(tmp_path / "m.npz")
    assert meta2["npz_sha256"] and meta2["n_trees"] == 1
    clf = PathwayClassifier(ens, cal2, meta2)
    assert clf.version.startswith("t:") and clf.score_features(np.array([0.9, 1.0]))[0] == pytest.approx(1.0)
    with pytest.raises(ClassifierError, match="expected 2 features"):
        clf.score_features(np.zeros(3))


def test_damaged_or_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    cal = Calibration("isotonic", np.array([-1.0, 1.0]), np.array([0.0, 1.0]))
    npz, js = save_model(tmp_path / "m", _stump(), cal, {"features_version": FEATURES_VERSION})
    npz.write_bytes(npz.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ClassifierError, match="sha256 differs"):
        load_model(tmp_path / "m")
    with pytest.raises(ClassifierError, match="not found"):
        load_model(tmp_path / "nothing")
    save_model(tmp_path / "old", _stump(), cal, {"features_version": FEATURES_VERSION - 1})
    with pytest.raises(ClassifierError, match="retrain"):
        PathwayClassifier.load(tmp_path / "old")


def test_export_reproduces_scikit_learn(tmp_path: Path) -> None:
    import sklearn
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    from pathfig.classify.model import export_sklearn

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 5))
    X[rng.random(X.shape) < 0.05] = np.nan  # missing values take the learned side
    y = (np.nan_to_num(X[:, 0]) + 0.5 * np.nan_to_num(X[:, 1]) + rng.normal(0, 0.5, 400) > 0).astype(int)
    from threadpoolctl import threadpool_limits

    for method in ("isotonic", "sigmoid"):
        with threadpool_limits(1):  # OpenMP threads fighting over busy cores make this 10-50x slower
            model = CalibratedClassifierCV(HistGradientBoostingClassifier(max_iter=15, random_state=0),
                                           method=method, cv=3, ensemble=False).fit(X, y)
        ens, cal = export_sklearn(model)
        assert np.abs(cal(ens.raw(X)) - model.predict_proba(X)[:, 1]).max() < 1e-9, (method, sklearn.__version__)


# -- evaluation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("pos", "neg", "expected"), [
    ([0.9, 0.8], [0.1, 0.2], 1.0),
    ([0.1], [0.9], 0.0),
    ([0.5, 0.5], [0.5], 0.5),          # ties count half
    ([0.9, 0.8], [0.1, 0.8], 0.875),
    ([], [0.1], None),
])
def test_roc_auc(pos: list[float], neg: list[float], expected: float | None) -> None:
    assert roc_auc(pos, neg) == expected


def test_reliability_of_a_calibrated_score_is_flat() -> None:
    rng = np.random.default_rng(0)
    s = rng.random(20000)
    y = (rng.random(20000) < s).astype(int)  # P(y=1 | s) = s, and the classes come out even
    rel = reliability(s, y)
    assert rel["ece"] < 0.03 and len(rel["rows"]) == 10
    assert all(abs(r["mean_score"] - r["observed_pathway"]) < 0.06 for r in rel["rows"])


def test_evaluation_report_per_type_on_originals() -> None:
    kinds = ["real", "real", "real", "wikipathways", "chart:bar", "chart:bar", "blot", "blot"]
    labels = [1, 1, 1, 1, 0, 0, 0, 0]
    variants = [0, 0, 1, 0, 0, 0, 0, 0]
    scores = np.array([0.9, 0.4, 0.1, 0.8, 0.2, 0.6, 0.1, 0.0])
    rep = evaluation_report(kinds, labels, variants, scores)
    s = rep["summary"]
    assert (s["n_real"], s["n_negatives"], s["recall_real"], s["fpr_all_negatives"]) == (2, 4, 0.5, 0.25)
    assert s["fpr_charts"] == 0.5 and s["fpr_generated_negatives"] == 0.0
    rows = {r["type"]: r for r in rep["by_type"]}
    assert rows["real"]["n_degraded"] == 1 and rows["real"]["recall_degraded"] == 0.0
    assert rows["blot"]["auc_reference_vs_type"] == 1.0
    assert "| blot | 2 |" in report_markdown(rep)


# -- the shipped model ----------------------------------------------------------------------------


def test_shipped_model_carries_its_provenance() -> None:
    clf = PathwayClassifier.load()
    meta = clf.meta
    assert meta["features_version"] == FEATURES_VERSION and meta["feature_names"] == list(FEATURE_NAMES)
    assert meta["seed"] and meta["command"].startswith("nice -n 10 python scripts/train_classifier.py")
    assert {"real_figures", "wikipathways", "charts", "generated"} <= set(meta["training_data"])
    assert meta["versions"]["scikit-learn"] and meta["threshold"] == 0.5
    assert meta["cv"]["auc_real_vs_all_negatives"] > 0.9  # the full report is in BENCHMARKS.md


def test_shipped_model_on_clear_cases() -> None:
    clf = PathwayClassifier.load()
    samples = Path(__file__).parents[1] / "src" / "pathfig" / "samples"
    for p in sorted(samples.glob("*.png")):
        assert clf.score(p) >= 0.5, p.name
    assert classify_image(noise_photo()) < 0.5
    assert classify_image(np.full((300, 400, 3), 255, np.uint8)) < 0.5


# -- batch API and CLI ----------------------------------------------------------------------------


@pytest.fixture()
def figures(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    _save(pathway_image(), src / "diagram.png")
    (src / "diagram.yml").write_text("figid: PMC1__F1\n", encoding="utf-8")
    _save(noise_photo(), src / "photo.jpg", "JPEG")
    (src / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    return src


def test_classify_figures_scores_each_file_and_reports_bad_ones(figures: Path) -> None:
    scores = {s.figid: s for s in classify_figures([figures])}
    assert set(scores) == {"PMC1__F1", "photo", "broken"}
    assert scores["broken"].pathway_score is None and "broken.png" in scores["broken"].error
    assert scores["photo"].pathway_score is not None and scores["photo"].is_pathway is False
    diagram = scores["PMC1__F1"]
    assert diagram.is_pathway is True and diagram.threshold == 0.5
    assert diagram.pathway_score > 0.5 > scores["photo"].pathway_score  # type: ignore[operator]


def test_score_reads_paths_bytes_and_arrays(figures: Path) -> None:
    clf = PathwayClassifier.load()
    path = figures / "photo.jpg"
    a = clf.score(path)
    assert clf.score(str(path)) == a and clf.score(path.read_bytes()) == a
    with pytest.raises(ImageFileError, match="broken.png"):
        clf.score(figures / "broken.png")


@pytest.fixture()
def cli(make_cli) -> typer.Typer:  # noqa: ANN001
    return make_cli(register)


def test_cli_table_and_json(figures: Path, cli: typer.Typer) -> None:
    res = CliRunner().invoke(cli, ["classify", str(figures / "diagram.png"), str(figures / "photo.jpg")])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0] == "figid\tpathway_score\tpathway"
    rows = [ln.split("\t") for ln in lines[1:]]
    assert [r[0] for r in rows] == ["PMC1__F1", "photo"]
    assert [r[2] for r in rows] == ["yes", "no"] and float(rows[0][1]) > 0.5 > float(rows[1][1])
    res = CliRunner().invoke(cli, ["classify", str(figures), "--json", "--threshold", "0"])
    rows = json.loads(res.stdout)
    assert res.exit_code == 0 and {r["figid"] for r in rows} == {"PMC1__F1", "photo", "broken"}
    ok = [r for r in rows if r["error"] == ""]
    assert len(ok) == 2   # threshold 0: everything is a pathway figure
    assert all(r["is_pathway"] is True and r["threshold"] == 0 for r in ok)


def test_cli_exit_codes(tmp_path: Path, figures: Path, cli: typer.Typer) -> None:
    res = CliRunner().invoke(cli, ["classify", str(figures / "broken.png")])
    assert res.exit_code == 1 and "no image could be scored" in res.output
    res = CliRunner().invoke(cli, ["classify", str(tmp_path / "missing.png")])
    assert res.exit_code == 1 and "no such file" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(cli, ["classify", str(figures), "--model", str(tmp_path / "none.npz")])
    assert res.exit_code == 1 and "model file not found" in res.output


def test_classify_is_wired_into_the_root_command() -> None:
    from pathfig.cli import app

    res = CliRunner().invoke(app, ["classify", "--help"])
    assert res.exit_code == 0 and "--json" in res.output and "--threshold" in res.output
