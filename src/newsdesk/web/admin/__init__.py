"""The operators' admin (Django's): sources and feeds, stories, readers, comments, site-wide rules.

Registered here, in the delivery layer, because its actions change data through ``desk``.
"""

from newsdesk.web.admin import comments, readers, rules, sources, stories  # noqa: F401
