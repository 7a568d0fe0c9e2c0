"""The provenance report: a self-contained page an editor reads at a glance.

==============  ===========================================================================
``views``       what the templates receive: documented view objects, plain data only
``build``       the verdicts on the record, turned into those view objects
``render``      the one Jinja2 environment (autoescape, StrictUndefined, the filters) and
                HTML, Markdown and JSON from the same views
``pagedata``    the long lists as compact JSON for the page's script
``text``        safe links, Markdown escaping, search folding, CSP hashes
``graphs``      the SVG drawings: provenance graphs and the publication chart
==============  ===========================================================================

Templates only format; everything they show is computed here.
"""

from __future__ import annotations

from claims.report.build import build_report
from claims.report.render import (
    default_template_dir,
    environment,
    json_text,
    render,
    report_as_dict,
)
from claims.report.text import csp_hash, markdown_code, markdown_escape, safe_url, search_fold
from claims.report.views import FORMATS, PAGE_SIZE, Report, TemplateProblem

__all__ = [
    "FORMATS",
    "PAGE_SIZE",
    "Report",
    "TemplateProblem",
    "build_report",
    "csp_hash",
    "default_template_dir",
    "environment",
    "json_text",
    "markdown_code",
    "markdown_escape",
    "render",
    "report_as_dict",
    "safe_url",
    "search_fold",
]
