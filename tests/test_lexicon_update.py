"""``lexicon update`` against a local HTTP server serving tiny official-format files."""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathfig.errors import DownloadError, LexiconError
from pathfig.lexicon.bundled import load_lexicon
from pathfig.lexicon.cli import lexicon_app
from pathfig.lexicon.update import download, make_session, source_urls, update_lexicon

LEX = Path(__file__).parent / "resources" / "lexicon"


def _gene_info(taxon: str) -> bytes:
    lines = (LEX / "gene_info_two_taxa.tsv").read_text().splitlines(keepends=True)
    return gzip.compress(("".join([lines[0]] + [ln for ln in lines[1:] if ln.startswith(taxon + "\t")])).encode())


TRUNCATE = -1


class Server:
    """Serves ``files`` (URL path → bytes); ``failures[path]`` = statuses to answer first."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {
            "/hgnc/hgnc_complete_set.txt": (LEX / "hgnc_complete_set.txt").read_bytes(),
            "/gene/Mammalia/Homo_sapiens.gene_info.gz": _gene_info("9606"),
            "/gene/Mammalia/Mus_musculus.gene_info.gz": _gene_info("10090"),
            **{f"/famplex/{p.name}": p.read_bytes() for p in (LEX / "famplex").iterdir()},
        }
        self.failures: dict[str, list[int]] = {}
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                server.hits[self.path] += 1
                pending = server.failures.get(self.path)
                if pending:
                    status = pending.pop(0)
                    if status == TRUNCATE:  # promise the whole body, send half, hang up
                        body = server.files[self.path]
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body[: len(body) // 2])
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.send_response(status)
                    if status == 429:
                        self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Last-Modified", "Mon, 01 Jul 2024 00:00:00 GMT")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def urls(self) -> dict[str, str]:
        return {"hgnc_url": f"{self.url}/hgnc/hgnc_complete_set.txt", "gene_info_base": f"{self.url}/gene",
                "famplex_base": f"{self.url}/famplex"}


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture()
def fast() -> object:
    return make_session(retries=3, backoff_factor=0)


def test_update_human_builds_the_cache_lexicon(server, fast, tmp_path):
    path = update_lexicon("human", tmp_path, session=fast, **server.urls())
    assert path == tmp_path / "lexicons" / "human.tsv.gz"
    lex = load_lexicon(path)
    assert [(e.kind, e.symbol, e.ncbigene_id) for e in lex.lookup("TP53")] == [("symbol", "TP53", "7157")]
    assert {e.symbol for e in lex.lookup("MTORC1")} == {"MTOR", "RPTOR"}
    assert lex.taxa() == ["9606"]
    prov = lex.provenance
    assert prov["downloads"]["hgnc_complete_set.txt"]["url"] == server.urls()["hgnc_url"]
    assert prov["downloads"]["Homo_sapiens.gene_info.gz"]["last_modified"] == "Mon, 01 Jul 2024 00:00:00 GMT"
    assert prov["command"] == "pathfig lexicon update --organism human"
    assert (tmp_path / "sources" / "human" / "famplex" / "relations.csv").is_file()
    assert not list(tmp_path.rglob("*.part")) and not list(tmp_path.rglob(".human.*"))
    # The bundled corrections are applied; these small files hold only MTOR of their genes (three
    # rows), so every other row is skipped and counted instead of failing the update.
    curated = prov["sources"]["curated"]
    assert curated["rows"] > 50 and curated["rows_skipped"] == curated["rows"] - 3 and curated["entries_added"] == 3


def test_update_mouse_gets_no_human_corrections(server, fast, tmp_path):
    update_lexicon("mouse", tmp_path, session=fast, **server.urls())
    assert "curated" not in load_lexicon("mouse", cache=tmp_path).provenance["sources"]


def test_update_mouse_uses_gene_info_only(server, fast, tmp_path):
    path = update_lexicon("mouse", tmp_path, session=fast, **server.urls())
    lex = load_lexicon("mouse", cache=tmp_path)
    assert path.name == "mouse.tsv.gz" and lex.taxa() == ["10090"]
    assert [e.symbol for e in lex.lookup("ERK2")] == ["Mapk1"]
    assert not any(p.startswith("/hgnc") or p.startswith("/famplex") for p in server.hits)


@pytest.mark.parametrize("statuses", [[500], [503, 502], [429]])
def test_transient_errors_are_retried(server, fast, tmp_path, statuses):
    target = "/hgnc/hgnc_complete_set.txt"
    server.failures[target] = list(statuses)
    update_lexicon("human", tmp_path, session=fast, **server.urls())
    assert server.hits[target] == len(statuses) + 1
    assert load_lexicon(tmp_path / "lexicons" / "human.tsv.gz").lookup("TP53")


def test_persistent_500_fails_and_keeps_the_old_lexicon(server, fast, tmp_path):
    old = update_lexicon("human", tmp_path, session=fast, **server.urls())
    before = old.read_bytes()
    server.failures["/gene/Mammalia/Homo_sapiens.gene_info.gz"] = [500] * 10
    with pytest.raises(DownloadError, match=r"Homo_sapiens.gene_info.gz: HTTP 500"):
        update_lexicon("human", tmp_path, session=fast, **server.urls())
    assert old.read_bytes() == before
    assert server.hits["/gene/Mammalia/Homo_sapiens.gene_info.gz"] == 1 + 4  # first update + 1 try and 3 retries
    assert not list(tmp_path.rglob("*.part"))


def test_body_cut_off_is_downloaded_again(server, fast, tmp_path):
    target = "/famplex/relations.csv"
    server.failures[target] = [TRUNCATE]
    info = download(server.url + target, tmp_path / "relations.csv", session=fast, backoff=0)
    assert server.hits[target] == 2
    assert (tmp_path / "relations.csv").read_bytes() == server.files[target] and info["size"] == len(server.files[target])


def test_body_cut_off_every_time_fails(server, fast, tmp_path):
    target = "/famplex/relations.csv"
    server.failures[target] = [TRUNCATE] * 3
    with pytest.raises(DownloadError, match="relations.csv: download broke off 3 times"):
        download(server.url + target, tmp_path / "relations.csv", session=fast, backoff=0)
    assert not list(tmp_path.iterdir())


def test_unreachable_host_fails_with_a_short_message(tmp_path):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match=rf"127.0.0.1:{port}/x.txt: cannot connect \(.*refused"):
        download(f"http://127.0.0.1:{port}/x.txt", tmp_path / "x.txt", session=make_session(retries=1, backoff_factor=0))


def test_404_is_not_retried(server, fast, tmp_path):
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(f"{server.url}/nothing.txt", tmp_path / "x.txt", session=fast)
    assert server.hits["/nothing.txt"] == 1 and not (tmp_path / "x.txt").exists()


def test_malformed_download_is_a_lexicon_error(server, fast, tmp_path):
    server.files["/hgnc/hgnc_complete_set.txt"] = b"<html><body>Service unavailable</body></html>\n"
    with pytest.raises(LexiconError, match="hgnc_complete_set.txt: not an HGNC complete set"):
        update_lexicon("human", tmp_path, session=fast, **server.urls())
    assert not (tmp_path / "lexicons" / "human.tsv.gz").exists()


def test_base_urls_from_the_environment(server, monkeypatch, tmp_path):
    monkeypatch.setenv("PATHFIG_GENE_INFO_BASE", f"{server.url}/gene/")
    assert source_urls("mouse") == {"Mus_musculus.gene_info.gz": f"{server.url}/gene/Mammalia/Mus_musculus.gene_info.gz"}
    update_lexicon("mouse", tmp_path, session=make_session(backoff_factor=0))
    assert server.hits["/gene/Mammalia/Mus_musculus.gene_info.gz"] == 1


def test_default_urls_are_the_canonical_ones(monkeypatch):
    for var in ("PATHFIG_HGNC_URL", "PATHFIG_GENE_INFO_BASE", "PATHFIG_FAMPLEX_BASE"):
        monkeypatch.delenv(var, raising=False)
    urls = source_urls("human")
    assert urls["hgnc_complete_set.txt"] == (
        "https://storage.googleapis.com/public-download-files/hgnc/tsv/tsv/hgnc_complete_set.txt")
    assert urls["Homo_sapiens.gene_info.gz"] == (
        "https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/Mammalia/Homo_sapiens.gene_info.gz")
    assert urls["famplex/grounding_map.csv"] == "https://raw.githubusercontent.com/sorgerlab/famplex/master/grounding_map.csv"
    assert source_urls("fly")["Drosophila_melanogaster.gene_info.gz"].endswith(
        "/GENE_INFO/Invertebrates/Drosophila_melanogaster.gene_info.gz")


def test_cli_update_and_info(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIG_GENE_INFO_BASE", f"{server.url}/gene")
    runner = CliRunner()
    result = runner.invoke(lexicon_app, ["update", "--organism", "mouse", "--cache", str(tmp_path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "mouse.tsv.gz: updated" in result.output
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path))
    info = runner.invoke(lexicon_app, ["info", "--lexicon", "mouse"])
    assert info.exit_code == 0 and "taxon 10090" in info.output and "download  Mus_musculus.gene_info.gz" in info.output


def test_cli_update_failure_exits_non_zero(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIG_GENE_INFO_BASE", f"{server.url}/missing")
    result = CliRunner().invoke(lexicon_app, ["update", "--organism", "rat", "--cache", str(tmp_path), "--no-progress"])
    assert result.exit_code == 1
    assert "error:" in result.output and "Rattus_norvegicus.gene_info.gz: HTTP 404" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--entities", "--organism", "mouse"], "--organism update gene lexicons, not --entities"),
    (["--entities", "--hgnc-url", "http://x", "--gene-info-base", "http://y"],
     "--hgnc-url, --gene-info-base update gene lexicons, not --entities"),
    (["--mesh-year", "2030"], "--mesh-year is for --entities"),
    (["--organism", "mouse", "--famplex-base", "http://x"], "--famplex-base: HGNC and FamPlex are for human only"),
])
def test_update_refuses_options_it_would_ignore(tmp_path, args, message):
    # Refused before any download: nothing listens, and the network guard would fail the test.
    result = CliRunner().invoke(lexicon_app, ["update", "--cache", str(tmp_path), "--no-progress", *args])
    assert result.exit_code == 2 and message in " ".join(result.output.replace("│", " ").split())
