"""Reading pages in tests as a person does."""

import html
import re


def text_of(response) -> str:
    """The page's words as a person reads them: no markup, entities decoded, one space."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
