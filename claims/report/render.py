"""Rendering: the one Jinja2 environment (autoescape, StrictUndefined, the filters), and
HTML, Markdown and JSON from the same view objects.

All recorded text is untrusted: the environment autoescapes everything, and only
http/https URLs ever become links (``safe_url``).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jinja2

from claims.report import pagedata
from claims.report.text import csp_hash, markdown_code, markdown_escape
from claims.report.views import Lazy, Report, TemplateProblem


def default_template_dir() -> Path:
    # An installed package carries the templates inside it (claims/templates, see
    # pyproject); a source checkout keeps them at the top level.
    package = Path(__file__).parent.parent  # claims/
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping everything, strict about undefined names.
    A newsroom's own templates (--template-dir) come first; ours fill any gaps."""
    folders = [str(template_dir)] if template_dir else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(default_template_dir())]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["md_code"] = markdown_code
    env.filters["csp_hash"] = csp_hash
    env.filters["data"] = pagedata.as_data
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    return env


def render(report: Report, fmt: str = "html", template_dir: Path | None = None) -> str:
    if fmt == "json":
        return json_text(report_as_dict(report))
    template = {"html": "report.html", "md": "report.md"}[fmt]
    try:
        return environment(template_dir).get_template(template).render(report=report)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"template {exc.filename}, line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template {template}: {exc.message}") from None


def report_as_dict(report: Report) -> dict[str, Any]:
    """The report as data: the same facts as the HTML, without the drawings' geometry."""
    data: dict[str, Any] = {}
    for f in dataclasses.fields(report):
        # The raw material views are made from (kept out of repr) is not the report.
        if f.name == "chart" or not f.repr:
            continue
        value = getattr(report, f.name)
        if f.name == "conflicts":
            data[f.name] = [p.anchor for p in value]
        else:
            data[f.name] = _plain(value)
    for proposition in data["propositions"]:
        proposition.pop("graph")
    return data


def json_text(data: dict[str, Any]) -> str:
    """The report's JSON: one key, and one proposition or claim, to a line. Indenting
    every level takes the json module's pure-Python encoder, several times slower
    (docs/performance.md), for a file that is read by programs and grep, not by eye."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + dump(item) for item in value)
            lines.append(f"  {dump(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(lines) + "\n}"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """What dataclasses.asdict makes of the views, several times faster: the views are
    frozen and share nothing mutable, so nothing needs copying."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (tuple, list, Lazy)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {name: _plain(getattr(value, name)) for name in names}
