"""Source files the tests write themselves: an official web page, a PDF, a Word file, captions."""

from __future__ import annotations

import io

STATEMENT = [
    "SACRAMENTO - Governor Maria Lopez issued the following statement today after the legislature passed "
    "the state budget.",
    "\u201cWe will not raise taxes this year. This budget is balanced and fair, and it protects the programs "
    "that working families rely on every single day.",
    "\u201cI want to thank the members of the legislature who worked through the night to reach this "
    "agreement. Our schools will receive the largest investment in a generation, and our roads and bridges "
    "will finally get the repairs they have needed for years.\u201d",
]
# Every sentence around the statement: none of these may reach the store.
BOILERPLATE = [
    "We use cookies to improve your experience on our website.",
    "By continuing to browse, you agree to our use of cookies.",
    "Accept all cookies",
    "Skip to main content",
    "About the Governor",
    "Contact Us",
    "Governor announces new wildfire prevention grants for rural counties",
    "Governor signs executive order on water conservation measures",
    "First Partner launches statewide literacy campaign for young readers",
    "Share this page on Facebook",
    "Copyright 2026 Office of the Governor. All rights reserved.",
    "Privacy Policy",
    "Sign up for our newsletter to receive the latest updates from the Governor's office.",
    "Was this page helpful?",
]


def official_page(statement: list[str] = STATEMENT, title: str = "Governor Lopez on the State Budget") -> str:
    """A government press page: a statement inside navigation, a cookie banner, related links and a footer."""
    b = BOILERPLATE
    paragraphs = "\n".join(f"<p>{p}</p>" for p in statement)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Office of the Governor</title>
<meta name="author" content="Maria Lopez">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2026-03-02T10:00:00Z">
<link rel="canonical" href="https://governor.example.gov/news/statement-budget">
<script>window.analytics = {{"track": true}};</script><style>.nav {{ color: navy; }}</style>
</head><body>
<a class="skip" href="#main">{b[3]}</a>
<div id="cookie-banner" class="cookie-consent" role="dialog"><p>{b[0]} {b[1]}</p><button>{b[2]}</button></div>
<header class="site-header"><a href="/"><img src="/seal.png" alt="Seal"></a>
<nav class="nav"><ul><li><a href="/">Home</a></li><li><a href="/news">Newsroom</a></li>
<li><a href="/about">{b[4]}</a></li><li><a href="/contact">{b[5]}</a></li></ul></nav></header>
<main id="main"><article class="press-release">
<h1>{title}</h1>
<p class="date">March 2, 2026</p>
{paragraphs}
<div class="share"><a href="https://facebook.example/share">{b[9]}</a></div>
</article></main>
<aside class="related"><h2>Related news</h2><ul>
<li><a href="/news/1">{b[6]}</a></li><li><a href="/news/2">{b[7]}</a></li><li><a href="/news/3">{b[8]}</a></li>
</ul></aside>
<section class="feedback"><p>{b[13]}</p><button>Yes</button><button>No</button></section>
<footer class="site-footer"><p>{b[10]}</p><p><a href="/privacy">{b[11]}</a> | <a href="/a11y">Accessibility</a></p>
<form><p>{b[12]}</p><input type="email"><button>Subscribe</button></form></footer>
</body></html>"""


def pdf_bytes(pages: list[str], header: str | None = None, numbered: bool = True, encrypt: str | None = None) -> bytes:
    """A PDF written by fpdf2: one body text per page, a running header and "Page N of M" footers."""
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 8, header, align="C")
                self.ln(12)

        def footer(self) -> None:
            if numbered:
                self.set_y(-15)
                self.set_font("Helvetica", size=9)
                self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Pdf()
    pdf.set_title("Hearing on the state budget")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    for body in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A one-page PDF with a drawing and no text layer, as a scan without OCR is."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(80, 80, 80)
    for row in range(20):
        pdf.rect(20, 20 + row * 12, 170, 6, style="F")
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str], title: str | None = None, table: list[list[str]] | None = None) -> bytes:
    """A Word file written by python-docx, with an optional table after the paragraphs."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


VTT = """WEBVTT

NOTE written by hand: voice tags, a roll-up repeat, ">>" speaker changes and sound descriptions

1
00:00:01.000 --> 00:00:04.000
<v Lester Holt>Good evening from Hofstra University
in Hempstead, New York.

2
00:00:04.500 --> 00:00:07.000
<v Lester Holt>I'm Lester Holt. Tonight we welcome Donald Trump and Hillary Clinton.</v>

3
00:00:07.500 --> 00:00:09.000
>> CLINTON: How are you, Donald?

4
00:00:09.500 --> 00:00:11.000
[APPLAUSE]

5
00:01:10.000 --> 00:01:13.000
>> TRUMP: We are going to bring jobs back
to this country.

6
00:01:13.000 --> 00:01:16.000
to this country.
Our jobs are fleeing the country right now.
"""

SRT = """1
00:00:02,000 --> 00:00:05,000
>> WARREN: I have a plan for that.

2
00:00:05,500 --> 00:00:08,000
<i>We need a wealth tax on the largest
fortunes in this country.</i>

3
00:12:30,000 --> 00:12:33,000
>> DELANEY: That plan will not work.
"""
