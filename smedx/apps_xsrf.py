"""The ``_xsrf`` cookie on every app page of `smedx apps`, so leaving an app frees its kernel.

When a page closes, Voila's widget manager posts ``/voila/api/shutdown/<kernel>`` with the
``_xsrf`` value it reads from ``document.cookie``, and the server checks it against that cookie.
Standalone Voila sets the cookie only on pages rendered with the server's template namespace (the
gallery); an app page is rendered by nbconvert (from the preheated pool), so an app opened
directly had no cookie, every shutdown was refused with 403 and its kernel stayed until culled.

``widgets/voila.json`` names :class:`XsrfCookieIdentityProvider` as ``Voila.identity_provider_class``:
it identifies users exactly as Voila's default does and, for an app page, reads the handler's
``xsrf_token``, which makes tornado set the cookie (as JupyterLab's own pages do). XSRF checks
stay on. Inside JupyterLab the apps are served by the lab server, which already sets the cookie.
"""

from __future__ import annotations

from jupyter_server.auth.identity import PasswordIdentityProvider
from voila.handler import VoilaHandler


class XsrfCookieIdentityProvider(PasswordIdentityProvider):
    """Voila's default identity provider that also sets the ``_xsrf`` cookie on app pages."""

    async def _get_user(self, handler):
        user = await super()._get_user(handler)
        if user is not None and isinstance(handler, VoilaHandler):
            handler.current_user = user  # prepare() sets it next; tornado's xsrf_token reads it
            handler.xsrf_token  # noqa: B018  (reading it sets the cookie, see tornado's docs)
        return user
