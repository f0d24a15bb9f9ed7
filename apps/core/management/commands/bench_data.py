from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule

from apps.core.apps import portal_apps


class Command(BaseCommand):
    help = "Load the demo data, then grow it to SCALE times its size for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="1 (demo), 10 or 100")

    def handle(self, *args, scale, **options):
        if scale < 1 or scale > 1000:
            raise CommandError("--scale must be between 1 and 1000")
        call_command("load_demo", stdout=self.stdout)
        if scale == 1:
            return
        for config in portal_apps():
            if module_has_submodule(config.module, "demo"):
                demo = import_module(f"{config.name}.demo")
                if hasattr(demo, "scale"):
                    demo.scale(scale - 1, self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Data grown to x{scale}."))
