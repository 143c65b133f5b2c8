"""A hub learner's fetch, submit and validate: nbgrader's own handlers, imported on first use.

nbgrader's assignment_list and validate_assignment server extensions import all of nbgrader
when the server starts, about 34 MB in every learner's server (bench/memory.py), though most
learners open the Assignments page rarely. This server extension (enabled in
deploy/hub/jupyter/learner instead of those two) answers their routes with a router that imports
them on the first request and hands every request to nbgrader's unchanged handlers, with the
settings nbgrader's loaders would have set. Trainers load nbgrader's extensions as they are.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado.routing import RuleRouter
from tornado.web import Application

# Every route of the two extensions: /assignments[/fetch|submit|fetch_feedback|validate],
# /courses and /nbgrader_version.
ROUTES = r"/(?:assignments(?:/[^/]+)?|courses|nbgrader_version)"


def _jupyter_server_extension_points():
    return [{"module": "smedx.lazy_nbgrader"}]


class NbgraderOnFirstUse(RuleRouter):
    """nbgrader's handlers for its routes, imported when the first of them is requested."""

    def __init__(self, serverapp):
        super().__init__()
        self.serverapp = serverapp

    def find_handler(self, request, **kwargs):
        if not self.rules:
            self.add_rules(self._nbgrader_rules())
        return super().find_handler(request, **kwargs)

    def get_target_delegate(self, target, request, **target_params):
        # The handlers run as if registered on the server itself (its settings, its auth).
        return self.serverapp.web_app.get_handler_delegate(request, target, **target_params)

    def _nbgrader_rules(self) -> list:
        from nbgrader.server_extensions.assignment_list import handlers as assignment_list
        from nbgrader.server_extensions.validate_assignment import handlers as validate

        app = self.serverapp
        app.log.info("smedx.lazy_nbgrader: loading nbgrader's assignment list")
        manager = assignment_list.AssignmentList(parent=app)  # as nbgrader's loader makes it
        manager.root_dir = app.root_dir
        app.web_app.settings["assignment_list_manager"] = manager
        base_url = app.web_app.settings["base_url"]
        handlers = validate.default_handlers + assignment_list.default_handlers
        return [(url_path_join(base_url, pattern), handler) for pattern, handler in handlers]


def _load_jupyter_server_extension(serverapp):
    web_app = serverapp.web_app
    web_app.settings["root_dir"] = serverapp.root_dir  # validate_assignment's loader sets it
    pattern = url_path_join(web_app.settings["base_url"], ROUTES)
    # tornado's own add_handlers: jupyter_server's checks a handler class for @authenticated
    # and cannot read a router; nbgrader's handlers behind it are all @web.authenticated.
    Application.add_handlers(web_app, ".*$", [(pattern, NbgraderOnFirstUse(serverapp))])
