#!/usr/bin/env python3
"""Train the pathway-figure classifier shipped in ``src/pathfig/classify/data/`` and measure it.

usage: nice -n 10 python scripts/train_classifier.py [--shared ../shared] [--workers 2]
       [--cache /tmp/pathfig-classify] [--report bench/out/classify] [--leave-type-out]
       [--no-cv] [--no-save | --model-out BASE] [--quick]

The same data, code and seed give the same model file, byte for byte (``npz_sha256`` in the JSON).

Needs the ``train`` extra (scikit-learn is a runtime dependency; matplotlib and scikit-image
are training-only): ``pip install -e ".[train]"``.

Data (``--shared``, default ``../shared`` beside the repository, or ``$PATHFIG_SHARED``):

- positives: ``figures/*.jpg`` (161 real published pathway figures; the original plus three
  degraded copies each: downscaled, JPEG-recompressed, cropped, sometimes grey), the 200
  WikiPathways renders ``wikipathways/*.png`` (original, JPEG q75 at 75 % size, one random
  degradation), the four bundled sample figures, and pathway diagrams drawn in code
  (:mod:`pathfig.classify.synth.pathway`);
- negatives: ``negatives/*`` (4,440 web charts, tables, maps, Venn and radar diagrams; a quarter
  also upscaled, since they are small) and hard negatives generated in code
  (:data:`pathfig.classify.synth.GENERATORS`: multi-panel plots with gene names, heatmaps,
  enrichment charts, blots and gels, micrographs, photographs, study flowcharts and workflows,
  chemical structures, gene tables, mixed results figures).

Evaluation is honest about leakage: every item belongs to a *group* (a source image and all
its degraded copies; one generated image), and cross-validation splits by group
(``StratifiedGroupKFold``), so no copy of a test image is ever trained on. Metrics are reported
on the originals only, per source: real figures separately from WikiPathways renders, each
negative type on its own. Calibration is fitted inside each training fold (grouped inner CV),
so the reliability table is out-of-sample too.

Training weights: each group weighs the same whatever its number of copies (real figures ×3,
generated hard negatives ×1.5), then positives and negatives are balanced, so the score is
P(pathway) for an even prior; 0.5 is the default threshold.

Outputs: ``src/pathfig/classify/data/pathway_model.{npz,json}`` (or ``--model-out``; none with
``--no-save``) and
``REPORT/report.json`` + ``REPORT/report.md`` (the tables for BENCHMARKS.md) and
``REPORT/oof.tsv`` (every out-of-fold score). Features are cached per item in ``--cache``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# One OpenMP thread for the gradient boosting: on a shared 2-core machine two threads spin-wait
# each other and a fit takes 10-60 times longer. Set before numpy/scikit-learn load.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pathfig.classify.features import FEATURE_NAMES, FEATURES_VERSION, WORK_SIDE, image_features  # noqa: E402

logger = logging.getLogger("train_classifier")

SEED = 20240607
MODEL_BASE = ROOT / "src" / "pathfig" / "classify" / "data" / "pathway_model"
THRESHOLD = 0.5

#: Generated images per kind (negatives) and generated pathway diagrams (positives).
N_GENERATED = 260
N_PATHWAYS = 500

#: Group weight multipliers by source (see the module docstring).
SOURCE_WEIGHT = {"real": 3.0, "wikipathways": 1.0, "sample": 1.0, "generated": 1.0, "chart": 1.0}
HARD_NEGATIVE_WEIGHT = 1.5

HGB_PARAMS = {
    "learning_rate": 0.06, "max_iter": 400, "max_leaf_nodes": 31, "min_samples_leaf": 20,
    "l2_regularization": 1.0, "max_features": 0.5, "early_stopping": False,
}
CALIBRATION = "isotonic"
N_FOLDS = 5
N_INNER = 3


@dataclass(frozen=True, slots=True)
class Item:
    """One training image: a file (maybe degraded) or a generated drawing."""

    id: str        # "real/<stem>/v1"
    group: str     # "real/<stem>": every copy of one source
    label: int     # 1 pathway figure, 0 not
    source: str    # real | wikipathways | sample | generated | chart
    kind: str      # reporting type: real, wikipathways, sample, pathway (drawn), chart:bar, blot, …
    variant: int   # 0: as given
    path: str = ""
    seed: int = 0


# -- the data -------------------------------------------------------------------------------------


def _seed(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("/".join(map(str, (SEED, *parts))).encode()).digest()[:4], "little")


def build_items(shared: Path, *, n_generated: int, n_pathways: int, quick: bool = False) -> list[Item]:
    """Every training item, in a fixed order."""
    from pathfig.classify.synth import GENERATORS

    items: list[Item] = []
    step = 8 if quick else 1

    def files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
        out = sorted({p for pat in patterns for p in folder.glob(pat)})
        if not out:
            raise SystemExit(f"no images in {folder}: pass --shared or set PATHFIG_SHARED")
        return out[::step]

    for p in files(shared / "figures", ("*.jpg", "*.png")):
        for v in range(4):
            items.append(Item(f"real/{p.stem}/v{v}", f"real/{p.stem}", 1, "real", "real", v, str(p),
                              _seed("real", p.stem, v)))
    for p in files(shared / "wikipathways", ("WP*.png",)):
        for v in range(3):
            items.append(Item(f"wp/{p.stem}/v{v}", f"wp/{p.stem}", 1, "wikipathways", "wikipathways", v, str(p),
                              _seed("wp", p.stem, v)))
    for p in sorted((ROOT / "src" / "pathfig" / "samples").glob("*.*g")):
        for v in range(5):
            items.append(Item(f"sample/{p.stem}/v{v}", f"sample/{p.stem}", 1, "sample", "sample", v, str(p),
                              _seed("sample", p.stem, v)))
    for p in files(shared / "negatives", ("*.jpg", "*.png", "*.jpeg")):
        cat = p.stem.rstrip("0123456789") or "other"
        cat = {"lin": "line", "scater": "scatter"}.get(cat, cat)  # two misnamed files in the set
        items.append(Item(f"chart/{p.stem}/v0", f"chart/{p.stem}", 0, "chart", f"chart:{cat}", 0, str(p),
                          _seed("chart", p.stem, 0)))
        if _seed("chart-up", p.stem) % 4 == 0:
            items.append(Item(f"chart/{p.stem}/v1", f"chart/{p.stem}", 0, "chart", f"chart:{cat}", 1, str(p),
                              _seed("chart", p.stem, 1)))
    for kind, gen in GENERATORS.items():
        n = n_pathways if gen.label else n_generated
        for i in range(n // step):
            items.append(Item(f"gen/{kind}/{i}/v0", f"gen/{kind}/{i}", gen.label, "generated", kind, 0,
                              seed=_seed("gen", kind, i)))
    return items


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def _resize(img: np.ndarray, long_side: int) -> np.ndarray:
    from PIL import Image

    h, w = img.shape[:2]
    s = long_side / max(h, w)
    size = (max(8, round(w * s)), max(8, round(h * s)))
    return np.asarray(Image.fromarray(img).resize(size, Image.Resampling.LANCZOS if s < 1 else
                                                  Image.Resampling.BICUBIC))


def degrade(img: np.ndarray, rng: np.random.Generator, *, lo: float, hi: float, max_side: int = 1400) -> np.ndarray:
    """A copy as figures reach us: rescaled (× lo..hi), maybe cropped or grey, JPEG-compressed."""
    h, w = img.shape[:2]
    if rng.random() < 0.3:  # trim margins or cut into the figure a little
        dy, dx = int(h * rng.uniform(0, 0.06)), int(w * rng.uniform(0, 0.06))
        img = img[dy:h - int(h * rng.uniform(0, 0.06)), dx:w - int(w * rng.uniform(0, 0.06))]
    side = int(np.clip(max(img.shape[:2]) * rng.uniform(lo, hi), 160, max_side))
    img = _resize(img, side)
    if rng.random() < 0.1:
        g = (img.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)).astype(np.uint8)
        img = np.repeat(g[:, :, None], 3, axis=2)
    if rng.random() < 0.85:
        img = _jpeg(img, int(rng.integers(45, 96)))
    return np.ascontiguousarray(img)


def render(item: Item) -> np.ndarray:
    """The RGB pixels of an item, exactly as features are computed from them."""
    from pathfig.ocr.images import load_image

    rng = np.random.default_rng(item.seed)
    if item.source == "generated":
        from pathfig.classify.synth import generate

        img = np.asarray(generate(item.kind, item.seed))
        # Drawn at one resolution and saved losslessly; real figures are neither.
        return degrade(img, rng, lo=0.6, hi=1.25)
    img = load_image(item.path)
    if item.variant == 0:
        return img
    if item.source == "wikipathways" and item.variant == 1:
        return _jpeg(_resize(img, int(max(img.shape[:2]) * 0.75)), 75)
    if item.source == "chart":
        return degrade(img, rng, lo=1.5, hi=3.5, max_side=1100)  # charts are small: upscale them
    if item.source == "wikipathways":
        return degrade(img, rng, lo=0.35, hi=0.9)
    return degrade(img, rng, lo=0.45, hi=1.5)


# -- features, cached -----------------------------------------------------------------------------


def _code_key(source: str) -> bytes:
    """Python source as its syntax tree without docstrings: layout and comments do not count."""
    import ast

    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body[0] = ast.Pass()
    return ast.dump(tree).encode()


#: Generator modules each generated kind is drawn with, besides the shared ones: editing one
#: module recomputes only the features of its kinds.
_SYNTH_SHARED = ("__init__.py", "draw.py", "text.py", "words.py")
_SYNTH_MODULES = {"plots": ("plots.py",), "heatmap": ("plots.py",), "enrichment": ("plots.py",),
                  "blot": ("lab.py",), "micrograph": ("lab.py",), "photo": ("lab.py",),
                  "flowchart": ("schemes.py",), "molecule": ("schemes.py",), "table": ("schemes.py",),
                  "composite": ("plots.py", "lab.py"), "schematic": ("other.py",), "pathway": ("pathway.py",)}


def _hash(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.hexdigest()[:12]


def cache_keys() -> tuple[str, dict[str, str]]:
    """Keys of the feature cache: one for the features and the data recipe (the folder), one per
    generated kind (its generator modules). Layout and comments do not change them."""
    import inspect
    import textwrap

    pkg = ROOT / "src" / "pathfig" / "classify"
    recipe = [_code_key(textwrap.dedent(inspect.getsource(fn)))
              for fn in (_seed, build_items, _jpeg, _resize, degrade, render)]
    base = _hash(_code_key((pkg / "features.py").read_text(encoding="utf-8")), *recipe, str(SEED).encode())
    synth = pkg / "synth"
    code = {p.name: _code_key(p.read_text(encoding="utf-8")) for p in sorted(synth.glob("*.py"))}
    kinds = {kind: _hash(*(code[m] for m in (*_SYNTH_SHARED, *mods))) for kind, mods in _SYNTH_MODULES.items()}
    kinds["*"] = _hash(*code.values())  # a kind not listed above depends on every module
    return base, kinds


def _cache_file(cache: Path, item: Item, kinds: dict[str, str]) -> Path:
    sub = "files" if item.source != "generated" else f"{item.kind}-{kinds.get(item.kind, kinds['*'])}"
    return cache / sub / (item.id.replace("/", "__") + ".npy")


def _compute(args: tuple[Item, str]) -> tuple[str, np.ndarray | None, str, float]:
    item, path = args
    t0 = time.process_time()
    try:
        x = image_features(render(item))
    except Exception as exc:  # noqa: BLE001 - one bad image must not stop training; it is reported
        return item.id, None, f"{type(exc).__name__}: {exc}", 0.0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    np.save(path, x)
    return item.id, x, "", time.process_time() - t0


def _init_worker() -> None:
    import cv2

    cv2.setNumThreads(1)
    logging.getLogger("matplotlib").setLevel(logging.WARNING)


def extract(items: list[Item], cache: Path, workers: int) -> tuple[np.ndarray, list[str]]:
    """Feature rows for ``items`` (NaN rows for images that failed, with their errors)."""
    base, kinds = cache_keys()
    cache = cache / f"features-v{FEATURES_VERSION}-{base}"
    logger.info("feature cache %s", cache)
    X = np.full((len(items), len(FEATURE_NAMES)), np.nan, np.float32)
    index = {it.id: i for i, it in enumerate(items)}
    todo = []
    for i, it in enumerate(items):
        f = _cache_file(cache, it, kinds)
        if f.is_file():
            X[i] = np.load(f)
        else:
            todo.append((it, str(f)))
    errors: list[str] = []
    if todo:
        logger.info("computing features of %d items (%d cached) with %d workers", len(todo), len(items) - len(todo),
                    workers)
        from multiprocessing import get_context

        start = time.perf_counter()
        cpu: list[float] = []
        with get_context("spawn").Pool(workers, initializer=_init_worker) as pool:
            for k, (iid, x, err, sec) in enumerate(pool.imap_unordered(_compute, todo, chunksize=8)):
                if x is None:
                    errors.append(f"{iid}: {err}")
                    logger.warning("%s: %s", iid, err)
                else:
                    X[index[iid]] = x
                    cpu.append(sec)
                if (k + 1) % 500 == 0:
                    logger.info("  %d/%d (%.0f s)", k + 1, len(todo), time.perf_counter() - start)
        logger.info("features done in %.0f s; %.3f CPU s/item median (render + features)",
                    time.perf_counter() - start, float(np.median(cpu)) if cpu else 0.0)
    return X, errors


# -- model ----------------------------------------------------------------------------------------


def weights(items: list[Item]) -> np.ndarray:
    """Each group weighs the same (times its source multiplier); the classes are balanced."""
    size = Counter(it.group for it in items)
    w = np.array([SOURCE_WEIGHT[it.source] * (HARD_NEGATIVE_WEIGHT if it.source == "generated" and not it.label
                                               else 1.0) / size[it.group] for it in items])
    y = np.array([it.label for it in items])
    w[y == 1] *= w[y == 0].sum() / w[y == 1].sum()
    return w * len(w) / w.sum()


def make_model(groups: np.ndarray, y: np.ndarray, seed: int):  # type: ignore[no-untyped-def]
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import StratifiedGroupKFold

    inner = list(StratifiedGroupKFold(N_INNER, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups))
    hgb = HistGradientBoostingClassifier(random_state=seed, **HGB_PARAMS)
    return CalibratedClassifierCV(hgb, method=CALIBRATION, cv=inner, ensemble=False)


def cross_validate(X: np.ndarray, y: np.ndarray, w: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold calibrated scores, grouped so no copy of a test image is trained on."""
    from sklearn.model_selection import StratifiedGroupKFold

    oof = np.full(len(y), np.nan)
    outer = StratifiedGroupKFold(N_FOLDS, shuffle=True, random_state=SEED)
    for k, (tr, te) in enumerate(outer.split(X, y, groups)):
        t0 = time.perf_counter()
        assert not set(groups[tr]) & set(groups[te])
        model = make_model(groups[tr], y[tr], SEED + k)
        model.fit(X[tr], y[tr], sample_weight=w[tr])
        oof[te] = model.predict_proba(X[te])[:, 1]
        logger.info("fold %d/%d: %d train, %d test, %.0f s", k + 1, N_FOLDS, len(tr), len(te),
                    time.perf_counter() - t0)
    return oof


# -- metrics --------------------------------------------------------------------------------------


def metrics(items: list[Item], scores: np.ndarray) -> dict[str, object]:
    """The report (see :func:`pathfig.classify.evaluate.evaluation_report`): real figures as reference."""
    from pathfig.classify.evaluate import evaluation_report

    return evaluation_report([it.kind for it in items], [it.label for it in items], [it.variant for it in items],
                             scores, threshold=THRESHOLD, reference="real")


def leave_type_out(items: list[Item], X: np.ndarray, y: np.ndarray, w: np.ndarray,
                   groups: np.ndarray) -> list[dict[str, object]]:
    """Train without one figure type, score its originals: how the model meets a type it never saw.

    The chart set counts as one type (its categories look alike); each generated type, real
    figures, WikiPathways renders and drawn pathways are left out in turn.
    """
    kinds = np.array(["chart" if it.kind.startswith("chart:") else it.kind for it in items])
    originals = np.array([it.variant == 0 for it in items])
    rows: list[dict[str, object]] = []
    for kind in sorted(set(kinds) - {"sample"}):
        t0 = time.perf_counter()
        out = kinds == kind
        model = make_model(groups[~out], y[~out], SEED)
        model.fit(X[~out], y[~out], sample_weight=w[~out])
        test = out & originals
        s = model.predict_proba(X[test])[:, 1]
        label = int(y[test][0])
        rate = float((s >= THRESHOLD).mean())
        rows.append({"left_out": kind, "label": label, "n": int(test.sum()),
                     ("recall" if label else "fpr"): rate, "median_score": float(np.median(s))})
        logger.info("left out %s: %s %.3f (%.0f s)", kind, "recall" if label else "FPR", rate,
                    time.perf_counter() - t0)
    return rows


# -- main -----------------------------------------------------------------------------------------


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src/pathfig/classify",
                                "scripts/train_classifier.py"], capture_output=True, text=True).stdout.strip()
        return out + ("+local-changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return ""


def _versions() -> dict[str, str]:
    import cv2
    import sklearn

    v = {"python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__,
         "opencv": cv2.__version__}
    for mod in ("matplotlib", "skimage", "PIL"):
        try:
            v[mod] = __import__(mod).__version__
        except ImportError:
            v[mod] = "missing"
    return v


def _list_digest(items: list[Item], source: str) -> str:
    names = sorted({Path(it.path).name for it in items if it.source == source})
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_shared = Path(os.environ.get("PATHFIG_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--shared", type=Path, default=default_shared)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pathfig-classify"))
    ap.add_argument("--report", type=Path, default=ROOT / "bench" / "out" / "classify")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (fit and save only)")
    ap.add_argument("--no-save", action="store_true", help="do not write the model")
    ap.add_argument("--model-out", type=Path, default=MODEL_BASE,
                    help="where to write <base>.npz and <base>.json (default: into the package)")
    ap.add_argument("--quick", action="store_true", help="an eighth of the data (a smoke test)")
    ap.add_argument("--leave-type-out", action="store_true",
                    help="also train without each figure type in turn and score it (about 10 minutes)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    started = time.perf_counter()

    items = build_items(args.shared, n_generated=N_GENERATED, n_pathways=N_PATHWAYS, quick=args.quick)
    logger.info("%d items in %d groups", len(items), len({it.group for it in items}))
    X, errors = extract(items, args.cache, args.workers)
    ok = ~np.isnan(X).any(axis=1)
    if (~ok).any():
        logger.warning("%d items without features are left out", int((~ok).sum()))
    items = [it for it, k in zip(items, ok, strict=True) if k]
    X = X[ok]
    y = np.array([it.label for it in items])
    groups = np.array([it.group for it in items])
    w = weights(items)

    report: dict[str, object] = {"seed": SEED, "n_items": len(items), "n_groups": len(set(groups)),
                                 "errors": errors, "counts": dict(Counter(it.kind for it in items))}
    if args.leave_type_out:
        report["leave_type_out"] = leave_type_out(items, X, y, w, groups)
    if not args.no_cv:
        oof = cross_validate(X, y, w, groups)
        report["cv"] = metrics(items, oof)
        args.report.mkdir(parents=True, exist_ok=True)
        with open(args.report / "oof.tsv", "w", encoding="utf-8") as fh:
            fh.write("id\tkind\tlabel\tvariant\tscore\n")
            for it, s in zip(items, oof, strict=True):
                fh.write(f"{it.id}\t{it.kind}\t{it.label}\t{it.variant}\t{s:.5f}\n")
        logger.info("CV summary: %s", json.dumps(report["cv"]["summary"], indent=1))  # type: ignore[index]

    t0 = time.perf_counter()
    final = make_model(groups, y, SEED)
    final.fit(X, y, sample_weight=w)
    logger.info("final fit: %.0f s", time.perf_counter() - t0)

    from pathfig.classify.model import export_sklearn, save_model

    ens, cal = export_sklearn(final)
    ours = cal(ens.raw(X))
    theirs = final.predict_proba(X)[:, 1]
    diff = float(np.abs(ours - theirs).max())
    if diff > 1e-9:
        raise SystemExit(f"exported model disagrees with scikit-learn (max |Δp| = {diff:g})")
    report["export_max_abs_diff"] = diff

    counts = Counter(it.kind for it in items if it.variant == 0)
    meta: dict[str, object] = {
        "name": "pathway_model",
        "description": "P(pathway diagram) of a figure image: gradient-boosted trees on image features, "
                       "isotonic calibration; classes weighted evenly (the score assumes an even prior)",
        "threshold": THRESHOLD,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": " ".join(["nice -n 10 python scripts/train_classifier.py", *(argv or sys.argv[1:])]),
        "git_commit": _git_commit(),
        "seed": SEED,
        "features_version": FEATURES_VERSION,
        "work_side": WORK_SIDE,
        "feature_names": list(FEATURE_NAMES),
        "estimator": {"class": "sklearn.ensemble.HistGradientBoostingClassifier", "params": HGB_PARAMS,
                      "calibration": f"CalibratedClassifierCV(method={CALIBRATION!r}, ensemble=False, "
                                     f"cv=StratifiedGroupKFold({N_INNER}))"},
        "versions": _versions(),
        "training_data": {
            "real_figures": {"path": "shared/figures", "label": 1, "images": counts["real"], "copies_each": 4,
                             "list_sha256": _list_digest(items, "real"),
                             "origin": "PMC open-access articles (reference project's CORD-19 screening set)"},
            "wikipathways": {"path": "shared/wikipathways", "label": 1, "images": counts["wikipathways"],
                             "copies_each": 3, "list_sha256": _list_digest(items, "wikipathways"),
                             "origin": "WikiPathways human models drawn as PathVisio draws them"},
            "samples": {"path": "src/pathfig/samples", "label": 1, "images": counts["sample"], "copies_each": 5},
            "charts": {"path": "shared/negatives", "label": 0,
                       "images": sum(v for k, v in counts.items() if k.startswith("chart:")),
                       "list_sha256": _list_digest(items, "chart"),
                       "origin": "train split of a public chart dataset (charts, tables, maps, Venn, radar)"},
            "generated": {k: v for k, v in counts.items() if k in _generator_kinds()},
        },
        "weights": {"per_group": "equal", "source_multiplier": SOURCE_WEIGHT,
                    "hard_negative_multiplier": HARD_NEGATIVE_WEIGHT, "classes": "balanced"},
        "cv": report.get("cv", {}).get("summary") if isinstance(report.get("cv"), dict) else None,
        "reliability_ece": report["cv"]["reliability"]["ece"] if "cv" in report else None,  # type: ignore[index]
    }
    if not args.no_save:
        args.model_out.parent.mkdir(parents=True, exist_ok=True)
        npz, js = save_model(args.model_out, ens, cal, meta)
        logger.info("wrote %s (%d bytes) and %s", npz, npz.stat().st_size, js)
    args.report.mkdir(parents=True, exist_ok=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    (args.report / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if "cv" in report:
        from pathfig.classify.evaluate import report_markdown

        text = report_markdown(report["cv"])  # type: ignore[arg-type]
        if "leave_type_out" in report:
            text += "\n| left out of training | n | score ≥ 0.5 | median score |\n|---|---|---|---|\n"
            for r in report["leave_type_out"]:  # type: ignore[attr-defined]
                rate = f"recall {r['recall']:.3f}" if r["label"] else f"FPR {r['fpr']:.3f}"
                text += f"| {r['left_out']} | {r['n']} | {rate} | {r['median_score']:.3f} |\n"
        (args.report / "report.md").write_text(text, encoding="utf-8")
        print(text)
    logger.info("done in %.0f s", time.perf_counter() - started)
    return 0


def _generator_kinds() -> set[str]:
    from pathfig.classify.synth import GENERATORS

    return set(GENERATORS)


if __name__ == "__main__":
    sys.exit(main())
