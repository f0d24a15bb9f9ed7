"""The officials' names a commitment's page shows follow their accounts.

A commitment's page (memoised until public content changes) names its officials. A user is not
public content, so renaming or deleting one of them renews the content version here; a
sign-in, which saves ``last_login`` alone, changes nothing a page shows and flushes nothing.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete

from apps.core import pagecache

SHOWN_FIELDS = {"first_name", "last_name"}


def _names_an_official(user):
    return user.pk is not None and user.commitments.filter(published=True).exists()


def official_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or created:  # a new account is nobody's official yet
        return
    if update_fields is not None and not SHOWN_FIELDS & set(update_fields):
        return
    if _names_an_official(instance):
        pagecache.invalidate()


def official_deleted(sender, instance, **kwargs):
    # Before the deletion: afterwards the account's commitments are gone with it.
    if _names_an_official(instance):
        pagecache.invalidate()


def connect():
    user_model = get_user_model()
    post_save.connect(official_saved, sender=user_model, dispatch_uid="commitments-official-saved")
    pre_delete.connect(
        official_deleted, sender=user_model, dispatch_uid="commitments-official-deleted"
    )
