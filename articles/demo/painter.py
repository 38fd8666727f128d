"""The demo's photos, drawn with Pillow: an abstract news picture for each kind of scene.

Sections (``sections.json``) name a scene and a palette; a story may name another scene.
A picture has no text, so it suits any headline, and the same seed always draws the same
one, so the demo looks alike wherever it is loaded. ``load_demo`` draws one per story and
``generate_content`` a few that all its stories share.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter

PHOTO_WIDTH, PHOTO_HEIGHT = PHOTO_SIZE = (1600, 900)
JPEG_QUALITY = 82


@dataclass
class Colours:
    sky_top: tuple
    sky_bottom: tuple
    far: tuple
    middle: tuple
    near: tuple
    accent: tuple
    light: tuple


def draw_image(scene, palette, seed):
    """An abstract news picture (no text) as JPEG bytes; the same seed draws the same one."""
    rng = random.Random(seed)
    colours = Colours(
        sky_top=jitter(hex_rgb(palette["sky"][0]), rng),
        sky_bottom=jitter(hex_rgb(palette["sky"][1]), rng),
        far=jitter(hex_rgb(palette["shapes"][0]), rng),
        middle=jitter(hex_rgb(palette["shapes"][1]), rng),
        near=jitter(hex_rgb(palette["shapes"][2]), rng),
        accent=jitter(hex_rgb(palette["accent"]), rng, 10),
        light=hex_rgb(palette.get("light", "#f5f1e8")),
    )
    picture = vertical_gradient(colours.sky_top, colours.sky_bottom)
    SCENES.get(scene, draw_skyline)(picture, colours, rng)
    picture = vignette(picture)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def hex_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(first, second, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def jitter(colour, rng, amount=16):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def alpha(colour, opacity):
    return (*colour, round(255 * opacity))


def vertical_gradient(top, bottom, size=PHOTO_SIZE):
    mask = PillowImage.linear_gradient("L").resize(size)
    return PillowImage.composite(
        PillowImage.new("RGB", size, bottom), PillowImage.new("RGB", size, top), mask
    )


def vignette(picture, strength=0.5):
    curve = [round(255 * strength * (v / 255) ** 2.2) for v in range(256)]
    mask = PillowImage.radial_gradient("L").resize(picture.size).point(curve)
    return PillowImage.composite(PillowImage.new("RGB", picture.size, (8, 8, 12)), picture, mask)


def glow(picture, centre, radius, colour, strength=0.85):
    """A soft halo of light, blurred at a quarter of the size to stay fast."""
    scale = 4
    mask = PillowImage.new("L", (PHOTO_WIDTH // scale, PHOTO_HEIGHT // scale), 0)
    x, y, r = centre[0] / scale, centre[1] / scale, radius / scale
    ImageDraw.Draw(mask).ellipse((x - r, y - r, x + r, y + r), fill=round(255 * strength))
    mask = mask.filter(ImageFilter.GaussianBlur(r * 0.7)).resize(PHOTO_SIZE)
    picture.paste(PillowImage.new("RGB", PHOTO_SIZE, colour), (0, 0), mask)


def ridge(rng, base, amplitude, step=16):
    """Points of a rolling horizon line across the picture."""
    waves = [
        (rng.uniform(0.002, 0.009), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0))
        for _ in range(3)
    ]
    total = sum(weight for _, _, weight in waves)
    return [
        (x, base + amplitude * sum(w * math.sin(f * x + p) for f, p, w in waves) / total)
        for x in range(0, PHOTO_WIDTH + step, step)
    ]


def sun(picture, colours, rng, y_range=(120, 380)):
    centre = (rng.randint(180, PHOTO_WIDTH - 180), rng.randint(*y_range))
    glow(picture, centre, rng.randint(150, 230), mix(colours.accent, colours.sky_bottom, 0.35), 0.7)
    radius = rng.randint(45, 80)
    ImageDraw.Draw(picture).ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=mix(colours.accent, colours.light, 0.45),
    )
    return centre


def buildings(draw, rng, colour, top_range, windows=None, landmark=False):
    """A row of building silhouettes; the nearest row may have lit windows."""
    x = -rng.randint(0, 60)
    landmark_at = rng.randint(PHOTO_WIDTH // 4, PHOTO_WIDTH * 3 // 4) if landmark else None
    while x < PHOTO_WIDTH:
        width = rng.randint(60, 160)
        top = rng.randint(*top_range)
        if landmark_at is not None and x >= landmark_at:
            width, top = 340, top_range[0] + 80
            draw.rectangle((x, top, x + width, PHOTO_HEIGHT), fill=colour)
            draw.pieslice((x + 90, top - 130, x + 250, top + 30), 180, 360, fill=colour)
            draw.rectangle((x + 160, top - 200, x + 180, top - 120), fill=colour)
            for column in range(x + 20, x + width - 20, 38):
                draw.rectangle(
                    (column, top + 40, column + 14, top + 190),
                    fill=alpha(colours_lift(colour), 0.5),
                )
            landmark_at = None
        else:
            draw.rectangle((x, top, x + width, PHOTO_HEIGHT), fill=colour)
            feature = rng.random()
            if feature < 0.12:
                draw.pieslice(
                    (x, top - width // 2, x + width, top + width // 2), 180, 360, fill=colour
                )
            elif feature < 0.26:
                mast = x + width // 2
                draw.line((mast, top, mast, top - rng.randint(30, 90)), fill=colour, width=4)
            elif feature < 0.38:
                draw.rectangle((x + width // 5, top - 34, x + width * 4 // 5, top), fill=colour)
            if windows:
                for wy in range(top + 16, PHOTO_HEIGHT - 50, 30):
                    for wx in range(x + 12, x + width - 16, 24):
                        if rng.random() < 0.33:
                            draw.rectangle(
                                (wx, wy, wx + 10, wy + 14),
                                fill=alpha(windows, rng.uniform(0.35, 0.8)),
                            )
        x += width + rng.randint(0, 14)


def colours_lift(colour, amount=0.25):
    return mix(colour, (255, 255, 255), amount)


def crowd(draw, rng, colour, rows=3, top=PHOTO_HEIGHT - 170, flags=None):
    """Rows of people seen from behind, some holding small flags."""
    for row in range(rows):
        shade = mix(colour, (0, 0, 0), row * 0.18)
        y = top + row * 52
        x = -rng.randint(0, 30)
        while x < PHOTO_WIDTH + 30:
            head = rng.randint(15, 21)
            cx = x + rng.randint(-6, 6)
            cy = y + rng.randint(-8, 8)
            draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=shade)
            draw.rounded_rectangle(
                (cx - head * 2.1, cy + head * 0.9, cx + head * 2.1, PHOTO_HEIGHT + 20),
                radius=head,
                fill=shade,
            )
            if flags and rng.random() < 0.12:
                hand = cx + rng.choice((-1, 1)) * head * 1.6
                pole_top = cy - rng.randint(70, 110)
                draw.line((hand, cy + head, hand, pole_top), fill=shade, width=5)
                draw.rectangle((hand, pole_top, hand + 46, pole_top + 30), fill=rng.choice(flags))
            x += rng.randint(36, 50)


def waving_flag(draw, rng, pole_x, top, width, height, bands, vertical=False):
    amplitude, frequency, phase = rng.uniform(8, 18), rng.uniform(0.015, 0.03), rng.uniform(0, 6)

    def edge(y0):
        return [
            (pole_x + dx, y0 + amplitude * (dx / width) * math.sin(frequency * dx + phase))
            for dx in range(0, width + 1, 10)
        ]

    if vertical:
        band_width = width / len(bands)
        for i, colour in enumerate(bands):
            left, right = round(i * band_width), round((i + 1) * band_width)
            top_edge = [point for point in edge(top) if left <= point[0] - pole_x <= right]
            bottom_edge = [
                point for point in edge(top + height) if left <= point[0] - pole_x <= right
            ]
            draw.polygon(top_edge + bottom_edge[::-1], fill=colour)
    else:
        band_height = height / len(bands)
        for i, colour in enumerate(bands):
            upper = edge(top + i * band_height)
            lower = edge(top + (i + 1) * band_height)
            draw.polygon(upper + lower[::-1], fill=colour)
    draw.line((pole_x, top - 12, pole_x, PHOTO_HEIGHT), fill=(40, 40, 44), width=9)
    draw.ellipse((pole_x - 8, top - 24, pole_x + 8, top - 8), fill=(200, 190, 150))


def draw_skyline(picture, colours, rng):
    sun(picture, colours, rng)
    draw = ImageDraw.Draw(picture, "RGBA")
    far = mix(colours.far, colours.sky_bottom, 0.45)
    buildings(draw, rng, far, (260, 520))
    buildings(draw, rng, colours.middle, (360, 620), landmark=rng.random() < 0.5)
    buildings(draw, rng, colours.near, (480, 720), windows=colours.accent)
    draw.rectangle((0, PHOTO_HEIGHT - 36, PHOTO_WIDTH, PHOTO_HEIGHT), fill=colours.near)


def draw_hills(picture, colours, rng):
    sun(picture, colours, rng, (140, 330))
    draw = ImageDraw.Draw(picture, "RGBA")
    layers = [
        mix(colours.far, colours.sky_bottom, 0.55),
        mix(colours.far, colours.sky_bottom, 0.25),
        colours.middle,
        colours.near,
    ]
    for depth, colour in enumerate(layers):
        line = ridge(rng, 430 + depth * 95, 70 - depth * 8)
        draw.polygon(line + [(PHOTO_WIDTH, PHOTO_HEIGHT), (0, PHOTO_HEIGHT)], fill=colour)
        if depth == len(layers) - 1:
            tree = mix(colour, (0, 0, 0), 0.3)
            for _ in range(rng.randint(18, 34)):
                x, y = rng.choice(line)
                size = rng.randint(18, 40)
                draw.polygon([(x, y - size * 2.4), (x - size, y + 6), (x + size, y + 6)], fill=tree)
    # A river or a road winding towards the viewer.
    start = rng.randint(500, 1100)
    path = [(start + 120 * math.sin(i / 2.2), 560 + i * 34) for i in range(11)]
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        width = round(6 + (y0 - 560) / 14)
        draw.line((x0, y0, x1, y1), fill=alpha(colours.light, 0.55), width=width)


def draw_flags(picture, colours, rng):
    sun(picture, colours, rng, (90, 260))
    draw = ImageDraw.Draw(picture, "RGBA")
    buildings(draw, rng, mix(colours.far, colours.sky_bottom, 0.4), (330, 520), landmark=True)
    choices = [colours.accent, colours.light, colours.middle, colours.near, colours.far]
    for _ in range(rng.randint(2, 4)):
        bands = rng.sample(choices, 3)
        width, height = rng.randint(230, 360), rng.randint(150, 210)
        waving_flag(
            draw,
            rng,
            rng.randint(60, PHOTO_WIDTH - width - 40),
            rng.randint(70, 300),
            width,
            height,
            bands,
            vertical=rng.random() < 0.4,
        )
    crowd(draw, rng, mix(colours.near, (0, 0, 0), 0.35), flags=[colours.accent, colours.light])


def draw_field(picture, colours, rng):
    draw = ImageDraw.Draw(picture, "RGBA")
    stand_top, field_top = 230, 470
    draw.rectangle((0, stand_top, PHOTO_WIDTH, field_top), fill=mix(colours.far, (0, 0, 0), 0.4))
    fans = [colours.accent, colours.light, colours.middle, (200, 60, 60), (60, 90, 200)]
    for _ in range(2600):
        x, y = rng.randint(0, PHOTO_WIDTH), rng.randint(stand_top + 8, field_top - 10)
        draw.ellipse((x, y, x + 7, y + 8), fill=alpha(rng.choice(fans), rng.uniform(0.3, 0.8)))
    draw.rectangle((0, field_top - 14, PHOTO_WIDTH, field_top), fill=colours.far)
    for x in (rng.randint(80, 300), rng.randint(1300, 1520)):
        draw.line((x, stand_top, x, 40), fill=(50, 52, 58), width=10)
        draw.rectangle((x - 60, 20, x + 60, 70), fill=(230, 230, 215))
        glow(picture, (x, 45), 170, colours.light, 0.6)
    draw = ImageDraw.Draw(picture, "RGBA")
    stripes, y = 9, field_top
    for i in range(stripes):
        height = 22 + i * 9
        draw.rectangle(
            (0, y, PHOTO_WIDTH, y + height), fill=colours.middle if i % 2 else colours.near
        )
        y += height
    white = alpha((250, 250, 250), 0.75)
    draw.line((0, field_top + 24, PHOTO_WIDTH, field_top + 24), fill=white, width=4)
    centre = rng.randint(620, 980)
    draw.line((centre - 40, field_top + 24, centre + 120, PHOTO_HEIGHT), fill=white, width=6)
    draw.ellipse((centre - 250, 610, centre + 330, 820), outline=white, width=6)
    for _ in range(rng.randint(5, 9)):
        px, py = rng.randint(80, PHOTO_WIDTH - 80), rng.randint(560, 800)
        scale = 0.6 + (py - 560) / 300
        kit = colours.accent if rng.random() < 0.5 else colours.light
        head = 12 * scale
        draw.ellipse(
            (px - head, py - 80 * scale, px + head, py - 80 * scale + 2 * head), fill=(60, 40, 30)
        )
        draw.rounded_rectangle(
            (px - 20 * scale, py - 56 * scale, px + 20 * scale, py), radius=8, fill=kit
        )
        draw.line(
            (px - 8 * scale, py, px - 14 * scale, py + 46 * scale),
            fill=(40, 40, 40),
            width=round(9 * scale),
        )
        draw.line(
            (px + 8 * scale, py, px + 16 * scale, py + 46 * scale),
            fill=(40, 40, 40),
            width=round(9 * scale),
        )
    bx, by = rng.randint(300, 1300), rng.randint(700, 820)
    draw.ellipse((bx - 16, by - 16, bx + 16, by + 16), fill=(250, 250, 250))
    draw.ellipse((bx - 6, by - 6, bx + 6, by + 6), fill=(30, 30, 30))


def draw_circuit(picture, colours, rng):
    draw = ImageDraw.Draw(picture, "RGBA")
    for x in range(0, PHOTO_WIDTH, 80):
        draw.line((x, 0, x, PHOTO_HEIGHT), fill=alpha(colours.light, 0.06), width=1)
    for y in range(0, PHOTO_HEIGHT, 80):
        draw.line((0, y, PHOTO_WIDTH, y), fill=alpha(colours.light, 0.06), width=1)
    nodes = [(rng.randint(2, 18) * 80, rng.randint(1, 10) * 80) for _ in range(rng.randint(38, 55))]
    trace = alpha(colours.accent, 0.55)
    for x, y in nodes:
        neighbours = sorted(nodes, key=lambda n: abs(n[0] - x) + abs(n[1] - y))[1:3]
        for nx, ny in neighbours:
            draw.line((x, y, nx, y), fill=trace, width=4)
            draw.line((nx, y, nx, ny), fill=trace, width=4)
    for _ in range(rng.randint(2, 3)):
        cx, cy = rng.randint(300, 1300), rng.randint(220, 680)
        size = rng.randint(90, 150)
        for offset in range(-size + 20, size - 10, 26):
            draw.line(
                (cx + offset, cy - size - 26, cx + offset, cy + size + 26), fill=trace, width=5
            )
            draw.line(
                (cx - size - 26, cy + offset, cx + size + 26, cy + offset), fill=trace, width=5
            )
        draw.rounded_rectangle(
            (cx - size, cy - size, cx + size, cy + size),
            radius=18,
            fill=colours.near,
            outline=colours.accent,
            width=4,
        )
        draw.rounded_rectangle(
            (cx - size // 2, cy - size // 2, cx + size // 2, cy + size // 2),
            radius=10,
            fill=colours.middle,
        )
    for x, y in nodes:
        radius = rng.randint(6, 12)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colours.accent)
    for x, y in rng.sample(nodes, 3):
        glow(picture, (x, y), rng.randint(60, 110), colours.accent, 0.5)


def draw_chart(picture, colours, rng):
    draw = ImageDraw.Draw(picture, "RGBA")
    buildings(draw, rng, mix(colours.far, colours.sky_bottom, 0.5), (520, 700))
    draw = ImageDraw.Draw(picture, "RGBA")
    for y in range(140, 820, 90):
        draw.line((60, y, PHOTO_WIDTH - 60, y), fill=alpha(colours.light, 0.16), width=2)
    count = rng.randint(10, 15)
    gap = (PHOTO_WIDTH - 200) / count
    trend = rng.choice((-1, 1))
    level = 480 if trend > 0 else 260
    points = []
    for i in range(count):
        level = max(180, min(700, level - trend * rng.randint(0, 45) + rng.randint(-30, 30)))
        x = 100 + i * gap
        draw.rectangle(
            (x + gap * 0.18, level, x + gap * 0.82, 820), fill=alpha(colours.middle, 0.8)
        )
        draw.rectangle((x + gap * 0.18, level, x + gap * 0.82, level + 10), fill=colours.near)
        points.append((x + gap / 2, level - rng.randint(40, 90)))
    draw.line(points, fill=colours.accent, width=8, joint="curve")
    for x, y in points:
        draw.ellipse(
            (x - 12, y - 12, x + 12, y + 12), fill=colours.light, outline=colours.accent, width=5
        )
    draw.line((60, 820, PHOTO_WIDTH - 60, 820), fill=alpha(colours.light, 0.7), width=4)


def draw_cells(picture, colours, rng):
    draw = ImageDraw.Draw(picture, "RGBA")
    tints = [colours.far, colours.middle, colours.near, colours.accent]
    for _ in range(rng.randint(40, 65)):
        x, y = rng.randint(-100, PHOTO_WIDTH + 100), rng.randint(-100, PHOTO_HEIGHT + 100)
        radius = rng.randint(20, 170)
        tint = rng.choice(tints)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=alpha(tint, rng.uniform(0.18, 0.5)),
            outline=alpha(colours.light, 0.5) if rng.random() < 0.5 else None,
            width=3,
        )
        if radius > 60 and rng.random() < 0.5:
            core = radius // 3
            draw.ellipse((x - core, y - core, x + core, y + core), fill=alpha(colours.near, 0.55))
    base = rng.randint(420, 520)
    pulse, x = [], 0
    while x < PHOTO_WIDTH:
        pulse.append((x, base))
        x += rng.randint(120, 220)
        pulse += [(x, base), (x + 18, base - 40), (x + 34, base + 150), (x + 52, base - 230)]
        pulse += [(x + 72, base + 60), (x + 88, base)]
        x += 88
    draw.line(pulse, fill=alpha(colours.light, 0.95), width=7, joint="curve")


def draw_stage(picture, colours, rng):
    draw = ImageDraw.Draw(picture, "RGBA")
    floor = 640
    for _ in range(rng.randint(3, 5)):
        top = rng.randint(100, PHOTO_WIDTH - 100)
        bottom = rng.randint(300, PHOTO_WIDTH - 300)
        spread = rng.randint(120, 260)
        beam = rng.choice((colours.accent, colours.light, colours.middle))
        draw.polygon(
            [(top - 12, -10), (top + 12, -10), (bottom + spread, floor), (bottom - spread, floor)],
            fill=alpha(beam, rng.uniform(0.16, 0.3)),
        )
        draw.ellipse(
            (bottom - spread, floor - 30, bottom + spread, floor + 30), fill=alpha(beam, 0.35)
        )
    for _ in range(rng.randint(25, 40)):
        x, y, radius = rng.randint(0, PHOTO_WIDTH), rng.randint(0, 520), rng.randint(8, 34)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=alpha(
                rng.choice((colours.accent, colours.light, colours.far)), rng.uniform(0.15, 0.45)
            ),
        )
    draw.rectangle((0, floor, PHOTO_WIDTH, PHOTO_HEIGHT), fill=mix(colours.near, (0, 0, 0), 0.3))
    draw.rectangle((0, floor, PHOTO_WIDTH, floor + 10), fill=colours.far)
    figure = (25, 20, 30)
    for px in rng.sample(range(380, 1240, 140), rng.randint(1, 3)):
        draw.ellipse((px - 17, floor - 210, px + 17, floor - 176), fill=figure)
        draw.polygon(
            [
                (px - 30, floor - 168),
                (px + 30, floor - 168),
                (px + 18, floor - 80),
                (px - 18, floor - 80),
            ],
            fill=figure,
        )
        draw.line((px - 10, floor - 84, px - 16, floor), fill=figure, width=13)
        draw.line((px + 10, floor - 84, px + 16, floor), fill=figure, width=13)
        draw.line((px + 28, floor - 160, px + 52, floor - 196), fill=figure, width=9)
        draw.line((px + 62, floor - 180, px + 62, floor), fill=(70, 70, 78), width=4)
    glow(picture, (rng.randint(500, 1100), floor - 120), 260, colours.accent, 0.35)
    draw = ImageDraw.Draw(picture, "RGBA")
    crowd(draw, rng, (18, 14, 24), rows=2, top=PHOTO_HEIGHT - 110)


def draw_sea(picture, colours, rng):
    horizon = rng.randint(470, 540)
    centre = sun(picture, colours, rng, (200, horizon - 120))
    draw = ImageDraw.Draw(picture, "RGBA")
    buildings(draw, rng, mix(colours.far, colours.sky_bottom, 0.5), (horizon - 90, horizon - 20))
    sea = vertical_gradient(
        mix(colours.middle, colours.sky_bottom, 0.35),
        colours.near,
        (PHOTO_WIDTH, PHOTO_HEIGHT - horizon),
    )
    picture.paste(sea, (0, horizon))
    draw = ImageDraw.Draw(picture, "RGBA")
    for _ in range(420):
        y = rng.randint(horizon + 6, PHOTO_HEIGHT)
        length = 10 + (y - horizon) // 5
        x = rng.randint(-length, PHOTO_WIDTH)
        draw.line(
            (x, y, x + length, y), fill=alpha(colours.light, rng.uniform(0.12, 0.35)), width=2
        )
    for y in range(horizon + 8, PHOTO_HEIGHT, 14):
        half = 20 + (y - horizon) // 6 + rng.randint(-10, 10)
        draw.line(
            (centre[0] - half, y, centre[0] + half, y), fill=alpha(colours.accent, 0.35), width=4
        )
    # A container ship and the quay cranes waiting for it.
    hull_y = horizon + rng.randint(90, 160)
    start = rng.randint(120, 500)
    length = rng.randint(640, 820)
    draw.polygon(
        [
            (start, hull_y),
            (start + length, hull_y),
            (start + length - 60, hull_y + 70),
            (start + 40, hull_y + 70),
        ],
        fill=(34, 36, 44),
    )
    boxes = [colours.accent, colours.far, colours.middle, (170, 60, 50), (60, 110, 150)]
    for column in range(start + 60, start + length - 160, 46):
        for level in range(rng.randint(1, 4)):
            draw.rectangle(
                (column, hull_y - 30 * (level + 1), column + 42, hull_y - 30 * level - 3),
                fill=rng.choice(boxes),
            )
    draw.rectangle(
        (start + length - 150, hull_y - 110, start + length - 80, hull_y), fill=(230, 228, 220)
    )
    for x in range(start + length + 60, PHOTO_WIDTH, rng.randint(150, 200)):
        crane = mix(colours.accent, (0, 0, 0), 0.2)
        draw.line((x, hull_y + 40, x, horizon - 160), fill=crane, width=10)
        draw.line((x + 90, hull_y + 40, x + 90, horizon - 160), fill=crane, width=10)
        draw.line((x - 160, horizon - 160, x + 150, horizon - 160), fill=crane, width=12)
        draw.line((x, horizon - 60, x + 90, horizon - 60), fill=crane, width=8)


SCENES = {
    "skyline": draw_skyline,
    "hills": draw_hills,
    "flags": draw_flags,
    "field": draw_field,
    "circuit": draw_circuit,
    "chart": draw_chart,
    "cells": draw_cells,
    "stage": draw_stage,
    "sea": draw_sea,
}
