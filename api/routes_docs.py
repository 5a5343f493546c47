"""Interactive API documentation (Swagger UI) served from an installed package, so it works offline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

# Swagger UI's distribution files ship in the `swagger-ui-py` wheel; only its static directory is used.
ASSET_PACKAGE = "swagger_ui"
ASSET_URL = "/static/swagger-ui"

router = APIRouter(include_in_schema=False)

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factcheck API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{ASSET_URL}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSET_URL}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def swagger_assets() -> Path:
    """The directory of Swagger UI's files, found without importing the package (it imports web frameworks)."""
    spec = importlib.util.find_spec(ASSET_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {ASSET_PACKAGE!r} package (swagger-ui-py) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@router.get("/docs")
async def docs() -> HTMLResponse:
    """Swagger UI over /openapi.json; the bootstrap script is a static file, so the strict policy holds."""
    return HTMLResponse(_PAGE)
