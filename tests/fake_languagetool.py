"""A fake `java` for fault tests: it takes LanguageTool's HTTPServer arguments and behaves
as FAKE_LT_MODE says, so that tests can inject faults a real JVM would only show rarely.

Modes: serve (answers /v2/languages and /v2/check, flagging "teh"), fail (exits with a
Java-like error), hang (never listens), die-on-check (exits while answering any check after the warm-up),
slow (waits FAKE_LT_DELAY seconds before answering a check). A port that is taken makes
it exit with java.net.BindException, as LanguageTool does.
"""

from __future__ import annotations

import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

MODE = os.environ.get("FAKE_LT_MODE", "serve")


class Handler(BaseHTTPRequestHandler):
    checks = 0

    def log_message(self, *args):  # quiet
        pass

    def _json(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        Handler.checks += 1
        if MODE == "die-on-check" and Handler.checks > 1:  # the first is the warm-up
            os._exit(1)
        if MODE == "slow":
            time.sleep(float(os.environ.get("FAKE_LT_DELAY", "5")))
        text = form.get("text", [""])[0]
        matches, start = [], text.find("teh")
        while start >= 0:
            offset = len(text[:start].encode("utf-16-le")) // 2
            matches.append({"message": "Possible spelling mistake found.", "offset": offset,
                            "length": 3, "replacements": [{"value": "the"}],
                            "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                                     "category": {"id": "TYPOS", "name": "Possible Typo"}}})
            start = text.find("teh", start + 3)
        self._json({"matches": matches})


def main(argv):
    if MODE == "fail":
        print("Error: Could not find or load main class org.languagetool.server.HTTPServer",
              file=sys.stderr)
        return 1
    if MODE == "hang":
        time.sleep(600)
        return 0
    port = int(argv[argv.index("--port") + 1])
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError:
        print("Exception in thread \"main\" java.net.BindException: Address already in use",
              file=sys.stderr)
        return 1
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
