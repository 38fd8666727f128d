"""An import of the fixture export (fixtures/newsroom.xml), with the photo files it has."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.cache.conftest import key_prefix, redis_page_cache  # noqa: F401 (used here)
from tests.photos.files import encode, jpeg_with_gps, landscape

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "newsroom.xml"
DEFAULT_CREDIT = "أرشيف أخبار المدينة"


def run_import(*args, **options):
    """The command's output; it raises CommandError as the command line would show it."""
    out = io.StringIO()
    call_command("import_wordpress", *map(str, args), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def media_dir(tmp_path):
    """A copy of the old site's wp-content/uploads with two of its three photos: the third
    (2024/05/mafqud.jpg) is missing, as files are after a move."""
    folder = tmp_path / "uploads"
    (folder / "2024" / "05").mkdir(parents=True)
    # Taken on its side, with the camera's make and where it was taken (GPS).
    (folder / "2024" / "05" / "qimma.jpg").write_bytes(jpeg_with_gps((900, 1600)))
    (folder / "2024" / "05" / "malaab.png").write_bytes(encode(landscape(color="green"), "PNG"))
    return folder


@pytest.fixture
def imported(db, media_dir):
    """The fixture export imported once; the command's output."""
    return run_import(EXPORT, media_dir=str(media_dir), default_credit=DEFAULT_CREDIT)
