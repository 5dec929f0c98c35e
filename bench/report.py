"""Plain-text tables and the description of the machine the figures came from."""

import os
import platform
import shutil
import subprocess


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, its columns padded so it also reads well in a terminal."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def machine() -> str:
    cpu = _cpu_model()
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    postgres = _version(["postgres", "--version"])
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_gib:.0f} GiB RAM; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; {postgres}"
    )


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return f"{command[0]} not found"
    output = subprocess.run(command, check=False, capture_output=True, text=True).stdout  # noqa: S603
    return output.strip()


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 60 else f"{int(value // 60)} min {value % 60:02.0f} s"
