"""Demo data of the jury: three jurors of the 2024 contest (the demo account ``juror`` chairs
it), their scores of every entry, and the winners page built by the announcement's own code.

The jurors, their names and their scores are made up (demo data); the awards are the ones the
contests' demo gives (38 works). The scores agree with them: an awarded work scores higher.
Running ``load`` again adds nothing (seats and scores are kept, copies made once).
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from apps.core.demo import DEMO_ACCOUNTS
from apps.core.models import Profile
from apps.core.permissions import JURORS, ensure_roles

from .announce import publish_winners
from .models import Contest, Criterion, Entry, Juror, Score, Status

SLUG_2024 = "son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu-2024"
SLUG_OPEN = "hoc-tap-suot-doi-song-xanh-2026"
CHAIR = "juror"  # the demo account of core.demo
# username, first name, last name (demo only)
JURORS_2024 = [("juror.2", "Tòng Thị", "Ngọc"), ("juror.3", "Hoàng Đức", "Anh")]
# The demo juror's own password (core.demo prints it with the other demo accounts).
PASSWORD = next(account[1] for account in DEMO_ACCOUNTS if account[0] == CHAIR)


def _jurors():
    User = get_user_model()
    group = ensure_roles()[JURORS]
    people = []
    chair = User.objects.filter(username=CHAIR).first()
    if chair:
        people.append(chair)
    for username, first, last in JURORS_2024:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:  # hashing a password is slow: once
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(group)
        Profile.objects.get_or_create(user=user)
        people.append(user)
    return people


def _seat(contest, people):
    for number, user in enumerate(people):
        Juror.objects.get_or_create(
            contest=contest,
            user=user,
            defaults={"is_chair": number == 0 and user.username == CHAIR},
        )


def _scores(contest, people):
    """Every juror's score of every entry: 60–95 % of the scale for an awarded work, 20–75 %
    for the others (one decimal)."""
    if Score.objects.filter(entry__contest=contest).exists():
        return 0
    rng = random.Random("jury-2024")
    criteria = list(Criterion.objects.filter(contest=contest))
    scores = []
    entries = Entry.objects.filter(contest=contest).only("pk", "status").order_by("pk")
    for entry in entries:
        low, high = (0.6, 0.95) if entry.status == Status.AWARDED else (0.2, 0.75)
        for user in people:
            for criterion in criteria:
                share = Decimal(str(round(rng.uniform(low, high), 2)))
                value = (share * criterion.scale).quantize(Decimal("0.1"))
                scores.append(Score(entry=entry, juror=user, criterion=criterion, value=value))
    Score.objects.bulk_create(scores, batch_size=1000)
    return len(scores)


def load(stdout):
    contest = Contest.objects.filter(slug=SLUG_2024).first()
    if contest is None:
        return
    people = _jurors()
    _seat(contest, people)
    scored = _scores(contest, people)
    open_contest = Contest.objects.filter(slug=SLUG_OPEN).first()
    if open_contest and people:
        _seat(open_contest, people[:1])
    made = publish_winners(contest)
    stdout.write(
        f"Contest jury: {len(people)} jurors of the 2024 contest, {scored} new scores; "
        f"{made} winning works published."
    )
