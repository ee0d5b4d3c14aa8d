# Membership and Party move here from the organisations and partnerships apps (same tables, same
# rows): the state is created here and deleted there, the database is not touched. Content types
# follow, so the audit trail of memberships and parties keeps pointing at them.

import django.db.models.deletion
import django.db.models.manager
from django.conf import settings
from django.db import migrations, models

MOVED = [("organisations", "membership"), ("partnerships", "party")]


def _move(apps, schema_editor, *, back):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model in MOVED:
        source, target = ("access", old_app) if back else (old_app, "access")
        if ContentType.objects.filter(app_label=source, model=model).exists():
            ContentType.objects.filter(app_label=target, model=model).delete()
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move(apps, schema_editor, back=False)


def move_content_types_back(apps, schema_editor):
    _move(apps, schema_editor, back=True)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('organisations', '0002_initial'),
        ('partnerships', '0002_partnership_check_in_every_days_and_more'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('admin', 'Admin'), ('member', 'Member'), ('viewer', 'Viewer')], default='member', max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.organisation')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'organisations_membership',
                'ordering': ['organisation__name', 'user__full_name'],
                'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='one_membership_per_org')],
            },
            managers=[
                ('unscoped', django.db.models.manager.Manager()),
            ],
        ),
        migrations.CreateModel(
            name='Party',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('side', models.CharField(choices=[('buyer', 'Buyer'), ('supplier', 'Supplier')], max_length=10)),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='managed_parties', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='parties', to='organisations.organisation')),
                ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parties', to='partnerships.partnership')),
            ],
            options={
                'db_table': 'partnerships_party',
                'ordering': ['side', 'organisation__name'],
                'constraints': [models.UniqueConstraint(fields=('partnership', 'organisation'), name='one_party_per_org')],
            },
            managers=[
                ('unscoped', django.db.models.manager.Manager()),
            ],
        ),
        ], database_operations=[]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
