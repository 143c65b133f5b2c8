"""One request of nbgrader's assignment list, answered by nbgrader's own handler in this process.

smedx.lazy_nbgrader runs this module as a short-lived child of a hub learner's server, so that
nbgrader (about 100 MB once its exchange has run) never stays in the long-running server:

    python -m smedx.nbgrader_action < request.json > reply.json

The request names the handler ("assignments", "action", "courses" or "version"), the server's
root_dir, the request's arguments, JSON body and path arguments. nbgrader's handler method runs
unchanged on a stand-in for the tornado request, with an AssignmentList made as nbgrader's loader
makes it, so the reply is the JSON nbgrader would have sent. Printed: {"status": ..., "body": ...}.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys

# Request "handler" -> (nbgrader handler class name, method).
HANDLERS = {
    "assignments": ("AssignmentListHandler", "get"),
    "action": ("AssignmentActionHandler", "post"),
    "courses": ("CourseListHandler", "get"),
    "version": ("NbGraderVersionHandler", "get"),
}


class BadRequest(Exception):
    """What tornado would answer with 400 (a missing argument, a body that is not JSON)."""


class StandIn:
    """The parts of a tornado request handler that nbgrader's handler methods use."""

    def __init__(self, manager, arguments: dict[str, str], body: str):
        self.manager, self.arguments, self.body = manager, arguments, body
        self.log = logging.getLogger("nbgrader")
        self.written: list[str] = []

    def get_argument(self, name: str) -> str:
        from tornado import web

        if name not in self.arguments:
            raise web.MissingArgumentError(name)
        return self.arguments[name]

    def get_json_body(self):
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError as err:
            raise BadRequest(f"Invalid JSON in body of request: {err}") from err

    def finish(self, chunk: str) -> None:
        self.written.append(chunk)


def answer(request: dict) -> dict:
    """The status and body nbgrader's handler gives ``request``."""
    from nbgrader.server_extensions.assignment_list import handlers

    class_name, method_name = HANDLERS[request["handler"]]
    manager = handlers.AssignmentList()  # the loader's, without the server as parent (logging)
    manager.root_dir = request["root_dir"]
    stand_in = StandIn(manager, request.get("arguments", {}), request.get("body", ""))
    method = getattr(getattr(handlers, class_name), method_name).__wrapped__  # no @authenticated
    try:
        method(stand_in, *request.get("path_args", []))
    except (BadRequest, KeyError, TypeError) as err:  # data['assignment_id'] of a bad body
        return {"status": 400, "body": f"Bad request: {err!r}"}
    except Exception as err:  # tornado's MissingArgumentError is an HTTPError(400)
        if getattr(err, "status_code", None) == 400:
            return {"status": 400, "body": str(err)}
        raise
    return {"status": 200, "body": "".join(stand_in.written)}


def main() -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO)
    request = json.loads(sys.stdin.read())
    out = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):  # nbgrader's prints go to the server's log
        reply = answer(request)
    out.write(json.dumps(reply))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
