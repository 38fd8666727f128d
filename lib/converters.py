class UnicodeSlugConverter:
    """Like Django's <slug:> but for `allow_unicode` slugs such as "قمة-باريس"."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class UsernameConverter:
    """The characters Django's username validator allows."""

    regex = r"[\w.@+-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
