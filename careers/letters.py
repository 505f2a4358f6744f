"""An attendance letter as a PDF, from the words kept on the record when it was issued."""

from volunteers.pdf import document_pdf


def letter_pdf(action) -> bytes:
    return document_pdf(
        heading="Hertfordshire Constabulary · Special Constabulary",
        paragraphs=action.body.split("\n\n"),
        title=f"{action.get_stage_display()}: {action.volunteer}",
        author="Special Constabulary, Hertfordshire Constabulary",
    )


def from_salutation(body: str) -> list[str]:
    """The letter's paragraphs after "Dear ..." and before the signature: what its e-mail
    says (the e-mail greets the person itself; the address blocks and reference belong on
    paper)."""
    paragraphs = body.split("\n\n")
    start = next((i + 1 for i, p in enumerate(paragraphs) if p.startswith("Dear ")), 0)
    return paragraphs[start:-1]
