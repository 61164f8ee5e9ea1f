"""Take the README's screenshots of paradiplo serve (query page, entity page) with headless
Chromium (Debian's package) through Playwright:  .venv/bin/python scripts/screenshots.py"""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([str(Path(sys.executable).parent / "paradiplo"), "serve", "--port", str(port)])
try:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{base}/")
        page.wait_for_selector(".CodeMirror")
        page.select_option("#examples", "partnerships")
        page.click("#run")
        page.wait_for_selector("#result-table")
        page.screenshot(path=str(ROOT / "docs" / "img" / "query-page.png"))
        page.goto(f"{base}/id/agreement-jakarta-hanoi-mou-2004")
        page.screenshot(path=str(ROOT / "docs" / "img" / "entity-page.png"))
        browser.close()
finally:
    server.terminate()
