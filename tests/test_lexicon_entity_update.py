"""``pathfig lexicon update --entities`` against a local HTTP server serving tiny official files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from pathfig.cli import app
from pathfig.errors import DownloadError
from pathfig.lexicon.entities import entity_lexicon_path, load_entity_lexicon
from pathfig.lexicon.entity_update import update_entity_lexicons
from pathfig.lexicon.update import make_session

FILES = {
    "/mesh/d2030.bin": b"*NEWRECORD\nMH = Nitric Oxide\nENTRY = Nitrogen Monoxide|T109|NON\nMN = D01.339.409.500\n"
                       b"UI = D009569\n\n*NEWRECORD\nMH = Alzheimer Disease\nMN = C10.228.140.380.100\nUI = D000544\n",
    "/mesh/c2030.bin": b"*NEWRECORD\nNM = newdrugumab\nHM = *D009569\nUI = C999999\n",
    "/chebi.obo": b"format-version: 1.2\n\n[Term]\nid: CHEBI:16480\nname: nitric oxide\n"
                  b'synonym: "NO" RELATED []\nrelationship: has_role CHEBI:25212\n',
    "/doid.obo": b"format-version: 1.2\n\n[Term]\nid: DOID:10652\nname: Alzheimer's disease\n"
                 b'synonym: "Alzheimer disease" EXACT []\nxref: MESH:D000544\n',
}


class _Server:
    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                body = FILES.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()


@pytest.fixture()
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    srv = _Server()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def test_update_builds_cache_lexicons_that_take_precedence(server, tmp_path, monkeypatch):
    paths = update_entity_lexicons(tmp_path, mesh_year=2030, mesh_base=f"{server.url}/mesh",
                                   chebi_url=f"{server.url}/chebi.obo", doid_url=f"{server.url}/doid.obo",
                                   session=make_session(retries=0))
    assert paths["chemicals"] == tmp_path / "lexicons" / "chemicals.tsv.gz"
    chem = load_entity_lexicon(paths["chemicals"])
    assert {e.key for e in chem.entries} >= {"nitricoxide", "nitrogenmonoxide", "newdrugumab"}
    assert chem.lookup("nitricoxide")[0].chebi == "CHEBI:16480"  # the bundled lexicon's MeSH ↔ ChEBI link
    assert chem.provenance["downloads"]["mesh"]["url"].endswith("/mesh/d2030.bin")
    dis = load_entity_lexicon(paths["diseases"])
    assert [(e.mesh, e.doid) for e in dis.lookup("alzheimerdisease")] == [("D000544", "DOID:10652")]
    monkeypatch.setenv("PATHFIG_CACHE_DIR", str(tmp_path))
    assert entity_lexicon_path("chemicals") == paths["chemicals"]


def test_failed_download_leaves_the_cache_alone(server, tmp_path):
    def update(year: int) -> dict:
        return update_entity_lexicons(tmp_path, mesh_year=year, mesh_base=f"{server.url}/mesh",
                                      chebi_url=f"{server.url}/chebi.obo", doid_url=f"{server.url}/doid.obo",
                                      session=make_session(retries=0))

    with pytest.raises(DownloadError, match="HTTP 404"):
        update(1999)
    assert not (tmp_path / "lexicons").exists() or not any((tmp_path / "lexicons").iterdir())
    update(2030)

    def cache() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (tmp_path / "lexicons").iterdir()}

    before = cache()
    assert {"chemicals.tsv.gz", "diseases.tsv.gz"} <= set(before)
    with pytest.raises(DownloadError, match="HTTP 404"):
        update(1999)
    assert cache() == before   # same files, same bytes, no partial file left behind


def test_cli_entities(server, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIG_MESH_BASE", f"{server.url}/mesh")
    monkeypatch.setenv("PATHFIG_CHEBI_URL", f"{server.url}/chebi.obo")
    monkeypatch.setenv("PATHFIG_DOID_URL", f"{server.url}/doid.obo")
    res = CliRunner().invoke(app, ["lexicon", "update", "--entities", "--mesh-year", "2030", "--cache", str(tmp_path),
                                   "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "updated chemicals lexicon" in res.output and "updated diseases lexicon" in res.output
