import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def digital(make_commitment, measure, official, second_official):
    commitment = make_commitment(
        "Trường học số",
        title_en="Digital schools",
        responsible_office_vi="Phòng Giáo dục",
        responsible_office_en="Education Office",
        officials=[official, second_official],
    )
    official.first_name, official.last_name = "Cầm Văn", "Định"
    official.save()
    measure(commitment, 55, "2022-12-31", official, note_vi="Năm 2022", note_en="In 2022")
    measure(
        commitment,
        70,
        "2025-12-31",
        official,
        note_vi="<script>alert(1)</script>",
        evidence="evidence/0123456789abcdef0123456789abcdef.pdf",
    )
    return commitment


def test_detail_shows_chart_table_summary_and_history_in_english(client, digital):
    response = client.get("/en/commitments/truong-hoc-so/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart"' in html
    assert 'role="img"' in html
    assert '<title id="chart-t">Progress of “Digital schools”</title>' in html
    assert '<th scope="col">Planned path</th>' in html
    assert "On 31 December 2025 the figure was 70% against a target of 100% by 2030" in html
    assert "status: on track" in html
    assert "Education Office" in html
    assert "Cầm Văn Định" in html
    evidence = digital.measurements.get(valid_on="2025-12-31")
    assert f'href="/en/commitments/truong-hoc-so/evidence/{evidence.pk}/"' in html
    assert "/media/" not in html


def test_detail_speaks_vietnamese(client, digital):
    html = client.get("/vi/commitments/truong-hoc-so/").content.decode()
    assert "Đến ngày 31/12/2025, số liệu đạt 70% so với mục tiêu 100% vào năm 2030" in html
    assert "Phòng Giáo dục" in html
    assert "Năm 2022" in html
    assert "một cán bộ của Phòng Giáo dục" in html  # the official without a name


def test_a_note_with_markup_is_shown_escaped(client, digital):
    html = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_english_note_missing_is_marked_as_not_translated(client, digital):
    html = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "not yet translated into English" in html


def test_an_unknown_commitment_is_404(client, db):
    assert client.get("/en/commitments/nope/").status_code == 404


def test_about_the_data_page_lists_the_columns(client, db):
    html = client.get("/en/commitments/about-data/").content.decode()
    assert "progress_percent" in html
    assert "superseded" in html
    assert "On track" in html


def test_an_official_without_a_name_is_described_never_by_login_or_email(
    client, digital, make_user, official
):
    nameless = make_user("nvtuan.sonla")
    nameless.email = "tuan.private@example.org"
    nameless.save()
    digital.officials.add(nameless)
    html = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "Cầm Văn Định, an official of Education Office" in html
    assert html.count("an official of Education Office") == 1  # two without a name: one label
    assert "nvtuan" not in html
    assert "tuan.private" not in html
    assert ">second<" not in html
    assert "second@example.org" not in html


def test_without_an_office_a_nameless_official_is_an_official(client, make_commitment, outsider):
    make_commitment("Không phòng", title_en="No office", officials=[outsider])
    html = client.get("/en/commitments/khong-phong/").content.decode()
    assert "<dd>an official</dd>" in html
    assert "outsider" not in html
