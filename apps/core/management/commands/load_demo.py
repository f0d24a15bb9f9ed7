from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from apps.core.apps import portal_apps


class Command(BaseCommand):
    help = "Load the Son La demo data (idempotent: running it again duplicates nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION or not settings.DEMO_MODE:
            raise CommandError("Demo data is for demo mode only (DJANGO_ENV is production).")
        with transaction.atomic():
            for config in portal_apps():
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        # The open data and feeds, built now so a fresh site serves them at once.
        call_command("publish", stdout=self.stdout)
