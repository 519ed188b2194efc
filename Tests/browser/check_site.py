#!/usr/bin/python3
"""Opens pages of a generated speclens site in headless Chromium, as a reader would.

For each page: the DOM (--dump-dom) must load, contain at least one chart (an inline <svg>, or an
<img> of an SVG file in the gallery), and every local resource it references (<img src>,
<object data>, <link href>, <a href> to files) must exist;
Chromium must log no console message (a static page without scripts has none, and failed resource
loads are reported there); a screenshot must not be blank (not all one colour).
Standard library only: the PNG is decoded with zlib here.

Usage: check_site.py PAGE.html [PAGE.html ...]
"""
import html.parser
import os
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def chromium(args, profile):
    flags = [CHROMIUM, "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
             "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")
    result = subprocess.run(flags + args, capture_output=True, timeout=120)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


class References(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        for name in {"img": ["src"], "object": ["data"], "link": ["href"], "a": ["href"],
                     "script": ["src"], "iframe": ["src"], "source": ["src"]}.get(tag, []):
            if attrs.get(name):
                self.refs.append((tag, attrs[name]))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_pixels(path):
    """(width, height, bytes per pixel, list of unfiltered rows) of an 8-bit non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in (0, 2, 4, 6):
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, colour, interlace))
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upper_left = previous[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + paeth(left, previous[i], upper_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def blank(path):
    """Whether the screenshot is (almost) a single colour."""
    width, height, bpp, rows = png_pixels(path)
    counts = {}
    total = 0
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            pixel = row[x:x + bpp]
            counts[pixel] = counts.get(pixel, 0) + 1
            total += 1
    return len(counts) < 2 or max(counts.values()) > 0.995 * total, len(counts)


def check(page, profile, shots):
    problems = []
    page = os.path.abspath(page)
    url = "file://" + urllib.parse.quote(page)
    folder = os.path.dirname(page)
    code, dom, log = chromium(["--dump-dom", url], profile)
    if code != 0 or "<html" not in dom:
        problems.append("the page did not load (exit %d)" % code)
    for line in log.splitlines():
        if "CONSOLE" in line or (":ERROR:" in line and ("file://" in line or os.path.basename(page) in line)):
            problems.append("console: " + line.strip())
    refs = References()
    refs.feed(dom)
    if refs.svgs == 0 and not any(tag == "img" and ref.endswith(".svg") for tag, ref in refs.refs):
        problems.append("no chart in the DOM (inline <svg> or <img> of an SVG file)")
    for tag, ref in refs.refs:
        parsed = urllib.parse.urlparse(ref)
        if tag == "link" and parsed.scheme in ("http", "https") and "canonical" in dom:
            continue  # <link rel="canonical"> under --base-url
        if parsed.scheme or ref.startswith("//"):
            problems.append("<%s> refers outside the site: %s" % (tag, ref))
            continue
        if not parsed.path:
            continue  # an anchor in the page
        target = os.path.normpath(os.path.join(folder, urllib.parse.unquote(parsed.path)))
        if not os.path.isfile(target):
            problems.append("<%s> refers to a missing file: %s" % (tag, ref))
    shot = os.path.join(shots, os.path.basename(page) + ".png")
    code, _, log = chromium(["--window-size=1000,1400", "--screenshot=" + shot, url], profile)
    if not os.path.isfile(shot):
        problems.append("no screenshot (exit %d)" % code)
    else:
        is_blank, colours = blank(shot)
        if is_blank:
            problems.append("the screenshot is blank (%d colours)" % colours)
    for line in log.splitlines():
        if "CONSOLE" in line:
            problems.append("console: " + line.strip())
    return problems


def main(pages):
    if not pages:
        print(__doc__)
        return 2
    failed = False
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as shots:
        for page in pages:
            problems = check(page, profile, shots)
            for problem in problems:
                print("FAIL %s: %s" % (page, problem))
            if problems:
                failed = True
            else:
                print("ok   %s (loads, resources present, no console message, screenshot not blank)" % page)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
