"""Every app's change history reads the same in the admin: listed, read-only, never deleted."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/commitments/change/", "/admin/spaces/change/"])
def test_a_history_is_listed_and_offers_no_way_to_change_it(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert admin_client.get(f"{path}add/").status_code == 403
    assert 'name="action"' not in response.content.decode()  # no delete action
