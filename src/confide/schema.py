"""JSON Schemas for content files, generated from the models (editors complete and validate)."""

from __future__ import annotations

import json
from pathlib import Path

from . import model, shorthand

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DOCUMENTS = {"tree": model.Tree, "case": model.Case, "jurisdiction": model.Jurisdiction,
             "sources": model.SourceFile}


def generate(name: str) -> dict:
    from pydantic import TypeAdapter

    schema = TypeAdapter(DOCUMENTS[name]).json_schema()
    defs = schema.get("$defs", {})
    if "Citation" in defs:  # content writes `cite: <id>`; an inline citation stays allowed
        defs["CitationRef"] = TypeAdapter(model.CitationRef).json_schema()
        inline = defs.pop("Citation")
        inline.get("properties", {}).pop("id", None)
        defs["InlineCitation"] = inline
        defs["Citation"] = {"anyOf": [{"$ref": "#/$defs/CitationRef"}, {"$ref": "#/$defs/InlineCitation"}]}
    if name == "tree":  # yes/no/cases/otherwise, compact `when`, plain source ids
        shorthand.written_schema(schema, TypeAdapter(model.Target).json_schema())
    elif "Citation" in defs:
        shorthand.written_schema(schema)  # plain source ids
    for injected in ("id", "path"):  # set by the loader from the file name, never written
        schema.get("properties", {}).pop(injected, None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Confide {name} file"
    return schema


def render_text(name: str) -> str:
    return json.dumps(generate(name), indent=2, sort_keys=True) + "\n"


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def write_all() -> list[Path]:
    SCHEMA_DIR.mkdir(exist_ok=True)
    written = []
    for name in DOCUMENTS:
        schema_path(name).write_text(render_text(name))
        written.append(schema_path(name))
    return written
