# path: package/management/commands/check_package_examples.py
# A Django management command reports to the console of the person who ran `manage.py` (djangopackages)
from django.core.management.base import BaseCommand
from rich import print


class Command(BaseCommand):
    help = "Prints out stats about package examples"

    def handle(self, *args, **options):
        # ok: python-standards/debug-print
        print(f"{PackageExample.objects.filter(active=None).count()=}")
