"""The routes of the JSON API (/api/v1/), a URL configuration of their own.

The site's URL configuration names this module instead of importing it, so that building the
API (its routers, some 290 pydantic schemas, ninja) waits for the first request under /api/v1/
or the first ``reverse()`` of an ``api-v1:`` name: a server answers its first page without
paying for it (decision 54).
"""

from newsdesk.api.main import api

urlpatterns, _app_name, _namespace = api.urls
