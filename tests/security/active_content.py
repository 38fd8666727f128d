"""Finds active content in a page, a feed or a sitemap by parsing it.

Active content is anything a browser (or a feed reader) would run or fetch on a reader's
behalf: a script other than a JSON-LD data block (or, on a whole page, one of our own
script files: OWN_SCRIPTS), an event-handler attribute, a
javascript:, vbscript: or data: address, a <base>, a refreshing <meta>, a frame, a plug-in,
a style sheet, or a resource from another host.
"""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
# Attributes whose value is an address a browser follows or fetches.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "data",
    "background", "ping", "cite", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc",
    "icon", "archive", "imagesrcset",
}  # fmt: skip
# Of those, the ones a browser fetches without a click: they must stay on our host.
FETCHED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc",
                      "imagesrcset", "codebase", "archive"}  # fmt: skip
FETCHED_LINK_RELS = {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}
FORBIDDEN_ELEMENTS = {
    "base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "style",
    "xmp", "plaintext", "listing", "noembed", "noframes", "isindex", "template", "svg",
    "math", "keygen", "param", "marquee",
}  # fmt: skip
FORBIDDEN_ATTRIBUTES = {"srcdoc", "formaction", "style", "xmlns", "xlink:href", "ping"}
JSON_LD = "application/ld+json"
ATOM = "http://www.w3.org/2005/Atom"
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(value):
    """The scheme a browser sees in an attribute's (already unescaped) value, lower-cased.

    As the URL standard parses: leading and trailing C0 controls and spaces go, and so do
    tabs and newlines anywhere.
    """
    cleaned = _TAB_OR_NEWLINE.sub("", value).strip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def srcset_urls(value):
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def is_own(url, own_hosts):
    """A relative address, or an absolute one on one of our hosts."""
    cleaned = _TAB_OR_NEWLINE.sub("", url).strip()
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return urlsplit("http:" + cleaned.replace("\\", "/")).netloc in own_hosts
    parts = urlsplit(cleaned)
    if not parts.scheme:
        return True
    return parts.scheme in ("http", "https") and parts.netloc in own_hosts


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, {attribute: value}, script text or None)
        self._script = None

    def handle_starttag(self, tag, attrs):
        element = [tag, attrs, None]
        self.elements.append(element)
        if tag == "script":
            element[2] = ""
            self._script = element

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script[2] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def problems_in_html(html, own_hosts, own_scripts=False):
    """Every piece of active content in an HTML page, described; an empty list if none.

    `own_scripts`: a whole page, where our own script files (OWN_SCRIPTS) are expected.
    """
    parser = _Elements()
    parser.feed(html)
    parser.close()
    problems = []
    for tag, attrs, script in parser.elements:
        names = [name for name, _ in attrs]
        values = dict(attrs)
        where = f"<{tag} {' '.join(names)}>"
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"forbidden element {where}")
        if tag == "script":
            problems.extend(_script_problems(values, script, where, own_hosts, own_scripts))
        if tag == "meta" and "http-equiv" in values:
            problems.append(f"http-equiv meta {where} {values}")
        if tag == "meta" and values.get("charset", "utf-8").lower() != "utf-8":
            problems.append(f"meta charset {values['charset']!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"event handler {name}={value!r} on {where}")
            if name in FORBIDDEN_ATTRIBUTES:
                problems.append(f"forbidden attribute {name}={value!r} on {where}")
            if name not in URL_ATTRIBUTES:
                continue
            urls = srcset_urls(value) if name.endswith("srcset") else [value]
            for url in urls:
                if url_scheme(url) in DANGEROUS_SCHEMES:
                    problems.append(f"{url_scheme(url)}: address in {name} on {where}")
                fetched = name in FETCHED_ATTRIBUTES or (
                    tag == "link"
                    and name == "href"
                    and FETCHED_LINK_RELS & set(values.get("rel", "").lower().split())
                )
                if fetched and not is_own(url, own_hosts):
                    problems.append(f"resource from another host: {name}={url!r} on {where}")
    return problems


# The script files of our own that reader pages load (issue 16: the read beacon, live
# updates), from our static files under their hashed names: never inline code.
OWN_SCRIPTS = re.compile(r"/static/js/(?:reads|live)(?:\.[0-9a-f]{12})?\.js")


def _script_problems(values, script, where, own_hosts, own_scripts=False):
    src = values.get("src")
    if (
        own_scripts
        and src is not None
        and not script.strip()
        and is_own(src, own_hosts)
        and OWN_SCRIPTS.fullmatch(urlsplit(src).path)
    ):
        return []
    if values.get("type", "").strip().lower() != JSON_LD:
        return [f"script {where}: {script[:80]!r}"]
    if "src" in values:
        return [f"JSON-LD with src {where}"]
    if "<" in script:
        # json_ld escapes "<" so that no text can close the element or open a comment.
        return [f"unescaped '<' inside JSON-LD: {script[:120]!r}"]
    try:
        json.loads(script)
    except ValueError as error:
        return [f"JSON-LD that is not JSON ({error}): {script[:120]!r}"]
    return []


def problems_in_xml(xml, own_hosts):
    """Active content in a feed or sitemap: it must be well-formed XML (else the payload
    broke out of its element), carry no (X)HTML, SVG or script elements, and link only to
    us. HTML carried as text (RSS descriptions, Atom summaries of type="html") is parsed as
    HTML and checked in turn."""
    problems = []
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    for element in root.iter():
        namespace, _, name = element.tag.rpartition("}")
        if name in FORBIDDEN_ELEMENTS | {"script", "html", "body", "img", "a", "div", "p"}:
            problems.append(f"element {element.tag} in XML")
        if namespace.lstrip("{") in ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"):
            problems.append(f"(X)HTML or SVG element {element.tag} in XML")
        for attribute, value in element.attrib.items():
            if attribute.rpartition("}")[2].startswith("on"):
                problems.append(f"event attribute {attribute} on {element.tag}")
            if attribute in ("href", "url") and not is_own(value, own_hosts):
                problems.append(f"link to another host {value!r} on {element.tag}")
        text = element.text or ""
        if (
            name in ("link", "loc", "guid", "id")
            and text.strip()
            and not is_own(text.strip(), own_hosts)
            and not text.startswith("tag:")
        ):
            problems.append(f"link to another host {text!r} in {element.tag}")
        if _carries_html(element, namespace.lstrip("{"), name) and text:
            problems.extend(f"in {element.tag}: {p}" for p in problems_in_html(text, own_hosts))
            if "<" in text:
                problems.append(f"markup inside {element.tag}: {text[:120]!r}")
    return problems


def _carries_html(element, namespace, name):
    """RSS descriptions are HTML by custom; Atom text constructs say so with type="html"."""
    if namespace == ATOM:
        return element.get("type") in ("html", "xhtml")
    return name == "description"


def html_text(fragment):
    """The text of an HTML fragment, as a reader sees it (whitespace collapsed)."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return squash("".join(parser.parts))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def squash(text):
    return " ".join((text or "").split())
