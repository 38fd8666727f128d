"""An optional SEO title and description per story, which search results and shared links
show instead of the headline and standfirst (#14)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_search_synonyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="seo_title",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Optional: the title search results and shared links show instead of the "
                    "headline. Best under 60 characters."
                ),
                max_length=100,
                verbose_name="SEO title",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="seo_description",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Optional: the description search results and shared links show instead "
                    "of the standfirst. Best under 160 characters."
                ),
                max_length=300,
                verbose_name="SEO description",
            ),
        ),
    ]
