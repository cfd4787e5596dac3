"""URL routes of the whole site: the web app, accounts, the JSON API, sitemap and admin.

The JSON API's routes are named by module (``newsdesk.api.urls``), not imported: they are
imported on the first request under /api/v1/ or the first reverse() of an ``api-v1:`` name
(``conf.deferred``), so the first page does not wait for the API to be built (decision 54).
"""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from newsdesk.api.protocols import fever_urls
from newsdesk.conf.deferred import deferred
from newsdesk.web.sitemaps import SITEMAPS

admin.autodiscover()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    deferred("api/v1/", "newsdesk.api.urls", app_name="ninja", namespace="api-v1"),
    path("api/greader/", include("newsdesk.api.protocols.greader_urls")),
    path("api/fever/", include("newsdesk.api.protocols.fever_urls")),
    *fever_urls.other_addresses,
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("newsdesk.web.urls")),
]

# The site's own error pages (newsdesk.web.errors); the CSRF failure page is CSRF_FAILURE_VIEW.
handler400 = "newsdesk.web.errors.bad_request"
handler403 = "newsdesk.web.errors.forbidden"
handler404 = "newsdesk.web.errors.not_found"
handler500 = "newsdesk.web.errors.server_error"
