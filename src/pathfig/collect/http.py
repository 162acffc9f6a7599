"""HTTP for collecting: retries with backoff, per-host rate limits, timeouts, whole bodies only.

- Status retries (429, 500, 502, 503, 504) and connection retries are urllib3's ``Retry``, with
  exponential backoff and ``Retry-After`` honoured.
- A body that breaks off (fewer bytes than ``Content-Length``, a dropped connection) is retried
  here, because urllib3 has already returned the response when that happens.
- Requests to a host are spaced by a :class:`RateLimiter` (NCBI allows 3 requests/s, 10 with an
  API key; other hosts get a polite default).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from pathfig import __version__
from pathfig.errors import DownloadError

__all__ = [
    "DEFAULT_RATE",
    "NCBI_RATE",
    "NCBI_RATE_WITH_KEY",
    "RETRY_STATUSES",
    "TIMEOUT",
    "Fetched",
    "HttpClient",
    "HttpError",
    "RateLimiter",
    "make_session",
]

logger = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
#: (connect, read) seconds.
TIMEOUT = (10.0, 60.0)
#: Requests per second: NCBI E-utilities' published limits, and a polite default elsewhere.
NCBI_RATE = 3.0
NCBI_RATE_WITH_KEY = 10.0
DEFAULT_RATE = 5.0


class HttpError(DownloadError):
    """A request failed after retries. ``status`` is the last HTTP status (0: no response);
    ``transient`` says whether trying again later may help (rate limits, server errors, timeouts)."""

    def __init__(self, url: str, problem: str, *, status: int = 0, transient: bool = True) -> None:
        self.url = url
        self.status = status
        self.transient = transient
        super().__init__(f"{url}: {problem}" if url else problem)


class RateLimiter:
    """At most ``per_second`` calls of :meth:`wait` per second, across threads."""

    def __init__(self, per_second: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            self._sleep(delay)


def make_session(*, retries: int = 5, backoff_factor: float = 1.0, retry_after_max: float = 120.0) -> requests.Session:
    """A session that retries connection errors, 429 and 5xx with exponential backoff."""
    retry = Retry(
        total=retries, connect=min(retries, 3), read=retries, status=retries,
        backoff_factor=backoff_factor, backoff_max=60.0, status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}), respect_retry_after_header=True,
        retry_after_max=retry_after_max,
        raise_on_status=False,  # hand back the last response, so the error can name its status
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = f"pathfig/{__version__} (pathway figure collection; +https://pypi.org/project/pathfig/)"
    return session


_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_UNLIMITED = RateLimiter(0)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A whole response body with its final URL and content type (lower-case, no parameters)."""

    url: str
    body: bytes
    content_type: str


class HttpClient:
    """GETs whole bodies through one session, rate-limited per host.

    ``rates`` maps a host suffix (``ncbi.nlm.nih.gov``) to requests per second; the longest
    matching suffix wins, other hosts get ``default_rate``. ``body_attempts`` is how many times a
    body that breaks off is fetched again; ``pause`` the backoff base between those tries.
    """

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        rates: Mapping[str, float] | None = None,
        default_rate: float = DEFAULT_RATE,
        timeout: tuple[float, float] = TIMEOUT,
        body_attempts: int = 3,
        pause: float = 1.0,
        max_bytes: int = 100 * 1024 * 1024,
    ) -> None:
        self.session = session or make_session()
        self.rates = dict(rates or {})
        self.default_rate = default_rate
        self.timeout = timeout
        self.body_attempts = max(1, body_attempts)
        self.pause = pause
        self.max_bytes = max_bytes
        self._limiters: dict[str, RateLimiter] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def limiter(self, host: str) -> RateLimiter:
        """The limiter of ``host``: shared by every host under the same configured suffix."""
        if host in _LOOPBACK:  # limits protect remote services; a local mirror needs none
            return _UNLIMITED
        suffix = max((s for s in self.rates if host == s or host.endswith("." + s)), key=len, default="")
        with self._lock:
            if suffix not in self._limiters:
                self._limiters[suffix] = RateLimiter(self.rates.get(suffix, self.default_rate))
            return self._limiters[suffix]

    def get(self, url: str, *, params: Mapping[str, Any] | None = None, accept: str = "") -> Fetched:
        """GET ``url``; raises :class:`HttpError` unless a whole 200 body arrives."""
        headers = {"Accept": accept} if accept else None
        last = ""
        for attempt in range(1, self.body_attempts + 1):
            self.limiter(urlsplit(url).hostname or "").wait()
            self.requests += 1
            try:
                with self.session.get(url, params=params, headers=headers, timeout=self.timeout, stream=True) as resp:
                    if resp.status_code != 200:
                        status = resp.status_code
                        transient = status in RETRY_STATUSES or status == 408
                        raise HttpError(resp.url or url, f"HTTP {status} {resp.reason or ''}".rstrip()
                                        + (" (after retries)" if transient else ""), status=status,
                                        transient=transient)
                    body = self._read(resp)
                    ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                    return Fetched(url=resp.url or url, body=body, content_type=ctype)
            except HttpError:
                raise
            except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
                    requests.exceptions.Timeout) as exc:
                last = _reason(exc)
                logger.warning("[%s] attempt %d/%d failed: %s", url, attempt, self.body_attempts, last)
                if attempt < self.body_attempts and self.pause > 0:
                    time.sleep(min(self.pause * 2 ** (attempt - 1), 30.0))
            except requests.exceptions.RequestException as exc:
                raise HttpError(url, _reason(exc), transient=False) from exc
        raise HttpError(url, f"failed {self.body_attempts} times ({last})")

    def _read(self, resp: requests.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(chunk_size=1 << 16):
            size += len(chunk)
            if size > self.max_bytes:
                raise HttpError(resp.url, f"larger than {self.max_bytes // 2**20} MB", transient=False)
            chunks.append(chunk)
        body = b"".join(chunks)
        expected = resp.headers.get("Content-Length")
        # urllib3 already refuses short bodies; this also covers servers that send a compressed
        # body (length of the compressed bytes) — only an exact, uncompressed mismatch counts.
        if expected and expected.isdigit() and "Content-Encoding" not in resp.headers and len(body) != int(expected):
            raise requests.exceptions.ChunkedEncodingError(f"got {len(body)} of {expected} bytes")
        return body


def _reason(exc: BaseException) -> str:
    """The root cause of a requests error, without urllib3's pool and retry wrapping."""
    inner = exc.args[0] if exc.args else exc
    reason = getattr(inner, "reason", None)
    return str(reason if reason is not None else inner)
