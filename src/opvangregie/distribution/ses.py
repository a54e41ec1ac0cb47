"""Reading SES-WOA scores (CBS socio-economic status: welvaart, opleiding, arbeidsverleden) from a CSV."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from opvangregie.core.codes import MunicipalityCode
from opvangregie.core.errors import ApplicationError, ValidationError
from opvangregie.ui.imports import ImportRefused, RowError
from opvangregie.ui.tables import quoted, read_table

SES_MIN, SES_MAX = Decimal("-0.99"), Decimal("5")


def parse_ses_scores(*, file_name: str, content: bytes, known_codes: set[str] | None = None) -> dict[str, Decimal]:
    """Scores per municipality code from columns ``code,score``; every bad row refuses the file."""
    rows = read_table(
        file_name=file_name,
        content=content,
        required=("code", "score"),
        optional=("name",),
        aliases={"gemeentecode": "code", "ses_woa": "score", "ses": "score", "gemeente": "name"},
    )
    scores: dict[str, Decimal] = {}
    errors: list[RowError] = []
    for row in rows:
        try:
            code = str(MunicipalityCode.parse(str(row.values["code"] or "")))
            if known_codes is not None and code not in known_codes:
                raise ValidationError(f"onbekende gemeentecode {code}.")
            if code in scores:
                raise ValidationError(f"{code} staat er twee keer in.")
            try:
                score = Decimal(str(row.values["score"]).strip().replace(",", "."))
            except InvalidOperation as exc:
                raise ValidationError(f"score {quoted(row.values['score'])} is geen getal.") from exc
            if not SES_MIN <= score <= SES_MAX:
                raise ValidationError(f"score {score} ligt buiten het bereik {SES_MIN} tot {SES_MAX}.")
            scores[code] = score
        except ApplicationError as exc:
            errors.append(RowError(row.line, exc.message))
    if errors:
        raise ImportRefused(errors)
    return scores
