"""Routes of the Fever API. ``urlpatterns`` is mounted at /api/fever/ (the address the profile
page gives: apps call ``/api/fever/?api``); ``other_addresses`` sit at the site's root for the
spellings apps are given elsewhere or build themselves: ``/api/fever.php`` (FreshRSS's address,
which some apps append to the host), ``/fever/``, ``/fever.php``, and each without its slash.

Every spelling is answered where it is asked, never redirected: a POST sent to ``/api/fever?api``
and redirected to ``/api/fever/`` by ``APPEND_SLASH`` would lose its body, and with it the key.
"""

from django.urls import path, re_path

from newsdesk.api.protocols import fever

urlpatterns = [
    path("", fever.endpoint, name="fever"),
]

other_addresses = [
    re_path(r"^api/fever(?:\.php)?$", fever.endpoint),
    re_path(r"^fever(?:/|\.php)?$", fever.endpoint),
]
