"""Django's model permissions, read in one query instead of two."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class PortalModelBackend(ModelBackend):
    """``ModelBackend`` whose permissions of a user (their own and their groups') come in one
    query: every signed-in page that asks ``has_perm()`` (the workspace asks for each app)
    costs one query less."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                permissions = Permission.objects.filter(
                    Q(user=user_obj) | Q(group__user=user_obj)
                ).distinct()
            rows = permissions.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{label}.{codename}" for label, codename in rows}
        return user_obj._perm_cache
