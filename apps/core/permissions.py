"""The one place that answers "may this user change this object?".

Content staff hold Django's model permissions and may change every object of a model.
Officials hold no model permission: they may change an object when the object says they manage
it, through its ``is_managed_by(user)`` method (an official assigned to its ward, commune or to
the object itself). Every app asks here, never on its own.
"""

from django.contrib.auth.models import Group

from . import pagecache

CONTENT_STAFF = "content_staff"
OFFICIALS = "officials"
JURORS = "jurors"
ROLES = (CONTENT_STAFF, OFFICIALS, JURORS)


def _perm(model, action):
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_change(user, obj):
    """True when ``user`` may change ``obj``: by model permission or by assignment."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.has_perm(_perm(type(obj), "change")):
        return True
    managed_by = getattr(obj, "is_managed_by", None)
    return bool(managed_by and managed_by(user))


def changeable(user, queryset):
    """The objects of ``queryset`` that ``user`` may change (for workspace lists)."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if user.has_perm(_perm(queryset.model, "change")):
        return queryset
    managed_by = getattr(queryset, "managed_by", None)
    return managed_by(user) if managed_by else queryset.none()


def has_role(user, role):
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    return role in _group_names(user)


def _group_names(user):
    # Once per request: the workspace asks for every role, and each app for some.
    return pagecache.per_request(
        ("groups", user.pk), lambda: frozenset(user.groups.values_list("name", flat=True))
    )


def ensure_roles():
    """Create the role groups; content staff get every permission of the portal's models."""
    from django.contrib.auth.models import Permission

    from .apps import portal_apps

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    labels = [config.label for config in portal_apps()]
    staff_perms = Permission.objects.filter(content_type__app_label__in=labels)
    groups[CONTENT_STAFF].permissions.add(*staff_perms)
    return groups


def assigned_areas(user):
    """The wards/communes assigned to ``user`` and every area inside them (a tuple of areas,
    read once per request: each app's workspace entry and each ``is_managed_by()`` ask)."""
    from django.db.models import Q

    from .models import Area

    if not (user and user.is_authenticated):
        return ()

    def find():
        return tuple(
            Area.objects.filter(
                Q(officials__user=user) | Q(parent__officials__user=user)
            ).distinct()
        )

    return pagecache.per_request(("assigned-areas", user.pk), find)


def assigned_area_ids(user):
    """Ids of the wards/communes assigned to ``user`` and of every area inside them."""
    return [area.pk for area in assigned_areas(user)]
