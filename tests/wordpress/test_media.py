"""Where a photo's file may come from (articles/wordpress/media.py): the export is
untrusted, so neither its paths nor its addresses may reach what they should not."""

import pytest

from articles.wordpress import media


def test_a_file_is_read_from_the_media_folder_only(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024").mkdir(parents=True)
    (uploads / "2024" / "a.jpg").write_bytes(b"photo")
    (tmp_path / "secret.txt").write_text("secret")
    assert media.read_from_folder(uploads, "2024/a.jpg") == b"photo"
    with pytest.raises(media.MediaError, match="outside the media folder"):
        media.read_from_folder(uploads, "../secret.txt")
    with pytest.raises(media.MediaError, match="not in the media folder"):
        media.read_from_folder(uploads, "2024/b.jpg")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/wp-content/uploads/a.jpg", "not a public address"),
        ("http://localhost/a.jpg", "not a public address"),
        ("http://169.254.169.254/latest/meta-data/", "not a public address"),
        ("http://10.0.0.5/a.jpg", "not a public address"),
        ("file:///etc/passwd", "no http"),
        ("ftp://example.com/a.jpg", "no http"),
    ],
)
def test_fetching_refuses_what_is_not_a_public_http_address(url, reason):
    with pytest.raises(media.MediaError, match=reason):
        media.fetch(url)


def test_the_upload_path_comes_from_the_attachment():
    assert media.upload_path("2024/05/a.jpg", "https://x.example/other.jpg") == "2024/05/a.jpg"
    url = "https://x.example/wp-content/uploads/2024/05/%d8%a3.jpg"
    assert media.upload_path("", url) == "2024/05/أ.jpg"
    assert media.is_image("2024/05/a.JPEG") and not media.is_image("2024/05/a.pdf")
