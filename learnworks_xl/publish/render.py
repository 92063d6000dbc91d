"""Render the site with Jinja2: autoescape on for every template, strict undefined values.

The stylesheet is inlined into each page (``<style>``), so a page is one self-contained
file: no external request, no font download (the font stack uses the fonts the reader's
device has: Sarabun, TH Sarabun New, Noto Sans Thai, Leelawadee, Tahoma, tlwg).
The pages' Content-Security-Policy allows no script at all.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from learnworks_xl.core.rollup.sheets import CITY
from learnworks_xl.errors import OutputError
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.publish import city
from learnworks_xl.publish.city import CitySite
from learnworks_xl.publish.content import Site

INDEX = "index.html"


def environment() -> Environment:
    """The Jinja2 environment of the site: package templates, autoescape always on."""
    return Environment(loader=PackageLoader("learnworks_xl.publish", "templates"),
                       autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def stylesheet() -> Markup:
    """The site's CSS (package data, trusted), to inline in ``<style>``."""
    css = (files("learnworks_xl.publish") / "templates" / "site.css").read_text("utf-8")
    if "</" in css:
        raise ValueError("site.css must not contain '</'")
    return Markup(css)  # our own file, checked above


def render_site(site: Site) -> dict[str, str]:
    """Render every page.

    Args:
        site: The content (:func:`learnworks_xl.publish.content.build_site`).

    Returns:
        File name → HTML: ``index.html`` then one page per school.
    """
    env = environment()
    common = {"summary": site.summary, "provisional": site.provisional, "errors": site.errors,
              "privacy": site.privacy, "css": stylesheet()}
    pages = {INDEX: env.get_template("index.html.j2").render(schools=site.schools, **common)}
    school = env.get_template("school.html.j2")
    for page in site.schools:
        pages[f"{page.slug}.html"] = school.render(school=page, **common)
    return pages


def render_city(site: CitySite) -> dict[str, str]:
    """Render every page of the city site.

    Args:
        site: The content (:func:`learnworks_xl.publish.city.build_city_site`).

    Returns:
        File name → HTML: ``index.html``, ``works.html``, one page per district, then one
        per school.
    """
    env = environment()
    common = {"summary": site.summary, "css": stylesheet(), "city": CITY}
    pages = {
        city.INDEX: env.get_template("city_index.html.j2").render(
            districts=site.districts, privacy=site.privacy, **common),
        city.WORKS: env.get_template("city_works.html.j2").render(
            districts=site.districts, with_school=True, privacy=site.privacy, **common),
    }
    district = env.get_template("city_district.html.j2")
    for d in site.districts:  # a district's pages: its own privacy setting
        pages[d.page] = district.render(district=d, privacy=[d.privacy], **common)
    school = env.get_template("city_school.html.j2")
    for s in site.schools:
        pages[s.page] = school.render(school=s, with_school=False, privacy=[s.privacy],
                                      **common)
    return pages


def write_site(pages: dict[str, str], out_dir: str | Path) -> list[Path]:
    """Write the pages into ``out_dir`` (each file atomically, UTF-8).

    Args:
        pages: File name → HTML.
        out_dir: The folder (created when missing).

    Returns:
        The files written, ``index.html`` first.

    Raises:
        OutputError: The folder or a file cannot be written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกโฟลเดอร์สำหรับเว็บไซต์",
                          f"{out} is a file, not a folder")
    written = []
    for name, html in pages.items():
        target = out / name
        with atomic_path(target, backup=False) as tmp:
            try:
                tmp.write_text(html, encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"เขียนไฟล์ {target} ไม่ได้",
                                  f"cannot write {target}: {exc.strerror}") from None
        written.append(target)
    return written
