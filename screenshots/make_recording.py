"""Record the real app at work as an animated GIF: `make recording` writes screenshots/recording.gif.

Unlike the screenshots, nothing here is fake: the engine's runner starts a real worker process on
this interpreter, the meters read this machine's cores through psutil, and the table, verdict and
charts show what was measured. The app runs headless at 100×30 under Textual's pilot; a frame is
taken twice a second (the meters' rate) and after every key — only what the screen drew is kept
then; it is made an SVG after the run, so the recording takes no CPU from the measurement — rendered
to PNG by rsvg-convert, and
the keys pressed are written in a bar under the frame. Pillow assembles the GIF (the Makefile
installs it). Record on a quiet machine: what it shows is what was measured.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot

from gilbench_tui.engine import interpreters
from gilbench_tui.engine.interpreters import InterpreterInfo
from gilbench_tui.engine.spec import BenchSpec
from gilbench_tui.engine.store import Store
from gilbench_tui.ui.app import GilbenchApp, create_app
from screenshots.make_screenshots import HERE, SIZE, to_png

#: The run takes seconds: the seed loop (2M items a task once typed), 1 and 2 tasks, 3 repeats.
SPEC = BenchSpec(
    workload="seed",
    size=1_000_000,
    workers=(1, 2),
    strategies=("serial", "threads", "processes"),
    repeat=3,
    warmup=1,
)
FRAME_S = 0.5
#: How long the last frame (the results) stays before the GIF starts again.
LAST_FRAME_S = 5.0
CAPTION_HEIGHT = 44
RUN_LIMIT_S = 120.0


def this_python(cancelled: Callable[[], bool]) -> tuple[list[InterpreterInfo], list[str]]:
    """Only the interpreter running the app, its home directory written `~`: the recording shows
    none of this machine's other Pythons or its paths. (The path is only shown; the run uses this
    interpreter either way.)"""
    found, failures = interpreters.discover([sys.executable])
    home = str(Path.home())
    return [replace(info, executable=info.executable.replace(home, "~", 1)) for info in found], [
        failure.replace(home, "~") for failure in failures
    ]


@dataclass
class Frame:
    screen: Any  # what the compositor drew (strips, kept as they were), made an SVG afterwards
    caption: str
    seconds: float


def capture(app: GilbenchApp) -> Any:
    """The screen as drawn, without the SVG export: that costs a core a tenth of a second or so
    each time, which during the run would take CPU from what is being measured. The first half
    of Textual's own `App.export_screenshot` (8.x), whose private names it uses; `to_svg` is the
    second half."""
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def to_svg(screen: Any, size: tuple[int, int]) -> str:
    """What `svg_of` makes of the live app (Textual's export_screenshot), from a capture."""
    console = Console(
        width=size[0],
        height=size[1],
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(screen)
    svg = console.export_svg(title="gilbench · recording")
    return svg.replace("<svg ", '<svg xml:space="preserve" ', 1)


class Recorder:
    def __init__(self, app: GilbenchApp, pilot: Pilot[Any]) -> None:
        self.app = app
        self.pilot = pilot
        self.frames: list[Frame] = []
        self.caption = ""

    def shoot(self, seconds: float = FRAME_S) -> None:
        self.frames.append(Frame(capture(self.app), self.caption, seconds))

    async def press(self, caption: str, *keys: str) -> None:
        self.caption = caption
        await self.pilot.press(*keys)
        await self.pilot.pause()
        self.shoot(1.2)

    async def film(self, seconds: float) -> None:
        for _ in range(round(seconds / FRAME_S)):
            await asyncio.sleep(FRAME_S)
            self.shoot()

    async def film_until(self, done: Callable[[], bool], limit_s: float = RUN_LIMIT_S) -> None:
        waited = 0.0
        while not done():
            if waited > limit_s:
                raise RuntimeError(f"the run did not finish within {limit_s:.0f} s")
            await asyncio.sleep(FRAME_S)
            waited += FRAME_S
            self.shoot()


async def record() -> list[Frame]:
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app(SPEC, store=Store(Path(data_dir)), discover=this_python)
        async with app.run_test(size=SIZE) as pilot:
            rec = Recorder(app, pilot)
            screen = app.main_screen
            rec.caption = "gilbench: choose a workload, a size, the tasks and the strategies"
            await rec.film(1.5)
            await rec.press("tab tab: to the size", "tab", "tab")
            await rec.press("type 2M: two million items a task", "ctrl+a", "ctrl+k", *"2M")
            await rec.press("r: run serial, threads and processes in a worker process", "r")
            rec.caption = "the meters show where the work runs; the bar, the rounds left"
            await rec.film_until(lambda: not screen.running)
            rec.caption = "the results, the verdict and both charts"
            await pilot.pause()
            await rec.film(1.0)
            rec.shoot(LAST_FRAME_S)
            await screen.stop_run()
        return rec.frames


def to_gif(frames: list[Frame], out: Path, converter: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("FiraCode-Regular.ttf", 20)
    except OSError:
        font = ImageFont.load_default()
    pictures = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, frame in enumerate(frames):
            svg = Path(tmp) / f"frame{i:03}.svg"
            svg.write_text(to_svg(frame.screen, SIZE), encoding="utf-8")
            shot = Image.open(to_png(svg, converter)).convert("RGB")
            canvas = Image.new("RGB", (shot.width, shot.height + CAPTION_HEIGHT), "#0c0c0c")
            canvas.paste(shot, (0, 0))
            ImageDraw.Draw(canvas).text(
                (16, shot.height + 10), frame.caption, fill="#e0e0e0", font=font
            )
            pictures.append(canvas)
    # One palette for every frame (from the results, which have the most colours), so what did
    # not change between two frames stays identical and the GIF stores only what did.
    palette = pictures[-1].quantize(colors=128, dither=Image.Dither.NONE)
    images = [p.quantize(palette=palette, dither=Image.Dither.NONE) for p in pictures]
    images[0].save(
        out,
        save_all=True,
        append_images=images[1:],
        duration=[round(frame.seconds * 1000) for frame in frames],
        loop=0,
        optimize=True,
        disposal=1,
    )


def main(out: Path = HERE / "recording.gif") -> int:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        print(
            "rsvg-convert not found (apt install librsvg2-bin fonts-firacode fonts-symbola)",
            file=sys.stderr,
        )
        return 2
    frames = asyncio.run(record())
    to_gif(frames, out, converter)
    print(
        f"wrote {out.relative_to(HERE.parent)}: {len(frames)} frames, {out.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
