from urllib.parse import quote

from django import template

register = template.Library()

# (network, label, icon, address pattern); {url} and {title} are percent-encoded.
SHARE_NETWORKS = [
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("twitter", "X/Twitter", "https://twitter.com/intent/tweet?url={url}&text={title}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={title}%20{url}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("email", "Email", "mailto:?subject={title}&body={url}"),
]


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, article):
    """Plain share links built from the story's canonical address: no third-party script.

    Usage: {% share_links article %}
    """
    request = context["request"]
    url = quote(request.build_absolute_uri(article.get_absolute_url()), safe="")
    title = quote(article.title, safe="")
    return {
        "share_links": [
            {
                "network": network,
                "label": label,
                "icon": f"icons/{network}.svg",
                "url": pattern.format(url=url, title=title),
            }
            for network, label, pattern in SHARE_NETWORKS
        ]
    }
