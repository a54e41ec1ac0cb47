"""The Opvangregie theme: WCAG contrast of the colour tokens we use, the production static build, and
pages without inline script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

WEB_STATIC = settings.PACKAGE_DIR / "web" / "static" / "web"
OUR_TOKENS = WEB_STATIC / "opvangregie-tokens.css"
OUR_CSS = WEB_STATIC / "opvangregie.css"
EXAMPLE_THEME = settings.NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist" / "theme.css"
AA = 4.5

# Pairs the pages use whose names do not follow "<x>-color" / "<x>-background-color", or that come from the
# example theme unchanged: (text token, background token).
EXPLICIT_PAIRS = [
    ("--utrecht-document-color", "--utrecht-document-background-color"),
    ("--utrecht-link-color", "--utrecht-document-background-color"),
    ("--utrecht-link-hover-color", "--utrecht-document-background-color"),
    ("--utrecht-link-color", "--opvang-nav-background-color"),
    ("--utrecht-link-color", "--basis-color-default-bg-subtle"),
    ("--utrecht-heading-1-color", "--utrecht-document-background-color"),
    ("--utrecht-form-label-color", "--basis-color-default-bg-subtle"),
    ("--utrecht-textbox-color", "--utrecht-textbox-background-color"),
    ("--utrecht-select-color", "--utrecht-select-background-color"),
    ("--utrecht-table-header-color", "--utrecht-document-background-color"),
    ("--utrecht-table-caption-color", "--utrecht-document-background-color"),
    ("--utrecht-skip-link-focus-color", "--utrecht-skip-link-focus-background-color"),
    ("--utrecht-link-focus-color", "--utrecht-link-focus-background-color"),
    ("--utrecht-focus-color", "--utrecht-focus-background-color"),
    ("--opvang-small-color", "--basis-color-default-bg-subtle"),
    ("--opvang-small-color", "--opvang-total-background-color"),
    ("--opvang-small-color", "--utrecht-alert-warning-background-color"),
    ("--opvang-small-color", "--opvang-row-alert-background-color"),
    ("--opvang-account-color", "--opvang-nav-background-color"),
    ("--utrecht-button-secondary-action-color", "--utrecht-page-footer-background-color"),
    ("--utrecht-page-footer-color", "--utrecht-page-footer-background-color"),
    ("--opvang-badge-color", "--opvang-total-background-color"),
    *[
        (f"--utrecht-alert-{kind}-color", f"--utrecht-alert-{kind}-background-color")
        for kind in ("info", "ok", "warning", "error")
    ],
    ("--utrecht-alert-color", "--utrecht-alert-background-color"),
]

DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
VAR = re.compile(r"^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$")


def _declarations(path: Path) -> dict[str, str]:
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {name: " ".join(value.split()) for name, value in DECLARATION.findall(text)}


pytestmark = pytest.mark.engine_agnostic  # colours, files and templates: no database involved


@pytest.fixture(scope="module")
def tokens() -> dict[str, str]:
    """The custom properties in force on <body>: the example theme, overridden by ours."""
    assert EXAMPLE_THEME.exists(), "run 'npm ci': the example theme's tokens are missing"
    return {**_declarations(EXAMPLE_THEME), **_declarations(OUR_TOKENS)}


def resolve(tokens: dict[str, str], name: str, seen: frozenset[str] = frozenset()) -> str:
    """The final value of a custom property, following var() references (with their fallbacks)."""
    assert name not in seen, f"circular token {name}"
    value = tokens.get(name)
    if value is None:
        raise KeyError(name)
    match = VAR.match(value)
    if not match:
        return value
    reference, fallback = match.groups()
    if reference in tokens:
        return resolve(tokens, reference, seen | {name})
    if fallback is None:
        raise KeyError(reference)
    return resolve({**tokens, "--fallback": fallback}, "--fallback", seen | {name})


def rgba(value: str) -> tuple[float, float, float, float]:
    value = value.strip().lower()
    if value in ("transparent", "none"):
        return (0.0, 0.0, 0.0, 0.0)
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (red, green, blue, alpha)
    match = re.fullmatch(r"rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)", value)
    assert match, f"not a colour: {value}"
    alpha_text = match.group(4) or "1"
    alpha = float(alpha_text[:-1]) / 100 if alpha_text.endswith("%") else float(alpha_text)
    return (float(match.group(1)), float(match.group(2)), float(match.group(3)), alpha)


def over(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """A colour with transparency painted over an opaque one."""
    alpha = top[3]
    return (
        top[0] * alpha + below[0] * (1 - alpha),
        top[1] * alpha + below[1] * (1 - alpha),
        top[2] * alpha + below[2] * (1 - alpha),
    )


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2.2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pair_contrast(tokens: dict[str, str], text: str, background: str) -> float:
    page = over(rgba(resolve(tokens, "--utrecht-document-background-color")), (255, 255, 255))
    behind = over(rgba(resolve(tokens, background)), page)
    return contrast(over(rgba(resolve(tokens, text)), behind), behind)


def our_pairs() -> Iterator[tuple[str, str]]:
    """Every "<x>-color" in our tokens with its "<x>-background-color"."""
    ours = _declarations(OUR_TOKENS)
    for name in ours:
        if name.endswith("-background-color"):
            text = name.removesuffix("-background-color") + "-color"
            if text in ours:
                yield (text, name)


def test_our_tokens_pair_text_with_backgrounds() -> None:
    pairs = list(our_pairs())
    assert len(pairs) >= 15
    assert ("--utrecht-page-footer-color", "--utrecht-page-footer-background-color") in pairs
    assert ("--utrecht-button-primary-action-color", "--utrecht-button-primary-action-background-color") in pairs


@pytest.mark.parametrize(("text", "background"), [*our_pairs(), *EXPLICIT_PAIRS])
def test_text_on_background_meets_wcag_aa(tokens: dict[str, str], text: str, background: str) -> None:
    ratio = pair_contrast(tokens, text, background)
    assert ratio >= AA, f"{text} on {background}: {ratio:.2f}:1 < {AA}:1"


def test_our_css_takes_its_colours_from_tokens() -> None:
    """opvangregie.css names no colour itself, so the contrast test sees every colour the pages use."""
    css = re.sub(r"/\*.*?\*/", "", OUR_CSS.read_text(encoding="utf-8"), flags=re.S)
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(", css)
    used = set(re.findall(r"var\((--[\w-]+)", css))
    tokens = {**_declarations(EXAMPLE_THEME), **_declarations(OUR_TOKENS)}
    assert not {name for name in used if name not in tokens}


def test_the_theme_is_neutral(tokens: dict[str, str]) -> None:
    """Not Utrecht's red: the primary button and the links are our blue, text is in a sans-serif font."""
    assert resolve(tokens, "--utrecht-button-primary-action-background-color") == "#143d63"
    assert resolve(tokens, "--utrecht-link-color") == "#1d5289"
    assert "sans-serif" in resolve(tokens, "--utrecht-document-font-family")
    assert "serif" not in resolve(tokens, "--basis-heading-font-family").replace("sans-serif", "")


def test_resolve_follows_fallbacks() -> None:
    tokens = {"--a": "var(--b)", "--b": "var(--missing, #fff)"}
    assert resolve(tokens, "--a") == "#fff"
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert over((0, 0, 0, 0.5), (255, 255, 255)) == (127.5, 127.5, 127.5)


def test_collectstatic_builds_the_production_manifest(tmp_path: Path) -> None:
    """What `opvangregie collectstatic` does in production: the manifest storage resolves every url() in the CSS.
    (Production also compresses every file, which takes most of the time: the production smoke run does that.)"""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.templatetags.static import static

        assert re.fullmatch(r"/static/nlds/theme/theme\.[0-9a-f]{12}\.css", static("nlds/theme/theme.css"))
        assert re.fullmatch(r"/static/web/favicon\.[0-9a-f]{12}\.svg", static("web/favicon.svg"))
    collected = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()}
    assert "staticfiles.json" in collected
    assert "nlds/components/index.css" in collected
    assert not [name for name in collected if name.endswith((".json", ".cjs", ".scss", ".less")) and "/" in name]


TEMPLATES = sorted(settings.PACKAGE_DIR.glob("*/templates/**/*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_templates_have_no_inline_script(template: Path) -> None:
    """A Content-Security-Policy without 'unsafe-inline' must not break a page: no inline script or handlers."""
    html = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "javascript:" not in html
