"""Static files: collect only what the pages load from the npm packages.

The design-token package ships its tokens in many formats (JSON, JavaScript, Sass, Less: 7 MB); the
pages need its CSS only. ``collectstatic`` skips the other formats, so the manifest storage neither
copies nor post-processes them.
"""

from __future__ import annotations

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [
        *DjangoStaticFilesConfig.ignore_patterns,
        "*.json",
        "*.cjs",
        "*.mjs",
        "*.ts",
        "*.scss",
        "*.less",
        "*.md",
    ]
