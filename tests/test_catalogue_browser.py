"""The catalogue in a real headless Chromium, served by python's http.server.

Skipped (and says so) where no Chromium is installed; .ci/run installs one.
"""
from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import threading
import urllib.request
from datetime import timedelta
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from schemas import TABLES

from .release_data import NOW, publish_rows, table_rows

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(b)), None)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    out = tmp_path / "out"
    publish_rows(out, table_rows())
    publish_rows(out, table_rows(range(3)), now=NOW + timedelta(days=1))
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed: browser test skipped")
def test_every_link_in_the_catalogue_resolves(served, tmp_path):
    out, base = served
    profile = tmp_path / "chromium-profile"
    dom = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", base + "index.html"],
        capture_output=True, text=True, timeout=120, check=True).stdout
    assert "newsevents releases" in dom  # the page the browser rendered, not an error page
    links = _Links()
    links.feed(dom)
    assert len(links.hrefs) == 1 + 2 * (2 * len(TABLES) + 4)  # latest + 2 x (tables + docs)
    checksums = {}
    for release in (out / "releases").iterdir():
        for f in json.loads((release / "manifest.json").read_text())["files"]:
            checksums[f"releases/{release.name}/{f['path']}"] = f["sha256"]
    for href in links.hrefs:
        with urllib.request.urlopen(base + href, timeout=30) as response:
            assert response.status == 200, href
            body = response.read()
        if href in checksums:  # the sha256 the page shows is the file it serves
            assert hashlib.sha256(body).hexdigest() == checksums[href], href
    latest = json.loads(urllib.request.urlopen(base + "latest.json", timeout=30).read())
    assert latest["path"] + "/README.md" in links.hrefs
