import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.commitments.models import Change, Measurement

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/commitments/measurement/import/"


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    client.cookies["lang"] = "en"  # the admin follows the remembered language
    return client


def upload(text, name="figures.csv"):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")}


def test_commitment_admin_shows_both_languages_and_the_officials(admin_client, commitment):
    html = admin_client.get(
        f"/admin/commitments/commitment/{commitment.pk}/change/"
    ).content.decode()
    assert 'name="title_vi"' in html
    assert 'name="title_en"' in html
    assert html.index('name="title_vi"') < html.index('name="title_en"')
    assert 'name="officials"' in html
    assert "change history" in html.lower()


def test_staff_changing_a_commitment_is_kept_in_the_history(admin_client, commitment, staff_user):
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "title_vi": commitment.title_vi,
            "title_en": "Digital schools for all",
            "officials": [u.pk for u in commitment.officials.all()],
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
            "summary_vi": "",
            "summary_en": "",
            "description_vi": "",
            "description_en": "",
            "responsible_office_vi": "",
            "responsible_office_en": "",
        }
    )
    data.pop("published", None)
    data["published"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = Change.objects.filter(object_type="commitment", action="changed").first()
    assert change.user == staff_user
    assert change.changes["title_en"] == ["Digital schools", "Digital schools for all"]
    assert (
        "Digital schools for all" in admin_client.get("/admin/commitments/change/").content.decode()
    )


def test_an_existing_measurement_opens_read_only_and_cannot_be_deleted(
    admin_client, commitment, measure, official
):
    m = measure(commitment, 50, "2022-12-31", official)
    html = admin_client.get(f"/admin/commitments/measurement/{m.pk}/change/").content.decode()
    assert 'name="value"' not in html
    assert admin_client.get(f"/admin/commitments/measurement/{m.pk}/delete/").status_code == 403
    response = admin_client.post(f"/admin/commitments/measurement/{m.pk}/change/", {"value": "99"})
    assert response.status_code == 403
    assert Measurement.objects.get().value == 50


def test_a_good_csv_imports_every_row(admin_client, commitment, staff_user):
    text = (
        "commitment,valid_on,value,note_vi,note_en\n"
        "truong-hoc-so,2023-12-31,60,Năm 2023,Year 2023\n"
        'truong-hoc-so,2024-12-31,"66,5",Năm 2024,\n'
    )
    response = admin_client.post(IMPORT_URL, upload(text))
    assert response.status_code == 302
    values = list(Measurement.objects.values_list("value", "recorded_by", "note_en"))
    assert [(str(v), u) for v, u, _ in values] == [
        ("60.00", staff_user.pk),
        ("66.50", staff_user.pk),
    ]


def test_a_csv_with_any_wrong_row_imports_nothing_and_names_the_rows(admin_client, commitment):
    text = (
        "commitment,valid_on,value,note_vi,note_en\n"
        "truong-hoc-so,2023-12-31,60,ok,\n"
        "truong-hoc-so,2024-12-31,140,quá 100,\n"
        "khong-co,2024-12-31,10,,\n"
        "truong-hoc-so,31/12/2024,abc,,\n"
        "truong-hoc-so,2023-12-31,61,trùng,\n"
    )
    response = admin_client.post(IMPORT_URL, upload(text))
    html = response.content.decode()
    assert response.status_code == 200
    assert not Measurement.objects.exists()
    assert "Nothing was imported" in html
    assert "Row 3: A percentage must be between 0 and 100." in html
    assert "Row 4: unknown commitment “khong-co”" in html
    assert (
        "Row 5: valid_on “31/12/2024” is not a date (YYYY-MM-DD); value “abc” is not a number"
        in html
    )
    assert "Row 6: the same commitment and date as row 2" in html
    assert "Row 2:" not in html


def test_a_csv_without_the_needed_columns_is_refused(admin_client, commitment):
    html = admin_client.post(IMPORT_URL, upload("slug,date\nx,y\n")).content.decode()
    assert "Row 1: missing columns: commitment, valid_on, value" in html


def test_the_change_history_is_read_only_in_the_admin(admin_client, commitment):
    change = Change.objects.first()
    assert admin_client.get("/admin/commitments/change/").status_code == 200
    assert admin_client.get("/admin/commitments/change/add/").status_code == 403
    assert admin_client.get(f"/admin/commitments/change/{change.pk}/delete/").status_code == 403


def test_officials_cannot_open_the_admin(client, official):
    client.force_login(official)
    assert client.get("/admin/commitments/measurement/").status_code == 302


def test_staff_add_a_measurement_in_the_admin_through_the_same_rules(admin_client, commitment):
    url = "/admin/commitments/measurement/add/"
    data = {
        "commitment": commitment.pk,
        "valid_on": "2024-12-31",
        "value": "150",
        "note_vi": "a",
        "note_en": "",
        "correction_reason": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A percentage must be between 0 and 100." in response.content.decode()
    data["value"] = "66"
    pdf = SimpleUploadedFile("r.pdf", b"%PDF-1.4 demo", "application/pdf")
    response = admin_client.post(url, {**data, "evidence": pdf})
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert m.value == 66
    assert m.evidence.name.endswith(".pdf")
