"""A fake GitHub REST API on 127.0.0.1 for the integration tests.

It records every request, keeps pull request state (review comments, reviews,
issue comments), validates review comment anchors the way GitHub does (a
line inside a hunk of the pull request's diff, a range inside one hunk), and
can be told to answer 403, 422 or 500.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional


@dataclass
class Recorded:
    method: str
    path: str
    body: Any


@dataclass
class FakeGitHub:
    repo: str = "octo/app"
    number: int = 7
    files: list[dict[str, Any]] = field(default_factory=list)  # [{"filename", "patch"}]
    read_only: bool = False
    read_only_message: str = "Resource not accessible by integration"
    # (METHOD, path regex) -> statuses to answer, one per matching request, before behaving normally.
    failures: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    review_comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    issue_comments: list[dict[str, Any]] = field(default_factory=list)
    _next_id: int = 100
    url: str = ""

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> "FakeGitHub":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                status, payload, headers = fake.handle(self.command, self.path.split("?")[0], body)
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- helpers for tests -------------------------------------------------------------------
    def calls(self, method: str, suffix: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.endswith(suffix)]

    def writes(self) -> list[Recorded]:
        return [r for r in self.requests if r.method != "GET"]

    def reply_to(self, comment_id: int, body: str = "thanks") -> None:
        parent = next(c for c in self.review_comments if c["id"] == comment_id)
        self.review_comments.append(self._comment({"path": parent["path"], "line": parent["line"], "body": body},
                                                  in_reply_to=comment_id, user="a-human"))

    # --- the API -------------------------------------------------------------------------------
    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _comment(self, c: dict[str, Any], in_reply_to: Optional[int] = None, user: str = "github-actions[bot]") -> dict[str, Any]:
        cid = self._id()
        return {"id": cid, "url": f"{self.url}/repos/{self.repo}/pulls/comments/{cid}", "path": c["path"],
                "line": c.get("line"), "start_line": c.get("start_line"), "side": c.get("side"),
                "start_side": c.get("start_side"), "body": c["body"], "in_reply_to_id": in_reply_to,
                "user": {"login": user}}

    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        self.requests.append(Recorded(method, path, body))
        for (m, pattern), statuses in self.failures.items():
            if m == method and re.search(pattern, path) and statuses:
                status = statuses.pop(0)
                message = {403: "You have exceeded a secondary rate limit", 422: "Unprocessable Entity",
                           500: "Internal Server Error"}.get(status, "error")
                headers = {"Retry-After": "0"} if status == 403 else {}
                return status, {"message": message}, headers
        if self.read_only and method != "GET":
            return 403, {"message": self.read_only_message}, {}
        prefix = f"/repos/{self.repo}"
        pr = f"{prefix}/pulls/{self.number}"
        if method == "GET" and path == pr:
            return 200, {"number": self.number, "url": f"{self.url}{pr}", "html_url": f"https://example.test/pr/{self.number}",
                         "issue_url": f"{self.url}{prefix}/issues/{self.number}", "state": "open"}, {}
        if method == "GET" and path.startswith(f"{prefix}/commits/"):
            sha = path.rsplit("/", 1)[1]
            return 200, {"sha": sha, "url": f"{self.url}{path}"}, {}
        if method == "GET" and path == f"{pr}/files":
            # `hide_patch`: answer like GitHub for a large file (no patch), still validate against it.
            return 200, [{"filename": f["filename"], "patch": None if f.get("hide_patch") else f.get("patch"),
                          "status": "modified", "sha": "0" * 40} for f in self.files], {}
        if method == "GET" and path == f"{pr}/comments":
            return 200, self.review_comments, {}
        if method == "GET" and path == f"{pr}/reviews":
            return 200, self.reviews, {}
        if method == "POST" and path == f"{pr}/reviews":
            return self._create_review(body)
        m = re.fullmatch(rf"{prefix}/pulls/comments/(\d+)", path)
        if m and method == "DELETE":
            self.review_comments = [c for c in self.review_comments if c["id"] != int(m.group(1))]
            return 204, None, {}
        if method == "GET" and path == f"{prefix}/issues/{self.number}/comments":
            return 200, self.issue_comments, {}
        if method == "POST" and path == f"{prefix}/issues/{self.number}/comments":
            cid = self._id()
            comment = {"id": cid, "url": f"{self.url}{prefix}/issues/comments/{cid}", "body": body["body"],
                       "html_url": f"https://example.test/comment/{cid}"}
            self.issue_comments.append(comment)
            return 201, comment, {}
        m = re.fullmatch(rf"{prefix}/issues/comments/(\d+)", path)
        if m and method == "PATCH":
            comment = next(c for c in self.issue_comments if c["id"] == int(m.group(1)))
            comment["body"] = body["body"]
            return 200, comment, {}
        return 404, {"message": "Not Found"}, {}

    def _create_review(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if body.get("event") in ("COMMENT", "REQUEST_CHANGES") and not body.get("body"):
            return 422, {"message": "Unprocessable Entity", "errors": ["Body is required"]}, {}
        if len(body.get("body") or "") > 65536:
            return 422, {"message": "Body is too long"}, {}
        for c in body.get("comments", []):
            problem = self._anchor_problem(c)
            if problem:
                return 422, {"message": "Unprocessable Entity", "errors": [problem]}, {}
        rid = self._id()
        review = {"id": rid, "body": body.get("body"), "state": "COMMENTED", "commit_id": body.get("commit_id"),
                  "user": {"login": "github-actions[bot]"}}
        self.reviews.append(review)
        for c in body.get("comments", []):
            self.review_comments.append(self._comment(c))
        return 200, review, {}

    def _anchor_problem(self, c: dict[str, Any]) -> Optional[str]:
        """GitHub's checks: line in a hunk (RIGHT side), a range within one hunk, start before end."""
        patch = next((f.get("patch") for f in self.files if f["filename"] == c.get("path")), None)
        if patch is None:
            return "Path could not be resolved"
        hunks: list[set[int]] = []
        line = 0
        for text in patch.splitlines():
            m = re.match(r"^@@ -\S+ \+(\d+)", text)
            if m:
                hunks.append(set())
                line = int(m.group(1))
            elif hunks and not text.startswith(("-", "\\")):
                hunks[-1].add(line)
                line += 1
        where = [i for i, h in enumerate(hunks) if c.get("line") in h]
        if c.get("side") != "RIGHT" or not where:
            return "Pull request review thread line must be part of the diff"
        if c.get("start_line") is not None:
            if c["start_line"] >= c["line"]:
                return "start_line must precede the end line"
            if c["start_line"] not in hunks[where[0]] or c.get("start_side") != "RIGHT":
                return "start line must be part of the same hunk as the line"
        return None
