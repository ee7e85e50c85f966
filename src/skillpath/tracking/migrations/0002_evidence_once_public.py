"""Evidence links: one of each address per topic (later copies of a link saved twice are
removed, the first kept), a public flag, and the learner's public progress page."""

import django.db.models.deletion
import skillpath.tracking.models
from django.conf import settings
from django.db import migrations, models


def remove_later_copies(apps, schema_editor):
    """Keep the first of each (progress, url); the unique constraint below needs it."""
    EvidenceLink = apps.get_model("tracking", "EvidenceLink")
    seen: set[tuple[int, str]] = set()
    later: list[int] = []
    rows = EvidenceLink.objects.order_by("progress_id", "url", "created_at", "id")
    for pk, progress_id, url in rows.values_list("id", "progress_id", "url").iterator():
        if (progress_id, url) in seen:
            later.append(pk)
        else:
            seen.add((progress_id, url))
    for start in range(0, len(later), 500):
        EvidenceLink.objects.filter(pk__in=later[start : start + 500]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('tracking', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PublicPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_enabled', models.BooleanField(default=False)),
                ('token', models.CharField(default=skillpath.tracking.models.new_public_token, max_length=64, unique=True)),
                ('display_name', models.CharField(blank=True, max_length=80)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AlterModelOptions(
            name='evidencelink',
            options={'ordering': ['created_at', 'id']},
        ),
        migrations.AddField(
            model_name='evidencelink',
            name='is_public',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(remove_later_copies, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name='evidencelink',
            constraint=models.UniqueConstraint(fields=('progress', 'url'), name='tracking_evidence_once'),
        ),
        migrations.AddField(
            model_name='publicpage',
            name='learner',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='public_page', to=settings.AUTH_USER_MODEL),
        ),
    ]
