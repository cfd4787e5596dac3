"""The operators' admin (Django's): sources and feeds, stories, readers, comments.

Registered here, in the delivery layer, because its actions change data through ``desk``.
"""

from newsdesk.web.admin import comments, readers, sources, stories  # noqa: F401
