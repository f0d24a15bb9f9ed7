"""Every change to a space, its opening hours and its photos is kept: who, when and what."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.history import AppendOnlyError
from apps.core.models import Area
from apps.core.permissions import OFFICIALS
from apps.spaces.models import Change, LearningSpace, Photo

from .conftest import image_bytes
from .test_workspace import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(make_area):
    return make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")


@pytest.fixture
def other_space(make_space, make_area, ward):
    group = make_area("Tổ 3", Area.Kind.GROUP, ward, "Residential group 3")
    return make_space(
        "Tủ sách nhân ái tổ 3",
        area=group,
        kind="humane-library",
        description_en="Books for everyone.",
        book_count=120,
    )


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    client.cookies["lang"] = "en"
    return client


def upload_photo(client, space):
    photo = SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg")
    data = {"upload": photo, "alt_vi": "Trẻ em đọc sách", "alt_en": "Children reading", "order": 0}
    return client.post(f"/en/workspace/spaces/{space.slug}/photos/", data)


def test_an_officials_edit_in_the_workspace_records_who_changed_which_field(
    client, official, space
):
    client.force_login(official)
    response = client.post(f"/en/workspace/spaces/{space.slug}/", edit_data(space))
    assert response.status_code == 302
    change = Change.objects.get(object_type="learningspace", action=Change.Action.CHANGED)
    assert change.user == official
    assert change.space == space
    assert change.object_id == space.pk
    assert change.changes["description_en"] == ["The village's reading place.", "New description"]
    assert change.changes["book_count"] == ["820", "900"]
    assert change.changes["contact_phone"] == ["0212 369 748", "0212 111 222"]
    # Derived and automatic fields are not part of the history; unchanged fields neither.
    assert "updated_at" not in change.changes
    assert "search_text" not in change.changes
    assert "has_internet" not in change.changes
    assert list(space.changes.filter(action="changed")) == [change]


def test_changing_the_hours_records_the_hours_change(client, official, make_space):
    space = make_space("Nhà Tri thức bản Đen", hours=[(2, "17:00", "21:00")])
    hour = space.hours.get()
    client.force_login(official)
    url = f"/en/workspace/spaces/{space.slug}/"
    data = edit_data(
        space,
        **{
            "hours-TOTAL_FORMS": "2",
            "hours-INITIAL_FORMS": "1",
            "hours-0-id": str(hour.pk),
            "hours-0-space": str(space.pk),
            "hours-0-weekday": "2",
            "hours-0-opens": "17:00",
            "hours-0-closes": "20:30",
            "hours-1-weekday": "5",
            "hours-1-opens": "08:00",
            "hours-1-closes": "11:00",
        },
    )
    assert client.post(url, data).status_code == 302

    changed = Change.objects.get(object_type="openinghours", action=Change.Action.CHANGED)
    assert changed.object_id == hour.pk
    assert changed.changes == {"closes": ["21:00:00", "20:30:00"]}
    assert changed.user == official
    assert changed.space == space
    added = space.hours.get(weekday=5)
    created = Change.objects.get(
        object_type="openinghours", object_id=added.pk, action=Change.Action.CREATED
    )
    assert created.user == official
    assert created.space == space
    assert created.changes["opens"] == [None, "08:00:00"]

    data = edit_data(
        space,
        **{
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "1",
            "hours-0-id": str(hour.pk),
            "hours-0-space": str(space.pk),
            "hours-0-closes": "20:30",
            "hours-0-DELETE": "on",
        },
    )
    assert client.post(url, data).status_code == 302
    assert not space.hours.filter(pk=hour.pk).exists()
    deleted = Change.objects.get(
        object_type="openinghours", object_id=hour.pk, action=Change.Action.DELETED
    )
    assert deleted.user == official


def test_adding_and_deleting_a_photo_are_recorded(
    client, official, space, django_capture_on_commit_callbacks
):
    client.force_login(official)
    assert upload_photo(client, space).status_code == 302
    photo = Photo.objects.get()
    added = Change.objects.get(object_type="photo", action=Change.Action.CREATED)
    assert added.object_id == photo.pk
    assert added.user == official
    assert added.space == space
    assert added.object_repr == "Children reading"
    assert added.changes["alt_en"] == [None, "Children reading"]

    url = f"/en/workspace/spaces/{space.slug}/photos/{photo.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Photo.objects.exists()
    deleted = Change.objects.get(object_type="photo", action=Change.Action.DELETED)
    assert deleted.object_id == photo.pk
    assert deleted.object_repr == "Children reading"
    assert deleted.user == official
    assert deleted.space == space  # still in the space's history once committed


def test_a_history_record_can_be_neither_changed_nor_deleted(official, space):
    space._actor = official
    space.book_count = 900
    space.save()
    change = Change.objects.get(object_type="learningspace", action=Change.Action.CHANGED)
    change.action = Change.Action.DELETED
    change.changes = {}
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        Change.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        space.changes.all().delete()
    kept = Change.objects.get(pk=change.pk)
    assert kept.action == Change.Action.CHANGED
    assert kept.changes == {"book_count": ["820", "900"]}
    assert Change.objects.filter(space=space).count() == 2  # created, then changed


def test_a_refused_post_changes_nothing_and_records_nothing(
    client, official, make_user, ward, other_space
):
    other_space.photos.create(alt_vi="Tủ sách", alt_en="The bookcase")
    photo = other_space.photos.get()
    before = list(Change.objects.values_list("pk", flat=True))
    # What the fixtures made is recorded: the space and its photo were created.
    assert Change.objects.filter(space=other_space, action="created").count() == 2
    client.force_login(official)  # an official of another commune
    url = f"/en/workspace/spaces/{other_space.slug}/"
    assert client.post(url, edit_data(other_space)).status_code == 403
    assert upload_photo(client, other_space).status_code == 403
    assert client.post(f"{url}photos/{photo.pk}/delete/").status_code == 403

    other_space.refresh_from_db()
    assert other_space.description_en == "Books for everyone."
    assert other_space.book_count == 120
    assert not other_space.hours.exists()
    assert list(other_space.photos.all()) == [photo]
    assert list(Change.objects.values_list("pk", flat=True)) == before

    # The same POST by an official of the ward is kept, by name.
    client.force_login(make_user("ward-official", OFFICIALS, areas=[ward]))
    assert client.post(url, edit_data(other_space)).status_code == 302
    change = Change.objects.get(object_type="learningspace", action="changed")
    assert change.user.username == "ward-official"
    assert change.changes["book_count"] == ["120", "900"]


def test_deleting_a_space_keeps_its_history(
    admin_client, staff_user, space, django_capture_on_commit_callbacks
):
    space_pk, hour_pks = space.pk, set(space.hours.values_list("pk", flat=True))
    space._actor = staff_user
    space.book_count = 900
    space.save()
    space.photos.create(alt_vi="Tủ sách", alt_en="The bookcase")
    kept = set(Change.objects.filter(space=space).values_list("pk", flat=True))
    assert len(kept) == 3  # the space created and changed, a photo added

    url = f"/admin/spaces/learningspace/{space_pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not LearningSpace.objects.filter(pk=space_pk).exists()

    # Every earlier record is still there, no longer linked to the deleted space.
    history = Change.objects.filter(pk__in=kept)
    assert history.count() == 3
    assert not history.exclude(space=None).exists()
    deleted = Change.objects.get(
        object_type="learningspace", object_id=space_pk, action=Change.Action.DELETED
    )
    assert deleted.user == staff_user
    assert deleted.space is None
    assert deleted.object_repr == space.name_en  # as the admin names it (in English, the cookie)
    # Its hours and photo went with it, and that is kept too.
    gone_hours = Change.objects.filter(object_type="openinghours", action="deleted")
    assert set(gone_hours.values_list("object_id", flat=True)) == hour_pks
    assert Change.objects.filter(object_type="photo", action="deleted").count() == 1
    assert not Change.objects.filter(action="deleted").exclude(space=None).exists()


def test_staff_changes_in_the_admin_are_kept_by_name(admin_client, staff_user, make_space):
    space = make_space("Nhà Tri thức bản Đen")
    url = f"/admin/spaces/learningspace/{space.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data.update(
        {
            "address": "Bản Đen, xã Chiềng Đen",
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "6",
            "hours-0-opens": "08:00",
            "hours-0-closes": "11:00",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = Change.objects.get(object_type="learningspace", action="changed")
    assert change.user == staff_user
    assert change.changes["address"] == ["", "Bản Đen, xã Chiềng Đen"]
    hours = Change.objects.get(object_type="openinghours", action="created")
    assert hours.user == staff_user
    assert hours.space == space
    assert "Nhà Tri thức bản Đen" in admin_client.get("/admin/spaces/change/").content.decode()
    # The space's page shows its history, with what changed.
    shown = "&quot;address&quot;: [&quot;&quot;, &quot;Bản Đen, xã Chiềng Đen&quot;]"
    assert shown in admin_client.get(url).content.decode()


def test_the_history_admin_is_read_only(admin_client, space):
    change = Change.objects.get(object_type="learningspace", action="created")
    assert admin_client.get("/admin/spaces/change/").status_code == 200
    assert admin_client.get(f"/admin/spaces/change/{change.pk}/change/").status_code == 200
    assert admin_client.get("/admin/spaces/change/add/").status_code == 403
    assert admin_client.get(f"/admin/spaces/change/{change.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/spaces/change/{change.pk}/change/", {"action": "deleted"})
    assert response.status_code == 403
    assert Change.objects.get(pk=change.pk).action == "created"
