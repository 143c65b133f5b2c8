"""The kit's hooks into the `smedx apps` server (standalone Voila): the ``_xsrf`` cookie on every
app page, and the language of the pages the server renders itself (gallery, 404, error pages).

``widgets/voila.json`` names :class:`XsrfCookieIdentityProvider` as ``Voila.identity_provider_class``;
Voila creates it once and asks it who the user is at the start of every request.

The cookie: when a page closes, Voila's widget manager posts ``/voila/api/shutdown/<kernel>`` with
the ``_xsrf`` value it reads from ``document.cookie``, and the server checks it against that
cookie. Standalone Voila sets the cookie only on pages rendered with the server's template
namespace (the gallery); an app page is rendered by nbconvert (from the preheated pool), so an
app opened directly had no cookie, every shutdown was refused with 403 and its kernel stayed
until culled. The provider identifies users exactly as Voila's default does and, for an app page,
reads the handler's ``xsrf_token``, which makes tornado set the cookie (as JupyterLab's own pages
do). XSRF checks stay on. Inside JupyterLab the lab server already sets the cookie.

The language: a server page shows one language, the URL's ``?lang=`` else the server's
(``SMEDX_LANG``, which `smedx apps` sets for the server and its kernels alike). The provider notes
the request's language (a context variable: one per request task) and gives the templates
``page_language()``; an address that matches no page gets the kit's 404 page, not tornado's
bare English one.
"""

from __future__ import annotations

from contextvars import ContextVar

from jupyter_server.auth.identity import PasswordIdentityProvider
from tornado import web
from voila.handler import BaseVoilaHandler, VoilaHandler

from smedx.i18n import language
from smedx.ui.browser import url_language

_asked: ContextVar[str | None] = ContextVar("smedx_page_language", default=None)


def page_language() -> str:
    """The language of the page being rendered: the request's ``?lang=``, else the server's."""
    return _asked.get() or language()


def note_language(handler: web.RequestHandler) -> None:
    _asked.set(url_language(handler.request.query))


class NotFoundHandler(BaseVoilaHandler):
    """Any address the server has no page for: the kit's 404 page in the asked language."""

    async def prepare(self):
        await super().prepare()  # the user, as for any page (and the request's language)
        raise web.HTTPError(404)


class XsrfCookieIdentityProvider(PasswordIdentityProvider):
    """Voila's default identity provider that also sets the ``_xsrf`` cookie on app pages and
    notes each request's language for the server's own pages."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        voila = self.parent  # the Voila application; it applies tornado_settings after this
        settings = voila.tornado_settings
        settings.setdefault("jinja_template_vars", {})["page_language"] = page_language
        settings.setdefault("default_handler_class", NotFoundHandler)
        settings.setdefault(
            "default_handler_args", {"voila_configuration": voila.voila_configuration}
        )

    async def _get_user(self, handler):
        note_language(handler)
        user = await super()._get_user(handler)
        if user is not None and isinstance(handler, VoilaHandler):
            handler.current_user = user  # prepare() sets it next; tornado's xsrf_token reads it
            handler.xsrf_token  # noqa: B018  (reading it sets the cookie, see tornado's docs)
        return user
