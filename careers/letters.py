"""An attendance letter as a PDF, from the words kept on the record when it was issued."""

from volunteers.pdf import document_pdf


def letter_pdf(action) -> bytes:
    return document_pdf(
        heading="Hertfordshire Constabulary · Special Constabulary",
        paragraphs=action.body.split("\n\n"),
        title=f"{action.get_stage_display()}: {action.volunteer}",
        author="Special Constabulary, Hertfordshire Constabulary",
    )
