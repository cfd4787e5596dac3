"""Routes of the Google Reader API, mounted at /api/greader/ (see ``greader``)."""

from django.urls import path

from newsdesk.api.protocols import greader, greader_atom
from newsdesk.api.protocols import greader_subscriptions as subs

api0 = "reader/api/0/"
urlpatterns = [
    path("accounts/ClientLogin", greader.client_login, name="greader-login"),
    path(f"{api0}token", greader.token, name="greader-token"),
    path(f"{api0}user-info", greader.user_info, name="greader-user-info"),
    path(f"{api0}subscription/list", subs.subscription_list, name="greader-subscriptions"),
    path(f"{api0}subscription/edit", subs.subscription_edit, name="greader-subscription-edit"),
    path(f"{api0}subscription/quickadd", subs.quickadd, name="greader-quickadd"),
    path(f"{api0}subscription/export", subs.subscription_export, name="greader-export"),
    path(f"{api0}subscription/import", subs.subscription_import, name="greader-import"),
    path(f"{api0}tag/list", subs.tag_list, name="greader-tags"),
    path(f"{api0}rename-tag", subs.rename_tag, name="greader-rename-tag"),
    path(f"{api0}disable-tag", subs.disable_tag, name="greader-disable-tag"),
    path(f"{api0}unread-count", greader.unread_count, name="greader-unread-count"),
    path(f"{api0}stream/items/ids", greader.stream_item_ids, name="greader-item-ids"),
    path(f"{api0}stream/items/contents", greader.stream_items_contents, name="greader-items"),
    path(f"{api0}stream/contents/", greader.stream_contents, name="greader-stream"),
    path(
        f"{api0}stream/contents/<path:stream_id>",
        greader.stream_contents,
        name="greader-stream-of",
    ),
    path(f"{api0}edit-tag", greader.edit_tag, name="greader-edit-tag"),
    path(f"{api0}mark-all-as-read", greader.mark_all_as_read, name="greader-mark-all-read"),
    # The Atom form of the streams, which older apps read (newsboat's FeedHQ and Old Reader modes).
    path("reader/atom/", greader_atom.atom_stream, name="greader-atom"),
    path("reader/atom/<path:stream_id>", greader_atom.atom_stream, name="greader-atom-of"),
]
