"""Static files: collect only what the pages load from the npm packages.

The design-token package ships its tokens in many formats (JSON, JavaScript, Sass, Less: 7 MB); the
pages need its CSS only. This finder skips the other formats in the STATICFILES_DIRS, so
``collectstatic`` neither copies nor post-processes them (and the manifest storage has nothing to trip on).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import Storage

NOT_SERVED = ["*.json", "*.cjs", "*.mjs", "*.ts", "*.scss", "*.less", "*.md"]


class CssOnlyFileSystemFinder(FileSystemFinder):
    """The STATICFILES_DIRS finder, without the token formats no page loads."""

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, Storage]]:
        yield from super().list([*(ignore_patterns or []), *NOT_SERVED])
