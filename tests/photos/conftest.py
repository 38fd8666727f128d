import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


def files_under(folder):
    """Every file stored under a folder, as paths relative to it."""
    if not folder.exists():
        return []
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.fixture
def stored_files(media_root):
    return lambda: files_under(media_root)


@pytest.fixture
def photo_desk(db):
    """A staff member who may add, change and see photos, and nothing else."""
    user = UserFactory(username="photo-desk", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["add_image", "change_image", "view_image"],
        )
    )
    return user


@pytest.fixture
def photo_desk_client(client, photo_desk):
    client.force_login(photo_desk)
    return client
