"""Draws icon.png (128x128): four tally marks struck through, white on a blue rounded square.

Plain Python (zlib, struct): run `python3 make-icon.py` here to redraw it. The PNG is checked in; the build uses it.
"""
import struct
import zlib

SIZE = 128
BLUE = (31, 94, 170, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def inside_rounded_square(x, y, radius=22):
    cx = min(max(x, radius), SIZE - 1 - radius)
    cy = min(max(y, radius), SIZE - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def on_segment(x, y, ax, ay, bx, by, half_width):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / float(dx * dx + dy * dy)))
    px, py = ax + t * dx, ay + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= half_width ** 2


MARKS = [(34 + 17 * i, 30, 34 + 17 * i, 98) for i in range(4)]
STRIKE = (22, 88, 106, 40)


def pixel(x, y):
    if not inside_rounded_square(x, y):
        return CLEAR
    if any(on_segment(x, y, *m, half_width=4.5) for m in MARKS) or on_segment(x, y, *STRIKE, half_width=5):
        return WHITE
    return BLUE


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9))
       + chunk(b"IEND", b""))
with open("icon.png", "wb") as f:
    f.write(png)
