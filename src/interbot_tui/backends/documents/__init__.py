"""Resume and job-description files read to text: `reader.py` (`read_document`, `Document`,
`DocumentError`), with `pdf_text.py` (pypdf) and `docx_text.py` (python-docx) imported only when
such a file is read. What the text says is parsed in `core/documents/`."""

from interbot_tui.backends.documents.reader import Document, DocumentError, read_document

__all__ = ["Document", "DocumentError", "read_document"]
