"""The shape of a request from the xlwings VBA client, checked before any work is done.

A malformed body is answered 422 with a Thai + English text (the VBA client shows the body of
a failed response in a message box); a client whose xlwings version differs from the
server's is answered 400 before the body is read any further. Pure pydantic: no xlwings here.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

#: A cell as the VBA client encodes it.
Cell = StrictStr | StrictInt | StrictFloat | StrictBool | None

#: Excel's limits, used as sanity bounds.
MAX_SHEETS = 255
MAX_ROWS = 1_048_576
MAX_COLS = 16_384


class BookIn(BaseModel):
    """``book``: the workbook's name, active sheet and selection."""

    model_config = ConfigDict(extra="allow")

    name: StrictStr = Field(min_length=1, max_length=255)
    active_sheet_index: StrictInt = Field(ge=0)
    selection: StrictStr | None = None


class NameIn(BaseModel):
    """One named range of ``names``."""

    model_config = ConfigDict(extra="allow")

    name: StrictStr = Field(min_length=1, max_length=300)
    sheet_index: StrictInt = Field(ge=0)
    address: StrictStr = Field(min_length=2, max_length=300)
    book_scope: StrictBool
    scope_sheet_name: StrictStr | None = None
    scope_sheet_index: StrictInt | None = None


class SheetIn(BaseModel):
    """One worksheet of ``sheets``: its name and values (rectangular, from A1)."""

    model_config = ConfigDict(extra="allow")

    name: StrictStr = Field(min_length=1, max_length=31)
    values: list[list[Cell]] = Field(min_length=1, max_length=MAX_ROWS)
    pictures: list[dict[str, Any]] = Field(default_factory=list)
    tables: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rectangular(self) -> SheetIn:
        width = len(self.values[0])
        if width > MAX_COLS:
            raise ValueError(f"more than {MAX_COLS} columns")
        if any(len(row) != width for row in self.values):
            raise ValueError("values must be rectangular (every row the same length)")
        return self


class ClientRequest(BaseModel):
    """The whole body that ``RunRemotePython`` posts."""

    model_config = ConfigDict(extra="allow")

    client: StrictStr = Field(min_length=1, max_length=50)
    version: StrictStr = Field(min_length=1, max_length=50)
    book: BookIn
    names: list[NameIn] = Field(default_factory=list)
    sheets: list[SheetIn] = Field(min_length=1, max_length=MAX_SHEETS)

    @model_validator(mode="after")
    def _indexes(self) -> ClientRequest:
        count = len(self.sheets)
        if self.book.active_sheet_index >= count:
            raise ValueError("book.active_sheet_index is past the last sheet")
        for name in self.names:
            if name.sheet_index >= count or (
                    name.scope_sheet_index is not None and name.scope_sheet_index >= count):
                raise ValueError(f"name {name.name!r} points past the last sheet")
        seen: set[str] = set()
        for sheet in self.sheets:
            key = sheet.name.casefold()
            if key in seen:
                raise ValueError(f"sheet name {sheet.name!r} appears twice")
            seen.add(key)
        return self


def describe_errors(exc: ValidationError, limit: int = 3) -> str:
    """A short English description of what is wrong (field paths and reasons, no values)."""
    parts = []
    for err in exc.errors(include_url=False, include_input=False)[:limit]:
        where = ".".join(str(p) for p in err["loc"]) or "body"
        parts.append(f"{where}: {err['msg']}")
    more = exc.error_count() - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
