"""Collect building blocks without a server: JATS parsing, image checks, rate limits, ids, dates."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from pathfig.collect import JatsError, RateLimiter, figure_id, parse_articles, sniff_image
from pathfig.collect.api import default_client
from pathfig.collect.base import check_date
from pathfig.collect.http import DEFAULT_RATE, Fetched, HttpClient
from pathfig.collect.images import ImageError, check_image, image_file_name, image_urls
from pathfig.errors import PathfigError

RES = Path(__file__).parent / "resources" / "collect"


def _article(name: str):  # type: ignore[no-untyped-def]
    (article,) = parse_articles((RES / f"{name}.xml").read_bytes())
    return article


def test_jats_1_0_article_metadata_and_figures() -> None:
    a = _article("PMC7349227")
    assert a.metadata == {
        "pmcid": "PMC7349227", "doi": "10.3390/cells9061450",
        "papertitle": "Role of Exosomal miRNAs and the Tumor Microenvironment in Drug Resistance",
        "first_author": "Patrick Santos", "author_count": 2,          # the editor is no author
        "journal_title": "Cells", "journal_nlm_ta": "Cells", "publisher_name": "MDPI",
        "year": "2020", "month": "6",                                  # collection date, not epub
        "volume": "9", "issue": "6", "pages": "1450",                  # elocation id
        "keywords": ["exosomes", "miRNAs", "drug resistance"],
        "license": "http://creativecommons.org/licenses/by/4.0/",
    }
    figs = {f.graphic: f for f in a.figures}
    # body, floats-group; the sub-article's (a reply to reviewers) figure is not the article's
    assert list(figs) == ["cells-09-01450-g001", "cells-09-01450-g003", "cells-09-01450-g004.tif"]
    f3 = figs["cells-09-01450-g003"]
    assert (f3.fig_id, f3.label, f3.caption_title) == ("cells-09-01450-f003", "Figure 3", "")
    # inline markup flattened; numeric entities and an undeclared &nbsp; read
    assert "activate the mTOR signaling pathway, which blocks NF-κB–independent apoptosis (12)." in f3.caption
    f4 = figs["cells-09-01450-g004.tif"]
    assert f4.caption_title == "The PI3K/AKT signalling pathway in resistant cells."
    assert f4.caption == ("The PI3K/AKT signalling pathway in resistant cells. AKT phosphorylates MDM2 (A); "
                          "PTEN loss (B).")


def test_jats_1_3_dates_licence_ref_and_unlabelled_figure() -> None:
    a = _article("PMC9414313")
    m = a.metadata
    assert (m["pmcid"], m["first_author"], m["author_count"], m["year"], m["month"]) == (
        "PMC9414313", "Ling’ao Meng", 1, "2022", "08")
    assert m["publisher_name"] == "Multidisciplinary Digital Publishing Institute (MDPI)"
    assert m["license"] == "https://creativecommons.org/licenses/by/4.0/"
    gr5, s2 = a.figures
    assert (gr5.label, gr5.graphic, gr5.fig_id) == ("", "gr5", "fig5")   # inside <alternatives>
    assert (s2.label, s2.graphic) == ("Figure S2", "membranes-12-00775-s002.jpg")  # appendix figure


def test_jats_collab_author_print_date_and_page_range() -> None:
    m = _article("PMC5555555").metadata
    assert (m["first_author"], m["year"], m["month"], m["pages"]) == ("The Pathway Consortium", "2023", "Winter",
                                                                       "101-110")


def test_pmc_articleset_holds_several_articles() -> None:
    body = b"<pmc-articleset>" + b"".join(
        (RES / f"{n}.xml").read_bytes().split(b"?>", 1)[1].split(b"dtd\">", 1)[-1] for n in ("PMC7349227", "PMC5555555")
    ) + b"</pmc-articleset>"
    assert [a.pmcid for a in parse_articles(body)] == ["PMC7349227", "PMC5555555"]


@pytest.mark.parametrize(("data", "message"), [
    (b"<article><front>", "not well-formed"),
    (b"<html><body>Service unavailable</body></html>", "no <article>"),
    (b"<article>&undefinedentity;</article>", "not well-formed"),
])
def test_bad_xml(data: bytes, message: str) -> None:
    with pytest.raises(JatsError, match=message):
        parse_articles(data)


def _image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format=fmt)
    return buf.getvalue()


@pytest.mark.parametrize(("fmt", "ext"), [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("TIFF", "tif"),
                                          ("WEBP", "webp"), ("BMP", "bmp")])
def test_sniff_image_formats(fmt: str, ext: str) -> None:
    assert sniff_image(_image_bytes(fmt)) == ext


@pytest.mark.parametrize("data", [b"", b"<!DOCTYPE html><html><body>Error</body></html>", b"%PDF-1.7", b"RIFF1234WAVE"])
def test_sniff_image_rejects(data: bytes) -> None:
    assert sniff_image(data) is None


def test_check_image_needs_image_type_and_image_bytes() -> None:
    jpeg = _image_bytes("JPEG")
    assert check_image(Fetched("u", jpeg, "image/jpeg")) == "jpg"
    assert check_image(Fetched("u", _image_bytes("PNG"), "application/octet-stream")) == "png"  # extension follows bytes
    with pytest.raises(ImageError, match="got an HTML page"):
        check_image(Fetched("u", b"<html>Access denied</html>", "text/html"))
    with pytest.raises(ImageError, match="content type image/jpeg but the body is an HTML page"):
        check_image(Fetched("u", b"<!DOCTYPE html><html>" + bytes(100), "image/jpeg"))
    with pytest.raises(ImageError, match="unknown bytes"):
        check_image(Fetched("u", b"\x00" * 200, "image/jpeg"))
    with pytest.raises(ImageError):
        check_image(Fetched("u", jpeg[:10], "image/jpeg"))  # a stub, not a figure


def test_image_names_and_urls() -> None:
    assert image_file_name("cells-09-01450-g003") == "cells-09-01450-g003.jpg"
    assert image_file_name("cells-09-01450-g004.tif") == "cells-09-01450-g004.jpg"   # PMC serves a JPEG
    assert image_file_name("membranes-12-00775-s002.jpg") == "membranes-12-00775-s002.jpg"
    assert image_urls("PMC1", "gr5", ["https://a/{pmcid}/bin/{name}", "https://b/{name}"]) == [
        "https://a/PMC1/bin/gr5.jpg", "https://b/gr5.jpg"]


@pytest.mark.parametrize(("pmcid", "graphic", "figid"), [
    ("PMC7349227", "cells-09-01450-g003", "PMC7349227__cells-09-01450-g003"),
    ("PMC7349227", "cells-09-01450-g004.tif", "PMC7349227__cells-09-01450-g004"),
    ("PMC10032271", "41467_2023_37310_Fig7_HTML.jpg", "PMC10032271__41467_2023_37310_Fig7_HTML"),
    ("PMC2132625", "JCB.14658f1", "PMC2132625__JCB.14658f1"),                     # dots inside stay
])
def test_figure_id(pmcid: str, graphic: str, figid: str) -> None:
    assert figure_id(pmcid, graphic) == figid


def test_rate_limiter_spaces_calls() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(round(s, 6))
        now[0] += s

    limiter = RateLimiter(3, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limiter.wait()
    assert slept == [0.333333, 0.333333, 0.333333]   # 3 requests per second, never more
    now[0] += 5                                       # idle: no debt carried over
    limiter.wait()
    assert len(slept) == 3


def test_ncbi_hosts_share_one_limit_and_a_key_raises_it() -> None:
    client = default_client()
    eutils, www = client.limiter("eutils.ncbi.nlm.nih.gov"), client.limiter("www.ncbi.nlm.nih.gov")
    assert eutils is www and eutils.interval == pytest.approx(1 / 3)
    assert client.limiter("europepmc.org").interval == pytest.approx(1 / DEFAULT_RATE)
    assert client.limiter("ncbi.nlm.nih.gov.example.com") is not eutils
    assert client.limiter("127.0.0.1").interval == 0                # a local mirror is not throttled
    assert default_client(api_key="KEY").limiter("eutils.ncbi.nlm.nih.gov").interval == pytest.approx(1 / 10)
    assert isinstance(client, HttpClient)


@pytest.mark.parametrize(("value", "expected"), [("2020", "2020-01-01"), ("2020-6", "2020-06-01"),
                                                 ("2020/06/30", "2020-06-30"), ("", "")])
def test_check_date(value: str, expected: str) -> None:
    assert check_date(value, "--from") == expected


@pytest.mark.parametrize("value", ["June 2020", "2020-13-01", "20-01-01"])
def test_check_date_rejects(value: str) -> None:
    with pytest.raises(PathfigError, match="--to"):
        check_date(value, "--to")
