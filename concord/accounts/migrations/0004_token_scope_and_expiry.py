"""API tokens get a scope and an optional expiry date. The tokens that exist were made when every
token could write and never expired: they become read-write with no expiry (the column is added
with that default, then new tokens default to read-only)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_token_name_and_account_messages'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_on',
            field=models.DateField(blank=True, error_messages={'invalid': 'Enter a date such as 2027-12-31.'}, help_text='Optional: the token stops working after this day. Leave empty for no expiry.', null=True, verbose_name='Expires on'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('read_write', 'Read and write')], default='read_write', max_length=10),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('read_write', 'Read and write')], default='read', error_messages={'invalid_choice': 'Choose read or read_write.'}, help_text='A read-only token may only read (GET); a read-write token may also make changes.', max_length=10),
        ),
    ]
