"""Small input files built in the tests: a PDF with a text layer, a news page, feeds, archives."""

from __future__ import annotations

import io
import struct
import zipfile

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Rebels shell river port, officials say | The Coastal Ledger</title>
  <meta property="og:site_name" content="The Coastal Ledger">
  <meta property="og:title" content="Rebels shell river port, officials say">
  <meta property="article:published_time" content="2024-03-02T07:45:00+00:00">
  <link rel="canonical" href="https://ledger.example/world/2024/03/02/river-port-shelling">
  <script>window.dataLayer = [{"section": "world"}];</script>
  <style>.ad { border: 1px solid #ccc }</style>
</head>
<body>
  <header>
    <nav class="top-menu">
      <ul>
        <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
        <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
        <li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
    <div class="ad banner" id="ad-top">Advertisement: Holiday flights from 49 dollars. Book today!</div>
  </header>
  <main>
    <article class="story">
      <h1>Rebels shell river port, officials say</h1>
      <p class="byline">By a staff reporter · 2 March 2024</p>
      <p>Rebel fighters shelled the river port of Marenvale on Friday night, destroying two warehouses
      and killing at least four dock workers, the provincial governor said on Saturday.</p>
      <p>The governor told reporters that the army had sent reinforcements to the port and that the
      harbour would stay closed until the damage was assessed.</p>
      <p>A spokesman for the rebel movement denied that its units were near the port and accused the
      government of staging the attack to justify a new offensive.</p>
      <div class="ad inline-ad">Advertisement: Subscribe for unlimited access to every story.</div>
      <p>Aid agencies said hundreds of families had left the district since the start of the week,
      most of them heading for the regional capital.</p>
    </article>
    <aside class="related">
      <h3>Related stories</h3>
      <ul>
        <li><a href="/world/1">Police arrest ten after stadium riot in the capital</a></li>
        <li><a href="/world/2">Ministers sign trade pact with neighbouring states</a></li>
        <li><a href="/world/3">Protesters block highway over fuel prices</a></li>
      </ul>
    </aside>
    <aside class="most-read">
      <h3>Most read</h3>
      <ol><li><a href="/sport/1">Local club wins the cup after extra time</a></li></ol>
    </aside>
  </main>
  <footer>
    <p>© 2024 The Coastal Ledger. All rights reserved.</p>
    <nav><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact</a></nav>
  </footer>
</body>
</html>
"""
"""A news page with navigation, ads, a related-stories sidebar and a footer around one article."""

SIDEBAR_HEADLINES = (
    "Police arrest ten after stadium riot",
    "Ministers sign trade pact",
    "Protesters block highway",
    "Local club wins the cup",
    "Holiday flights",
    "Subscribe for unlimited access",
)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Frontier Wire</title>
  <link>https://wire.example/</link>
  <description>Regional news</description>
  <item>
    <title>Border guards detain smugglers</title>
    <link>https://wire.example/a/1</link>
    <pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
    <description><![CDATA[<p>Border guards detained six men carrying fuel across the river on
    Monday, a police official said.</p><p>The men were taken to the district jail.</p>]]></description>
  </item>
  <item>
    <title>Council approves new bridge</title>
    <link>https://wire.example/a/2</link>
    <pubDate>Wed, 06 Mar 2024 11:00:00 GMT</pubDate>
    <description>The town council approved funding for a second bridge over the canal.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Delta Observer</title>
  <id>urn:example:delta</id>
  <updated>2024-04-01T00:00:00Z</updated>
  <entry>
    <title>Farmers march on the ministry</title>
    <link href="https://delta.example/news/farmers"/>
    <id>urn:example:delta:1</id>
    <published>2024-03-28T14:00:00Z</published>
    <updated>2024-03-29T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Thousands of farmers marched to the agriculture ministry on
    Thursday to demand higher prices for wheat.&lt;/p&gt;</content>
  </entry>
</feed>
"""

SPANISH = (
    "La policía detuvo el martes a tres hombres acusados de atacar una comisaría en el norte del país, "
    "según informó el ministerio del Interior en un comunicado. Los detenidos serán trasladados a la "
    "capital para ser interrogados por los fiscales."
)
ARABIC = (
    "قالت مصادر أمنية إن مسلحين مجهولين هاجموا نقطة تفتيش للشرطة على الطريق الرئيسي مساء الخميس، "
    "مما أدى إلى إصابة ثلاثة من عناصر الأمن. وأضافت المصادر أن قوات إضافية أرسلت إلى المنطقة."
)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A valid PDF whose pages carry ``pages`` as text (one line per line); '' gives a page with none."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    info_id = font_id + 1
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, text in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        lines = [line for line in text.split("\n") if line] if text else []
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 740 Td"]
        for line in lines:
            ops.append(f"({_pdf_string(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1") if lines else b""
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = []
    if title:
        info.append(f"/Title ({_pdf_string(title)})")
    if created:
        info.append(f"/CreationDate ({created})")
    objects.append(("<< " + " ".join(info) + " >>").encode("latin-1"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, info_id, xref)
    )
    return out.getvalue()


def zip_declaring(name: str, data: bytes, declared: int) -> bytes:
    """A ZIP of one member whose headers claim ``declared`` uncompressed bytes (a lie)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    raw = bytearray(buf.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.find(signature)
        struct.pack_into("<I", raw, at + offset, declared)
    return bytes(raw)
