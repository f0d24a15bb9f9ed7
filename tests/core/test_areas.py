from apps.core.models import Area


def test_area_slug_is_ascii_and_unique(make_area):
    commune = make_area("Chiềng Đen")
    assert commune.slug == "chieng-den"
    village = make_area("Bản Đen", Area.Kind.VILLAGE, commune)
    assert village.slug == "ban-den-chieng-den"
    again = make_area("Chiềng Đen", Area.Kind.WARD)
    assert again.slug == "chieng-den-2"


def test_units_and_localities(commune, village):
    assert list(Area.objects.units()) == [commune]
    assert list(Area.objects.localities()) == [village]
    assert village.unit == commune
    assert set(commune.with_localities()) == {commune.pk, village.pk}


def test_area_english_name_falls_back_to_vietnamese(make_area):
    from django.utils import translation

    area = make_area("Bản Hài")
    with translation.override("en"):
        assert area.name == "Bản Hài"
