import io

import pytest
from django.core.management import call_command

from articles.models import Article

GENERATED = 200


def generate(count=GENERATED, **options):
    output = io.StringIO()
    options = {"photos": 1, "authors": 5, "tags": 300, "seed": 7, **options}
    call_command("generate_content", articles=count, stdout=output, **options)
    return output.getvalue()


@pytest.fixture
def generated(db):
    """200 generated stories (seeded: every run makes the same ones), one shared photo."""
    generate()
    return Article.objects.all()
