from django.core.management.base import BaseCommand

from apps.core import published


class Command(BaseCommand):
    help = (
        "Build the published files (open data, feeds) whose content changed, so a fresh "
        "site serves them at once; --all rebuilds every one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="rebuild even the current ones")

    def handle(self, *args, **options):
        rebuilt = published.rebuild_stale(force=options["all"])
        for name in rebuilt:
            self.stdout.write(f"published {name}")
        self.stdout.write(f"{len(rebuilt)} file(s) changed.")
