"""Admin: readers (Django's users with their Reader profile), roles and bans.

Roles are changed by actions only, through ``newsdesk.desk.readers.profiles.set_role``, which
keeps ``is_staff``, ``is_superuser`` and the moderators group in step with the role; those flags
are read-only in the forms. Only admins (superusers) see the users list and the role actions.
The admin's sign-in page sends visitors to the accounts' sign-in form (rate limited).
Moderators see the readers list (the ``readers`` permissions of their group) and may ban and
unban readers (not moderators or admins). Only admins delete accounts (from either list), and
through ``newsdesk.desk.readers.leaving.delete_account`` as a reader leaving does: the account's
comments stay as "[deleted]"; the confirmation page refuses to delete the last admin.
"""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.contrib.admin.utils import get_deleted_objects
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.desk.readers import leaving, profiles
from newsdesk.readers.models import Reader, Role

User = get_user_model()
ROLE_FLAGS = ("is_staff", "is_superuser", "groups", "user_permissions")
READER_FIELDS = ("role", "region", "languages", "time_zone", "banned_at", "ban_reason")


class ReaderInline(admin.StackedInline):
    model = Reader
    fields = READER_FIELDS
    readonly_fields = READER_FIELDS
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BannedFilter(admin.SimpleListFilter):
    title = "banned"
    parameter_name = "banned"
    # The path to Reader.banned_at from the listed model.
    field = "banned_at"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Banned"), ("no", "Not banned")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("yes", "no"):
            return queryset.filter(**{f"{self.field}__isnull": self.value() == "no"})
        return queryset


class UserBannedFilter(BannedFilter):
    field = "reader__banned_at"


def _users(selection: QuerySet[Any] | list[Any]) -> list[Any]:
    """The accounts behind a selection of users or of Reader profiles."""
    if isinstance(selection, QuerySet) and selection.model is Reader:
        selection = selection.select_related("user")
    return [item.user if isinstance(item, Reader) else item for item in selection]


class AccountDeletion:
    """Deleting accounts, for admins only: the account and its data go, its comments stay as
    "[deleted]" (``leaving.delete_account``), from the users list as from the readers list."""

    admin_site: admin.AdminSite

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, Any, Any]:
        """What goes with the accounts (for a Reader profile: its whole account); deleting the
        last admin is listed as what stops the deletion."""
        users = _users(objs)
        deleted, counts, perms_needed, protected = get_deleted_objects(
            users, request, self.admin_site
        )
        try:
            leaving.refuse_last_admin(users)
        except profiles.ProfileError as error:
            protected = [*protected, str(error)]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._delete_accounts(_users([obj]))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._delete_accounts(_users(queryset))

    def _delete_accounts(self, users: list[Any]) -> None:
        now = timezone.now()
        for user in users:
            leaving.delete_account(user, now)


class RoleActions:
    """Role and ban actions shared by the users list and the readers list."""

    def _set_role(self, request: HttpRequest, queryset: QuerySet[Any], role: str) -> None:
        users = _users(queryset)
        for user in users:
            profiles.set_role(user, role)
        label = Role(role).label.lower()
        messages.success(request, f"{len(users)} account(s) now have the role {label}.")

    @admin.action(description="Make reader", permissions=["role"])
    def make_reader(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_role(request, queryset, Role.READER)

    @admin.action(description="Make moderator", permissions=["role"])
    def make_moderator(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_role(request, queryset, Role.MODERATOR)

    @admin.action(description="Make admin", permissions=["role"])
    def make_admin(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._set_role(request, queryset, Role.ADMIN)

    def _bannable(self, request: HttpRequest, queryset: QuerySet[Any]) -> list[Any]:
        """The selected accounts this user may ban or unban: a moderator's or an admin's
        account is for admins to decide (as the API's "ban the author" refuses them)."""
        users = _users(queryset)
        if request.user.is_superuser:
            return users
        allowed = [user for user in users if not profiles.is_moderator(user)]
        if len(allowed) < len(users):
            left = len(users) - len(allowed)
            messages.warning(request, f"{left} moderator or admin account(s) left as they are.")
        return allowed

    @admin.action(description="Ban (no more comments)", permissions=["change"])
    def ban(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        users = self._bannable(request, queryset)
        now = timezone.now()
        for user in users:
            profiles.ban(user, now, reason=f"Banned by {request.user.get_username()}")
        messages.success(request, f"{len(users)} account(s) banned.")

    @admin.action(description="Unban", permissions=["change"])
    def unban(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        users = self._bannable(request, queryset)
        for user in users:
            profiles.unban(user)
        messages.success(request, f"{len(users)} account(s) unbanned.")

    def has_role_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


def _reader(user: Any) -> Reader | None:
    try:
        return user.reader
    except Reader.DoesNotExist:
        return None


# The admin signs in through the accounts' own form, so its failed-sign-in limits cover the admin
# too (decision 16); a signed-in reader who is not staff gets 403 there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(RoleActions, AccountDeletion, UserAdmin):
    list_display = ("email", "username", "role", "banned", "is_active", "date_joined")
    list_filter = ("reader__role", UserBannedFilter, "is_active", "date_joined")
    list_select_related = ("reader",)
    search_fields = ("email", "username")
    ordering = ("-date_joined",)
    inlines = [ReaderInline]
    actions = ["make_reader", "make_moderator", "make_admin", "ban", "unban"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, *ROLE_FLAGS, "last_login", "date_joined")

    @admin.display(description="Role", ordering="reader__role")
    def role(self, user: Any) -> str:
        reader = _reader(user)
        return Role(reader.role).label if reader else Role.READER.label

    @admin.display(description="Banned", boolean=True, ordering="reader__banned_at")
    def banned(self, user: Any) -> bool:
        reader = _reader(user)
        return bool(reader and reader.banned)


@admin.register(Reader)
class ReaderAdmin(RoleActions, AccountDeletion, admin.ModelAdmin):
    """The readers list moderators see: profiles and bans, no account details."""

    list_display = ("user", "role", "banned", "region", "time_zone", "created_at")
    list_filter = ("role", BannedFilter)
    list_select_related = ("user",)
    search_fields = ("user__email", "user__username")
    fields = ("user", *READER_FIELDS, "created_at")
    readonly_fields = fields
    actions = ["make_reader", "make_moderator", "make_admin", "ban", "unban"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="Banned", boolean=True, ordering="banned_at")
    def banned(self, reader: Reader) -> bool:
        return reader.banned
