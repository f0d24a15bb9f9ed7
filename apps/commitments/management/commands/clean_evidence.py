from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import translation

from apps.commitments.evidence import clean_stored_evidence
from apps.commitments.models import Measurement


class Command(BaseCommand):
    help = (
        "Re-encode the pictures kept as evidence without their metadata (EXIF with the GPS "
        "position, camera, owner), upright, under the same names. Running it again rewrites "
        "nothing: a clean file is left as it is."
    )

    def handle(self, *args, **options):
        # The report is read by whoever runs it: in English, as the other commands speak,
        # whatever language the process (or a test before) left active.
        with translation.override("en"):
            self.clean_every_file()

    def clean_every_file(self):
        storage = Measurement._meta.get_field("evidence").storage
        # Read only: the evidence column of a measurement is never updated (append-only).
        stored = Measurement._base_manager.exclude(evidence="").order_by("pk")
        counts = Counter()
        for pk, name in stored.values_list("pk", "evidence"):
            outcome, reason = clean_stored_evidence(storage, name)
            counts[outcome] += 1
            if reason:
                self.stderr.write(f"Measurement {pk}, {name}: left as it is: {reason.rstrip('.')}.")
        self.stdout.write(
            f"Evidence: {counts['rewritten']} files rewritten without metadata, "
            f"{counts['clean']} pictures already clean, "
            f"{counts['not a picture']} PDF and other documents, "
            f"{counts['missing'] + counts['refused']} left as they are (listed above)."
        )
