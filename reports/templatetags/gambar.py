"""Report figures as images: an SVG drawn by a template, embedded as a data: URI.

A chart as an image is laid out as one box, not as hundreds of SVG elements that
each go through the page's CSS cascade: the office report lays out faster
(bench/README.md), and the drawing stays vector and its text searchable.
"""

from base64 import b64encode

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def svg_uri(nama_template: str, **konteks) -> str:
    """The SVG that ``nama_template`` draws from ``konteks``, as a data: URI."""
    svg = render_to_string(nama_template, konteks)
    return "data:image/svg+xml;base64," + b64encode(svg.encode()).decode("ascii")
