import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from apps.core.models import Area, Profile
from apps.core.permissions import CONTENT_STAFF, JURORS, OFFICIALS, ensure_roles


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folder and an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_area(db):
    def make(name="Chiềng Đen", kind=Area.Kind.COMMUNE, parent=None, name_en=""):
        return Area.objects.create(
            name=name, name_vi=name, name_en=name_en, kind=kind, parent=parent
        )

    return make


@pytest.fixture
def commune(make_area):
    return make_area("Xã Chiềng Đen", name_en="Chieng Den Commune")


@pytest.fixture
def village(make_area, commune):
    return make_area("Bản Co Phương", Area.Kind.VILLAGE, commune, "Co Phuong village")


@pytest.fixture
def make_user(db):
    def make(username="user", role=None, areas=(), password="pass-word-123", **extra):
        user = get_user_model().objects.create_user(
            username=username, password=password, email=f"{username}@example.org", **extra
        )
        if role:
            user.groups.add(ensure_roles()[role])
        profile = Profile.objects.create(user=user)
        profile.areas.set(areas)
        return user

    return make


@pytest.fixture
def official(make_user, commune):
    return make_user("official", OFFICIALS, areas=[commune])


@pytest.fixture
def staff_user(make_user):
    return make_user("staff", CONTENT_STAFF, is_staff=True)


@pytest.fixture
def juror(make_user):
    return make_user("juror", JURORS)
