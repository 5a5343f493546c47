"""Hostile inputs the tests generate: compression bombs, files that unpack to huge structures, and a web
server on loopback that sends them, drips bytes, or answers with broken headers."""

from __future__ import annotations

import gzip
import io
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

GIB = 1 << 30
_MIB_OF_ZEROS = bytes(1 << 20)
ARTICLE_TEXT = (
    'Mayor Maria Delgado spoke at the docks on Thursday. "We will rebuild the seawall before the next storm '
    'season," Delgado said, to applause.'
)


def _stream_compress(
    compress: Callable[[bytes], bytes], finish: Callable[[], bytes], size: int, block: bytes = _MIB_OF_ZEROS
) -> bytes:
    """`size` bytes (repeats of `block`) through a streaming compressor, never holding them all."""
    out = io.BytesIO()
    for _ in range(size // len(block)):
        out.write(compress(block))
    out.write(finish())
    return out.getvalue()


def compression_bomb(coding: str, size: int = GIB) -> bytes:
    """A body that decodes, with Content-Encoding `coding`, to `size` zero bytes."""
    if coding in ("gzip", "deflate"):
        packer = zlib.compressobj(9, zlib.DEFLATED, 31 if coding == "gzip" else 15)
        return _stream_compress(packer.compress, packer.flush, size)
    if coding == "br":
        import brotli

        compressor = brotli.Compressor(quality=5)
        return _stream_compress(compressor.process, compressor.finish, size)
    if coding == "zstd":
        import zstandard

        zstd = zstandard.ZstdCompressor(level=19).compressobj()
        return _stream_compress(zstd.compress, zstd.flush, size)
    raise ValueError(coding)


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_of_empty_paragraphs(xml_bytes: int) -> bytes:
    """A .docx whose body is `xml_bytes` of empty paragraphs and one sentence, written as a stream."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b"><w:body>")
            block = b"<w:p/>" * (1 << 17)
            for _ in range(xml_bytes // len(block)):
                part.write(block)
            part.write(b"<w:p><w:r><w:t>Hello there, the only sentence.</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def pdf_with_packed_content(packed: bytes) -> bytes:
    """A one-page PDF whose page content stream is `packed` (Flate-compressed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_with_huge_stream(size: int = GIB) -> bytes:
    """A PDF whose one content stream inflates to `size` bytes (one line of text, then spaces)."""
    packer = zlib.compressobj(9)
    head = packer.compress(b"BT /F1 12 Tf 72 712 Td (Hello there.) Tj ET\n")
    spaces = b" " * len(_MIB_OF_ZEROS)
    return pdf_with_packed_content(head + _stream_compress(packer.compress, packer.flush, size, spaces))


def pdf_of_many_operators(count: int) -> bytes:
    """A PDF whose page draws `count` empty paths: a small file that parses into millions of tokens."""
    content = b"BT /F1 12 Tf 72 712 Td (Hello there.) Tj ET\n" + b"0 0 m\n" * count
    return pdf_with_packed_content(zlib.compress(content, 9))


def html_of_empty_paragraphs(size: int) -> bytes:
    """An HTML page of `size` bytes of empty paragraphs and one sentence."""
    return b"<html><body>" + b"<p></p>" * (size // 7) + b"<p>" + ARTICLE_TEXT.encode() + b"</p></body></html>"


def captions_of_many_cues(count: int, kind: str = "vtt") -> bytes:
    """WebVTT or SRT captions of `count` one-word cues."""
    if kind == "vtt":
        return b"WEBVTT\n\n" + b"00:00:01.000 --> 00:00:02.000\nhi\n\n" * count
    return b"".join(b"%d\n00:00:01,000 --> 00:00:02,000\nhi\n\n" % (n + 1) for n in range(count))


class Site(BaseHTTPRequestHandler):
    """A quiet handler with a helper to send one whole answer."""

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, media: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


class HostileSite(Site):
    """Pages that misbehave: bombs, drips, unknown charsets, malformed redirects, and one good article."""

    bombs: ClassVar[dict[str, bytes]] = {}
    drip_seconds = 120

    def do_GET(self) -> None:
        path = self.path
        try:
            if path == "/article":
                self._send(200, f"<html><body><p>{ARTICLE_TEXT}</p></body></html>".encode())
            elif path == "/gzip-article":
                self._send(200, gzip.compress(f"<html><body><p>{ARTICLE_TEXT}</p></body></html>".encode()),
                           Content_Encoding="gzip")  # fmt: skip
            elif path.startswith("/bomb/"):
                coding = path.removeprefix("/bomb/")
                self._send(200, self.bombs[coding], Content_Encoding=coding)
            elif path == "/charset":
                self._send(200, ARTICLE_TEXT.encode(), "text/plain; charset=x-no-such-charset")
            elif path == "/bad-redirect":
                self._send(302, b"", Location="http://[::1/")
            elif path == "/drip":
                self._drip_body()
            elif path == "/drip-headers":
                self._drip_headers()
            else:
                self._send(404, b"not here")
        except OSError:
            pass  # the client gave up, as it should

    def _drip_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.flush()
        for _ in range(self.drip_seconds):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def _drip_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(self.drip_seconds):
            self.wfile.write(b"X")
            self.wfile.flush()
            time.sleep(1)


@contextmanager
def hostile_site(bombs: dict[str, bytes]) -> Iterator[str]:
    """The hostile site on a loopback port; yields its base URL."""
    handler = type("Site", (HostileSite,), {"bombs": bombs})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def memory_kib(pid: int, field: str) -> int:
    """A process's VmRSS or VmHWM (its peak) in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def reset_peak(pid: int) -> None:
    """Start a new peak-RSS measurement for the process (Linux: writing 5 to clear_refs resets VmHWM)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
