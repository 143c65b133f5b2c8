"""A hub learner's Assignments page without nbgrader in the learner's long-running server.

nbgrader's assignment_list and validate_assignment server extensions import all of nbgrader
when the server starts (about 34 MB), and once a learner has listed or fetched assignments its
exchange code keeps the server about 100 MB heavier (bench/memory.py) for the rest of the
session, in every learner's server. This server extension (enabled in deploy/hub/jupyter/learner
instead of those two) answers the assignment list's routes (list, fetch, submit,
fetch_feedback, courses, version) by running nbgrader's own handler for each request in a
short-lived child process of the learner (smedx.nbgrader_action: same account, environment and
root_dir), which exits after replying. Validate, which runs a kernel anyway, gets nbgrader's own
handler, imported on its first request. Trainers load nbgrader's extensions as they are.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import sys

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.routing import RuleRouter
from tornado.web import Application

CHILD_TIMEOUT = 120  # seconds; a fetch copies a few notebooks, a list reads the exchange
VALIDATE_ROUTE = r"/assignments/validate"
CHILD_FAILED = {
    "zh": "作业列表暂时无法读取（处理程序{problem}）。请稍后重试；如果一直出现，请联系培训老师。",
    "en": "The assignment list cannot be read right now (its helper {problem}). Please try "
    "again in a moment; if this keeps happening, tell your trainer.",
}
PROBLEMS = {
    "timeout": {"zh": f"超过 {CHILD_TIMEOUT} 秒未完成", "en": f"took over {CHILD_TIMEOUT} s"},
    "crash": {"zh": "异常退出", "en": "stopped with an error"},
}


def _jupyter_server_extension_points():
    return [{"module": "smedx.lazy_nbgrader"}]


class NbgraderInChild(JupyterHandler):
    """Runs nbgrader's handler ``HANDLER`` for this request in smedx.nbgrader_action."""

    HANDLER = ""

    async def answer(self, *path_args: str) -> None:
        request = {
            "handler": self.HANDLER,
            "root_dir": self.settings["smedx_nbgrader_root_dir"],
            "arguments": {name: self.get_argument(name) for name in self.request.arguments},
            "body": self.request.body.decode("utf-8", "replace"),
            "path_args": list(path_args),
        }
        reply = await self.run_child(json.dumps(request).encode())
        self.set_status(reply["status"])
        self.finish(reply["body"])

    async def run_child(self, request: bytes) -> dict:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-P",  # not the working folder first on sys.path: a learner's nbgrader.py stays out
            "-m",
            "smedx.nbgrader_action",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            out, err = await asyncio.wait_for(child.communicate(request), CHILD_TIMEOUT)
        except TimeoutError:
            child.kill()
            await child.wait()
            return self.failed("timeout", b"")
        if err:
            self.log.info("smedx.nbgrader_action: %s", err.decode("utf-8", "replace").rstrip())
        try:
            if child.returncode != 0:
                raise ValueError(child.returncode)
            return json.loads(out)
        except ValueError:
            return self.failed("crash", err)

    def failed(self, problem: str, err: bytes) -> dict:
        """A 500 with nbgrader's failure shape, in the browser's language (zh unless en)."""
        lang = "en" if self.request.headers.get("Accept-Language", "").startswith("en") else "zh"
        value = CHILD_FAILED[lang].format(problem=PROBLEMS[problem][lang])
        self.log.error("smedx.nbgrader_action %s: %s", problem, err.decode("utf-8", "replace"))
        return {"status": 500, "body": json.dumps({"success": False, "value": value})}


class AssignmentsInChild(NbgraderInChild):
    HANDLER = "assignments"

    @web.authenticated
    async def get(self):
        await self.answer()


class ActionInChild(NbgraderInChild):
    HANDLER = "action"

    @web.authenticated
    async def post(self, action):
        await self.answer(action)


class CoursesInChild(NbgraderInChild):
    HANDLER = "courses"

    @web.authenticated
    async def get(self):
        await self.answer()


class VersionInChild(NbgraderInChild):
    HANDLER = "version"

    @web.authenticated
    async def get(self):
        # Asked each time the Assignments page opens: the match (nbgrader's reply) needs no
        # child; a mismatch gets nbgrader's own message from one.
        if self.get_argument("version") == importlib.metadata.version("nbgrader"):
            self.finish(json.dumps({"success": True}))
        else:
            await self.answer()


# nbgrader's assignment_list routes (its default_handlers), answered in a child.
CHILD_HANDLERS = [
    (r"/assignments", AssignmentsInChild),
    (r"/assignments/(?P<action>fetch|submit|fetch_feedback)", ActionInChild),
    (r"/courses", CoursesInChild),
    (r"/nbgrader_version", VersionInChild),
]


class ValidateOnFirstUse(RuleRouter):
    """nbgrader's validate handler, imported when it is first requested."""

    def __init__(self, serverapp):
        super().__init__()
        self.serverapp = serverapp

    def find_handler(self, request, **kwargs):
        if not self.rules:
            from nbgrader.server_extensions.validate_assignment import handlers as validate

            self.serverapp.log.info("smedx.lazy_nbgrader: loading nbgrader's validator")
            base_url = self.serverapp.web_app.settings["base_url"]
            self.add_rules(
                [(url_path_join(base_url, p), handler) for p, handler in validate.default_handlers]
            )
        return super().find_handler(request, **kwargs)

    def get_target_delegate(self, target, request, **target_params):
        # The handler runs as if registered on the server itself (its settings, its auth).
        return self.serverapp.web_app.get_handler_delegate(request, target, **target_params)


def _load_jupyter_server_extension(serverapp):
    web_app = serverapp.web_app
    web_app.settings["root_dir"] = serverapp.root_dir  # validate_assignment's loader sets it
    web_app.settings["smedx_nbgrader_root_dir"] = serverapp.root_dir
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base_url, p), h) for p, h in CHILD_HANDLERS])
    # tornado's own add_handlers: jupyter_server's checks a handler class for @authenticated
    # and cannot read a router; nbgrader's validate handler behind it is @web.authenticated.
    validate = url_path_join(base_url, VALIDATE_ROUTE)
    Application.add_handlers(web_app, ".*$", [(validate, ValidateOnFirstUse(serverapp))])
