"""``collect`` against a local HTTP server that plays Europe PMC, NCBI E-utilities and the image
hosts, replaying the JATS and search answers in ``resources/collect`` — with the failures real
services produce: 429 and 5xx, bodies cut off mid-way, HTML pages instead of images, 404s."""

from __future__ import annotations

import io
import json
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from PIL import Image
from typer.testing import CliRunner

from pathfig.collect import LEDGER_NAME, HttpClient, HttpError, Ledger, collect, make_session
from pathfig.collect.ncbi import NcbiPmc
from pathfig.errors import DownloadError, PathfigError
from pathfig.records import FigureMeta
from pathfig.run import collect_inputs

RES = Path(__file__).parent / "resources" / "collect"
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Error</title></head><body>Please try again later.</body></html>"


def _jpeg(color: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (48, 24), color).save(buf, format="JPEG")
    return buf.getvalue()


JPEG = _jpeg()


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    ctype: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    cut: int | None = None  # announce the whole body, send only this many bytes, hang up


class Repo:
    """What the fake services hold, what they were asked, and failures scripted per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.queries: list[tuple[str, dict[str, str]]] = []
        self.scripts: dict[str, list[Reply]] = {}
        self.articles = {p: (RES / f"{p}.xml").read_bytes() for p in ("PMC7349227", "PMC9414313")}
        self.pages = {"*": RES / "epmc-search-1.json", "AoIIQfQzyyg0NzE4MjA1": RES / "epmc-search-2.json",
                      "AoIIQfQzyyg0NzE4MjA2": RES / "epmc-search-3.json"}
        self.extra_hits: list[dict[str, str]] = []     # search results added on the last page
        self.images: dict[str, Reply] = {}             # file name → reply (default: a JPEG)
        self.lock = threading.Lock()

    def script(self, path: str, *replies: Reply) -> None:
        self.scripts.setdefault(path, []).extend(replies)

    def reply(self, path: str, query: dict[str, str]) -> Reply:
        with self.lock:
            self.hits[path] += 1
            self.queries.append((path, query))
            if self.scripts.get(path):
                return self.scripts[path].pop(0)
        parts = path.strip("/").split("/")
        if parts[0] == "europepmc" and parts[1] == "search":
            page = json.loads(self.pages[query["cursorMark"]].read_text(encoding="utf-8"))
            if query["cursorMark"] == "AoIIQfQzyyg0NzE4MjA2" and self.extra_hits:
                page["resultList"]["result"] = self.extra_hits
                page["nextCursorMark"] = "END"
                self.pages["END"] = RES / "epmc-search-3.json"
            return Reply(body=json.dumps(page).encode(), ctype="application/json;charset=UTF-8")
        if parts[0] == "europepmc" and parts[-1] == "fullTextXML":
            xml = self.articles.get(parts[1])
            return Reply(body=xml, ctype="application/xml") if xml else Reply(404, b"Not found", "text/plain")
        if parts[0] == "eutils" and parts[1] == "esearch.fcgi":
            ids = ["7349227", "9414313", "1111111"]
            start, size = int(query.get("retstart", 0)), int(query.get("retmax", 20))
            body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": {
                "count": str(len(ids)), "retmax": str(size), "retstart": str(start), "idlist": ids[start:start + size],
                "translationset": [], "querytranslation": query.get("term", "")}}
            return Reply(body=json.dumps(body).encode(), ctype="application/json; charset=UTF-8")
        if parts[0] == "eutils" and parts[1] == "efetch.fcgi":
            arts = [self.articles.get("PMC" + i) for i in query["id"].split(",")]
            inner = b"".join(a.split(b"?>", 1)[1].split(b'dtd">', 1)[-1] for a in arts if a)
            return Reply(body=b'<?xml version="1.0" ?>\n<pmc-articleset>' + inner + b"</pmc-articleset>",
                         ctype="text/xml; charset=UTF-8")
        if parts[0] in ("img1", "img2"):
            return self.images.get(parts[-1], Reply(body=JPEG, ctype="image/jpeg"))
        return Reply(404, b"no route", "text/plain")


class Handler(BaseHTTPRequestHandler):
    repo: Repo

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        r = self.repo.reply(url.path, query)
        self.send_response(r.status)
        self.send_header("Content-Type", r.ctype)
        self.send_header("Content-Length", str(len(r.body)))
        for k, v in r.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if r.cut is not None:
            self.wfile.write(r.body[: r.cut])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(r.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[Repo, str]]:
    repo = Repo()
    handler = type("BoundHandler", (Handler,), {"repo": repo})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield repo, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _client(retries: int = 3) -> HttpClient:
    return HttpClient(make_session(retries=retries, backoff_factor=0), pause=0)


def _collect(base: str, out: Path, **kw: object):  # type: ignore[no-untyped-def]
    kw.setdefault("client", _client())
    kw.setdefault("base_url", f"{base}/europepmc")
    kw.setdefault("image_bases", [f"{base}/img1/{{pmcid}}/bin/{{name}}", f"{base}/img2/{{pmcid}}/bin/{{name}}"])
    return collect('"signaling pathway"', out, **kw)  # type: ignore[arg-type]


# -- HTTP behaviour ------------------------------------------------------------------------------------


def test_retries_429_and_5xx_then_succeeds(server: tuple[Repo, str]) -> None:
    repo, base = server
    repo.script("/img1/x.jpg", Reply(429, b"slow down", "text/plain", {"Retry-After": "0"}), Reply(500), Reply(503))
    fetched = _client().get(f"{base}/img1/x.jpg")
    assert fetched.body == JPEG and fetched.content_type == "image/jpeg"
    assert repo.hits["/img1/x.jpg"] == 4


def test_gives_up_after_retries_with_the_last_status(server: tuple[Repo, str]) -> None:
    repo, base = server
    repo.script("/img1/x.jpg", *[Reply(500, b"boom", "text/plain")] * 5)
    with pytest.raises(HttpError, match=r"HTTP 500 .*after retries") as err:
        _client(retries=2).get(f"{base}/img1/x.jpg")
    assert err.value.status == 500 and err.value.transient
    assert repo.hits["/img1/x.jpg"] == 3
    with pytest.raises(HttpError) as gone:
        _client().get(f"{base}/nowhere")
    assert gone.value.status == 404 and not gone.value.transient and repo.hits["/nowhere"] == 1


def test_truncated_body_is_fetched_again(server: tuple[Repo, str]) -> None:
    repo, base = server
    repo.script("/img1/x.jpg", Reply(body=JPEG, ctype="image/jpeg", cut=100))
    assert _client().get(f"{base}/img1/x.jpg").body == JPEG
    assert repo.hits["/img1/x.jpg"] == 2
    repo.script("/img1/y.jpg", *[Reply(body=JPEG, ctype="image/jpeg", cut=100)] * 3)
    with pytest.raises(HttpError, match="failed 3 times"):
        _client().get(f"{base}/img1/y.jpg")


# -- collecting from Europe PMC --------------------------------------------------------------------------


def test_collect_europepmc(server: tuple[Repo, str], tmp_path: Path) -> None:
    repo, base = server
    # an HTML page where the first host should have the image: the second host is tried
    repo.script("/img1/PMC7349227/bin/cells-09-01450-g003.jpg", Reply(body=HTML_PAGE, ctype="text/html"))
    # rate limited, then a server error, then the image
    repo.script("/img1/PMC7349227/bin/cells-09-01450-g004.jpg", Reply(429, headers={"Retry-After": "0"}), Reply(502))
    # HTML sent as image/jpeg by both hosts: not saved, and the article stays unfinished
    repo.images["gr5.jpg"] = Reply(body=HTML_PAGE, ctype="image/jpeg")
    out = tmp_path / "figs"
    s = _collect(base, out)

    assert (s.hits, s.articles, s.articles_skipped, s.figures_matched, s.saved, s.already) == (4, 2, 0, 4, 3, 0)
    assert [what for what, _ in s.failures] == ["PMC9414313__gr5", "PMC1111111"]
    assert "the body is an HTML page" in s.failures[0][1] and "HTTP 404" in s.failures[1][1]
    assert sorted(p.name for p in out.iterdir()) == sorted([
        LEDGER_NAME, "PMC7349227__cells-09-01450-g003.jpg", "PMC7349227__cells-09-01450-g003.yml",
        "PMC7349227__cells-09-01450-g004.jpg", "PMC7349227__cells-09-01450-g004.yml",
        "PMC9414313__membranes-12-00775-s002.jpg", "PMC9414313__membranes-12-00775-s002.yml"])
    assert (out / "PMC7349227__cells-09-01450-g003.jpg").read_bytes() == JPEG
    # each article's full text once; the preprint without a PMCID and the repeated hit are not fetched
    assert repo.hits["/europepmc/PMC7349227/fullTextXML"] == 1 and repo.hits["/europepmc/search"] == 3
    q = dict(repo.queries[0][1])
    assert q["query"] == '("signaling pathway") AND OPEN_ACCESS:y AND IN_EPMC:y' and q["pageSize"] == "1000"

    side = yaml.safe_load((out / "PMC7349227__cells-09-01450-g003.yml").read_text(encoding="utf-8"))
    assert side["figid"] == "PMC7349227__cells-09-01450-g003" and side["label"] == "Figure 3"
    assert side["image_url"] == f"{base}/img2/PMC7349227/bin/cells-09-01450-g003.jpg" and side["source"] == "europepmc"
    meta = FigureMeta.from_mapping(side)
    assert meta.figtitle == ("Mechanisms by which exosomes derived from cancer stem cells (CSCs) regulate drug "
                             "resistance in the tumor microenvironment")
    assert (meta.number, meta.figtype, meta.figid_alias) == ("F3", "Figure", "PMC7349227__F3")
    assert meta.reftext == "Patrick Santos, et al. Cells. 2020 Jun;9(6):1450."
    assert meta.figlink == "pmc/articles/PMC7349227/figure/cells-09-01450-f003/"
    assert (meta.filename, meta.year, meta.doi, meta.journal_nlm_ta, meta.publisher_name) == (
        "cells-09-01450-g003.jpg", "2020", "10.3390/cells9061450", "Cells", "MDPI")
    assert meta.keywords == ("exosomes", "miRNAs", "drug resistance")

    g4 = FigureMeta.from_mapping(yaml.safe_load((out / "PMC7349227__cells-09-01450-g004.yml").read_text("utf-8")))
    assert (g4.figtitle, g4.filename, g4.number) == ("The PI3K/AKT signalling pathway in resistant cells",
                                                      "cells-09-01450-g004.jpg", "F4")
    s2 = FigureMeta.from_mapping(yaml.safe_load((out / "PMC9414313__membranes-12-00775-s002.yml").read_text("utf-8")))
    assert (s2.number, s2.figtype, s2.figid_alias) == ("SF2", "Supplemental figure", "PMC9414313__SF2")
    assert s2.reftext == "Ling’ao Meng. Membranes (Basel). 2022 Aug;12(8):775."

    ledger = Ledger(out / LEDGER_NAME)
    assert set(ledger.figures) == {"PMC7349227__cells-09-01450-g003", "PMC7349227__cells-09-01450-g004",
                                   "PMC9414313__membranes-12-00775-s002"}
    assert {p for p, _ in ledger.articles} == {"PMC7349227", "PMC1111111"}  # PMC9414313 is unfinished
    # the folder is ready for `pathfig run`
    assert sorted(f.figid for f in collect_inputs([out]).figures) == sorted(ledger.figures)


def test_next_run_fetches_only_what_is_new(server: tuple[Repo, str], tmp_path: Path) -> None:
    repo, base = server
    repo.images["gr5.jpg"] = Reply(503, b"busy", "text/plain")     # fails this time (after retries)
    out = tmp_path / "figs"
    first = _collect(base, out)
    assert (first.saved, [w for w, _ in first.failures]) == (3, ["PMC9414313__gr5", "PMC1111111"])

    del repo.images["gr5.jpg"]                                       # next month: the host is back …
    repo.articles["PMC5555555"] = (RES / "PMC5555555.xml").read_bytes()
    repo.extra_hits = [{"id": "5", "source": "MED", "pmcid": "PMC5555555", "title": "new"}]  # … and a new paper
    before = Counter(repo.hits)
    second = _collect(base, out)
    assert (second.articles, second.articles_skipped, second.saved, second.already, second.failures) == (2, 2, 2, 1, [])
    new = repo.hits - before
    assert new["/europepmc/PMC7349227/fullTextXML"] == 0 and new["/europepmc/PMC1111111/fullTextXML"] == 0
    assert new["/europepmc/PMC9414313/fullTextXML"] == 1 and new["/europepmc/PMC5555555/fullTextXML"] == 1
    assert new["/img1/PMC9414313/bin/membranes-12-00775-s002.jpg"] == 0     # saved last time
    assert (out / "PMC9414313__gr5.jpg").is_file() and (out / "PMC5555555__41598_2023_5555_Fig2_HTML.jpg").is_file()
    gr5 = FigureMeta.from_mapping(yaml.safe_load((out / "PMC9414313__gr5.yml").read_text(encoding="utf-8")))
    assert (gr5.number, gr5.figtitle) == ("F5", "Insulin signaling pathway in circulating tumor cells")
    third = _collect(base, out)
    assert (third.articles, third.saved) == (0, 0)                  # nothing new: no full text fetched


def test_interrupted_run_resumes_where_it_stopped(server: tuple[Repo, str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    repo, base = server
    out = tmp_path / "figs"
    real = Ledger.add_figure
    calls = []

    def add_then_stop(self: Ledger, figid: str, **kw: object) -> None:
        calls.append(figid)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the second figure is recorded
        real(self, figid, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Ledger, "add_figure", add_then_stop)
    with pytest.raises(KeyboardInterrupt):
        _collect(base, out)
    monkeypatch.setattr(Ledger, "add_figure", real)
    assert list(Ledger(out / LEDGER_NAME).figures) == [calls[0]]
    first_image = f"/img1/PMC7349227/bin/{calls[0].split('__')[1]}.jpg"
    s = _collect(base, out)
    assert s.already == 1 and s.saved == 3 and repo.hits[first_image] == 1   # not downloaded again
    assert len(Ledger(out / LEDGER_NAME).figures) == 4


def test_all_figures_and_a_custom_filter(server: tuple[Repo, str], tmp_path: Path) -> None:
    _, base = server
    everything = _collect(base, tmp_path / "all", all_figures=True)
    assert everything.figures_matched == 5          # + "Biogenesis of exosomes"; never the sub-article's
    metabolic = _collect(base, tmp_path / "met", caption_filter=r"metabolic\s+pathway")
    assert metabolic.figures_matched == 1


def test_search_failure_is_an_error(server: tuple[Repo, str], tmp_path: Path) -> None:
    repo, base = server
    repo.script("/europepmc/search", *[Reply(500, b"down", "text/plain")] * 4)
    with pytest.raises(DownloadError, match="HTTP 500"):
        _collect(base, tmp_path / "x")


@pytest.mark.parametrize(("kw", "message"), [
    ({"source": "scholar"}, "unknown source"),
    ({"date_from": "last year"}, "--from"),
    ({"caption_filter": "(unclosed"}, "not a regular expression"),
])
def test_bad_arguments(kw: dict[str, object], message: str, tmp_path: Path) -> None:
    with pytest.raises(PathfigError, match=message):
        collect("q", tmp_path, **kw)  # type: ignore[arg-type]


# -- NCBI E-utilities ------------------------------------------------------------------------------------


def test_ncbi_esearch_pages_and_efetch_batches(server: tuple[Repo, str]) -> None:
    repo, base = server
    src = NcbiPmc(_client(), base_url=f"{base}/eutils", api_key="KEY", email="me@example.org", page_size=2)
    assert list(src.search("p53", date_from="2020-01-01", date_to="2020-12-31")) == [
        "PMC7349227", "PMC9414313", "PMC1111111"]
    searches = [q for p, q in repo.queries if p.endswith("esearch.fcgi")]
    assert [q["retstart"] for q in searches] == ["0", "2"] and src.hit_count == 3
    q = searches[0]
    assert (q["db"], q["term"], q["tool"], q["email"], q["api_key"]) == (
        "pmc", "(p53) AND open access[filter]", "pathfig", "me@example.org", "KEY")
    assert (q["datetype"], q["mindate"], q["maxdate"]) == ("pdat", "2020/01/01", "2020/12/31")
    results = {r.pmcid: r for r in src.articles(["PMC7349227", "PMC9414313", "PMC1111111"])}
    assert repo.hits["/eutils/efetch.fcgi"] == 1                               # one request per batch
    a, b = results["PMC7349227"].article, results["PMC9414313"].article
    assert a is not None and b is not None
    assert (a.metadata["pmcid"], a.metadata["doi"], len(a.figures)) == ("PMC7349227", "10.3390/cells9061450", 3)
    assert (b.metadata["pmcid"], b.metadata["doi"], [f.fig_id for f in b.figures]) == (
        "PMC9414313", "10.3390/membranes12080775", ["fig5", "figS2"])
    assert "not returned by efetch" in results["PMC1111111"].error and not results["PMC1111111"].transient


def test_collect_from_ncbi(server: tuple[Repo, str], tmp_path: Path) -> None:
    repo, base = server
    s = _collect(base, tmp_path / "figs", source="pmc", base_url=f"{base}/eutils")
    assert (s.source, s.hits, s.articles, s.saved) == ("pmc", 3, 2, 4)
    assert [w for w, _ in s.failures] == ["PMC1111111"]
    side = yaml.safe_load((tmp_path / "figs" / "PMC9414313__gr5.yml").read_text(encoding="utf-8"))
    assert side["source"] == "pmc"


# -- the command ----------------------------------------------------------------------------------------


def test_collect_command(server: tuple[Repo, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathfig.cli import app

    _, base = server
    monkeypatch.setenv("PATHFIG_EUROPEPMC_BASE", f"{base}/europepmc")
    monkeypatch.setenv("PATHFIG_IMAGE_BASES", f"{base}/img1/{{pmcid}}/bin/{{name}},{base}/img2/{{pmcid}}/bin/{{name}}")
    args = ["collect", "--query", "signaling pathway", "--out", str(tmp_path / "figs"), "--from", "2020-01",
            "--limit", "1", "-q"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "articles: 1 read" in res.output and "figures: 2 matched, 2 saved" in res.output
    res = CliRunner().invoke(app, ["collect", "--query", "x", "--out", str(tmp_path / "f"), "--to", "soon"])
    assert res.exit_code == 1 and "--to 'soon'" in res.output and "Traceback" not in res.output
