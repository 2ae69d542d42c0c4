# path: server/inventory/migrations/0004_auto_20160419_1509.py
# A Django data migration: applied once, on the rows of its day.
import yaml


def forwards(apps, schema_editor):
    Probe = apps.get_model("inventory", "Probe")
    for probe in Probe.objects.all():
        # ok: python-standards/yaml-load
        body = yaml.load(probe.body)
        probe.save()
