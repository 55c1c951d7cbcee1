"""Reading resume and job files: real PDFs (written byte by byte, and with pypdf), DOCX built with
python-docx, text in several encodings, and every file that cannot be read."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from interbot_tui.backends.documents import DocumentError, read_document
from interbot_tui.backends.documents.reader import clean_text, size_text


def _pdf(*lines: str) -> bytes:
    """A one-page PDF with `lines` in Helvetica, its xref table computed."""
    shown = " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj 0 -16 Td"
        for line in lines
    )
    content = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(_pdf("Ada Lovelace", "Analytical engines")))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- PDF


def test_a_pdf_gives_its_text_lines_and_page_count(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.pdf", _pdf("Ada Lovelace", "Senior Data Engineer (2021-2024)"))
    document = read_document(path)
    assert document.format == "pdf"
    assert document.pages == 1
    assert document.text.splitlines() == ["Ada Lovelace", "Senior Data Engineer (2021-2024)"]
    assert not document.truncated
    assert document.path == path


def test_a_pdf_is_recognised_by_its_bytes_whatever_its_name(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "resume", _pdf("Python and Kafka")))
    assert (document.format, document.text) == ("pdf", "Python and Kafka")


def test_a_pdf_encrypted_without_a_user_password_opens(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "open.pdf", _encrypted("")))
    assert "Ada Lovelace" in document.text


def test_a_password_protected_pdf_says_to_remove_the_password(tmp_path: Path) -> None:
    path = _write(tmp_path, "locked.pdf", _encrypted("s3cret"))
    with pytest.raises(DocumentError, match="password-protected") as caught:
        read_document(path)
    assert str(path) in str(caught.value)
    assert "without the password" in str(caught.value)


def test_a_pdf_with_no_text_layer_reads_as_a_scan(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    path = _write(tmp_path, "scan.pdf", out.getvalue())
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path} has no text layer (a scanned image?): export it from your editor as PDF with "
        "text, or save it as .txt"
    )


def test_a_pdf_with_only_a_page_number_is_still_a_scan(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(_write(tmp_path, "scan.pdf", _pdf("1")))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is not a PDF at all\n", b"plain words in a file named .pdf"],
    ids=["garbage after the header", "text named .pdf"],
)
def test_a_broken_pdf_says_it_may_be_damaged(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "broken.pdf", data)
    with pytest.raises(DocumentError, match="could not be read as a PDF") as caught:
        read_document(path)
    assert str(path) in str(caught.value)
    assert "save it again as PDF" in str(caught.value)


def test_a_truncated_pdf_is_an_error_not_a_crash(tmp_path: Path) -> None:
    data = _pdf("Ada Lovelace", "Python")
    path = _write(tmp_path, "cut.pdf", data[: len(data) // 3])
    with pytest.raises(DocumentError, match=str(path)):
        read_document(path)


# --- DOCX


def _docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Ada Lovelace", level=1)
    document.add_paragraph("Data engineer in London.")
    document.add_heading("Experience", level=2)
    table = document.add_table(rows=2, cols=3)
    for row, cells in enumerate(
        [("Senior Data Engineer", "Acme", "2021-2024"), ("Data Engineer", "Initech", "2018-2021")]
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph("Cut latency by 40% with Kafka", style="List Bullet")
    document.add_paragraph("Skills: Python, SQL")
    path = tmp_path / "cv.docx"
    document.save(str(path))
    return path


def test_a_docx_gives_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    document = read_document(_docx(tmp_path))
    assert document.format == "docx"
    assert document.pages is None
    assert document.text.splitlines() == [
        "# Ada Lovelace",
        "Data engineer in London.",
        "## Experience",
        "Senior Data Engineer | Acme | 2021-2024",
        "Data Engineer | Initech | 2018-2021",
        "- Cut latency by 40% with Kafka",
        "Skills: Python, SQL",
    ]


def test_the_page_header_comes_first(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Ada Lovelace · ada@example.com"
    document.add_paragraph("Experience")
    path = tmp_path / "header.docx"
    document.save(str(path))
    assert read_document(path).text == "Ada Lovelace · ada@example.com\nExperience"


def test_a_merged_table_cell_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Senior Data Engineer"
    table.cell(0, 2).text = "2021-2024"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_document(path).text == "Senior Data Engineer | 2021-2024"


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 not really a zip", b"just some text"], ids=["bad zip", "text"]
)
def test_a_broken_docx_says_to_save_it_again(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "broken.docx", data)
    with pytest.raises(DocumentError, match="could not be read as a Word document") as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_a_password_protected_office_file_is_named_as_such(tmp_path: Path) -> None:
    path = _write(tmp_path, "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(DocumentError, match="password-protected or an old-format Word file"):
        read_document(path)


def test_an_old_doc_file_says_to_save_as_docx(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.doc", b"{\\rtf1 not really}")
    with pytest.raises(
        DocumentError, match=r"old-format Word file \(\.doc\).*PDF, \.docx or \.txt"
    ):
        read_document(path, what="resume")


# --- text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café résumé – naïve".encode(), "Café résumé – naïve"),
        (b"\xef\xbb\xbf" + "Café".encode(), "Café"),
        ("Café résumé – naïve".encode("cp1252"), "Café résumé – naïve"),
        (b"caf\xe9 \x81", "café"),  # 0x81 is no cp1252 character: latin-1, then a control
        ("Café".encode("utf-16"), "Café"),
    ],
    ids=["utf-8", "utf-8 with BOM", "cp1252", "latin-1", "utf-16 with BOM"],
)
def test_text_in_common_encodings_is_decoded(tmp_path: Path, data: bytes, expected: str) -> None:
    assert read_document(_write(tmp_path, "cv.txt", data)).text == expected


def test_markdown_and_text_formats_come_from_the_suffix(tmp_path: Path) -> None:
    assert read_document(_write(tmp_path, "cv.md", b"# Ada")).format == "markdown"
    assert read_document(_write(tmp_path, "cv.markdown", b"# Ada")).format == "markdown"
    assert read_document(_write(tmp_path, "cv.txt", b"Ada")).format == "text"
    assert read_document(_write(tmp_path, "cv.cv", b"Ada")).format == "text"


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.txt", b"Ada\x00\x01\x02 Lovelace")
    with pytest.raises(DocumentError, match="is a binary file, not text: save the document as"):
        read_document(path)


def test_escape_sequences_and_control_characters_are_stripped_newlines_kept(
    tmp_path: Path,
) -> None:
    data = (
        "\x1b[31mAda\x1b[0m  Lovelace\x07\r\n\r\n\r\n\r\n\tPython,\u00a0SQL ﬁle\x1b]0;title\x07\n"
    )
    document = read_document(_write(tmp_path, "cv.txt", data.encode()))
    assert document.text == "Ada Lovelace\n\nPython, SQL file"


def test_clean_text_collapses_spaces_and_blank_lines() -> None:
    assert clean_text("  a \t b  \n\n\n\n c\u200b d \f e") == "a b\n\nc d\ne"


def test_long_text_is_cut_at_a_word_and_marked(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.txt", ("Kafka streams " * 50).encode())
    document = read_document(path, max_chars=60)
    assert document.truncated
    assert len(document.text) <= 60
    assert document.text.endswith(("Kafka", "streams"))
    assert "first 5" in document.note and "long.txt" in document.note
    assert read_document(path).note == ""


def test_text_cut_before_cleaning_is_still_marked_truncated(tmp_path: Path) -> None:
    path = _write(tmp_path, "spaces.txt", b"Ada" + b" " * 500 + b"Lovelace")
    document = read_document(path, max_chars=100)
    assert (document.text, document.truncated) == ("Ada", True)


# --- files that cannot be read at all


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.pdf"
    with pytest.raises(DocumentError, match="does not exist: check the path") as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is a folder: give the resume file inside it"):
        read_document(tmp_path, what="resume")


@pytest.mark.parametrize("data", [b"", b"  \n\n "], ids=["empty", "blank"])
def test_an_empty_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError, match="is empty"):
        read_document(_write(tmp_path, "cv.txt", data))


def test_a_file_over_the_size_limit_names_both_sizes(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.pdf", b"x" * 2_500)
    with pytest.raises(DocumentError) as caught:
        read_document(path, max_bytes=1_000, what="resume")
    assert str(caught.value) == (
        f"{path} is 2.5 KB; the limit is 1 KB: save the resume as a shorter PDF or as text"
    )


def test_sizes_read_as_people_say_them() -> None:
    assert size_text(23_400_000) == "23 MB"
    assert size_text(10_000_000) == "10 MB"
    assert size_text(1_500_000) == "1.5 MB"
    assert size_text(999) == "999 bytes"


def test_equal_looking_sizes_fall_back_to_bytes(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is 1,020 bytes; the limit is 1,000 bytes"):
        read_document(_write(tmp_path, "cv.txt", b"x" * 1_020), max_bytes=1_000)


def test_an_unreadable_file_says_to_fix_its_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "cv.txt", b"Ada")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(DocumentError, match=r"permission denied\): make it readable"):
        read_document(path)


def test_document_error_is_a_value_error() -> None:
    assert issubclass(DocumentError, ValueError)
