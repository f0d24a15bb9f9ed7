"""Demo data of the core app: areas, key figures and one demo account per role."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from .models import Area, Profile
from .permissions import CONTENT_STAFF, JURORS, OFFICIALS, ensure_roles

# Demo only: the loader refuses to run in production, and prints these for the people trying it.
DEMO_ACCOUNTS = [
    # username, password, role, first name, last name, assigned units (slugs), is_staff
    ("staff", "sonla-staff-2024", CONTENT_STAFF, "Lò Thị", "Hoa", [], True),
    (
        "official.chiengden",
        "sonla-official-2024",
        OFFICIALS,
        "Cầm Văn",
        "Định",
        ["chieng-den"],
        False,
    ),
    ("official.tohieu", "sonla-official-2024", OFFICIALS, "Quàng Thị", "Mai", ["to-hieu"], False),
    ("juror", "sonla-juror-2024", JURORS, "Lường Văn", "Sơn", [], False),
]


def load(stdout):
    call_command("loaddata", "areas", "key_figures", verbosity=0)
    groups = ensure_roles()
    User = get_user_model()
    stdout.write("Demo accounts (demo data only):")
    for username, password, role, first, last, units, is_staff in DEMO_ACCOUNTS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.is_staff = first, last, is_staff
        user.email = f"{username}@example.org"
        user.set_password(password)
        user.save()
        user.groups.add(groups[role])
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.areas.set(Area.objects.filter(slug__in=units))
        stdout.write(f"  {username:<22} {password:<22} {role}")
