"""`factcheck sources`: list, show, delete stored documents and change their metadata, as the API does."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from factcheck.commands.common import add_store_options, existing_store, settings_from_args
from factcheck.commands.ingest import date_option
from factcheck.errors import InputError, NotFoundError
from factcheck.pipeline import Components
from factcheck.render import documents_table
from factcheck.sources.prepare import stored_documents, update_metadata
from factcheck.stages import SourceStore
from factcheck.types import DocumentInfo, DocumentUpdate


def register(sub: Any) -> None:
    """Add the `sources` parser and its actions."""
    p: argparse.ArgumentParser = sub.add_parser(
        "sources", help="list, show, delete stored documents or change their metadata"
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")

    listed = actions.add_parser("list", help="the stored documents, in ingest order")
    listed.add_argument("--speaker", help="only documents with a passage by this speaker")
    listed.add_argument("--format", choices=["table", "json"], default="table")
    listed.set_defaults(func=run_list)

    shown = actions.add_parser("show", help="one document: metadata, size and the speakers in it")
    shown.add_argument("id", metavar="ID")
    shown.add_argument("--format", choices=["text", "json"], default="text")
    shown.set_defaults(func=run_show)

    deleted = actions.add_parser("delete", help="remove documents and their passages")
    deleted.add_argument("ids", nargs="+", metavar="ID")
    deleted.add_argument("--yes", action="store_true", help="do not ask first")
    deleted.set_defaults(func=run_delete)

    changed = actions.add_parser(
        "set", help="change a document's metadata (nothing is embedded again)", description=SET_HELP
    )
    changed.add_argument("id", metavar="ID")
    changed.add_argument("--speaker", help='who spoke the document ("" clears it)')
    changed.add_argument("--title", help='its title ("" clears it)')
    changed.add_argument("--date", type=date_option, help='its date, YYYY-MM-DD ("" clears it)')
    changed.add_argument("--url", help='where it is published ("" clears it)')
    changed.set_defaults(func=run_set)
    for parser in (listed, shown, deleted, changed):
        add_store_options(parser)


SET_HELP = (
    "Change a stored document's metadata without embedding it again. A speaker fills every passage of a "
    "single-speaker document, and the passages without one in a transcript (as --speaker does at ingest)."
)


def _store(args: argparse.Namespace) -> SourceStore:
    return existing_store(Components(settings_from_args(args)))


def run_list(args: argparse.Namespace) -> int:
    """Print the documents (one speaker's, with --speaker)."""
    store = _store(args)
    documents = (
        list(stored_documents(store).values())
        if not args.speaker
        else store.list_documents(0, store.count_documents(args.speaker), args.speaker)
    )
    if args.format == "json":
        body = {"documents": [d.model_dump(mode="json") for d in documents], "total": len(documents)}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    elif not documents:
        who = f" with a passage by {args.speaker!r}" if args.speaker else ""
        print(f"no documents{who}")
    else:
        documents_table(documents, sys.stdout)
    return 0


def _document(store: SourceStore, document_id: str) -> DocumentInfo:
    info = store.get_document(document_id)
    if info is None:
        raise NotFoundError(f"no document with id {document_id!r} (`factcheck sources list` shows the ids)")
    return info


def run_show(args: argparse.Namespace) -> int:
    """Print one document's metadata and the speakers of its passages."""
    store = _store(args)
    info = _document(store, args.id)
    passages = store.passages(info.id, range(info.passages))
    voices = Counter(p.speaker for p in passages if p.speaker)
    if args.format == "json":
        body = info.model_dump(mode="json") | {"speakers": dict(voices.most_common())}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [("id", info.id), ("title", info.title), ("speaker", info.speaker), ("date", info.date), ("url", info.url)]
    rows += [("passages", str(info.passages)), ("characters", str(info.chars))]
    pages = sorted(
        {p.page for p in passages if p.page is not None} | {a.page for p in passages for a in p.anchors if a.page}
    )
    if pages:
        rows.append(("pages", f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])))
    if voices and (len(voices) > 1 or info.speaker is None):
        rows.append(("speakers", ", ".join(f"{name} ({count} passages)" for name, count in voices.most_common())))
    for name, value in rows:
        print(f"{name + ':':12}{value if value is not None else '-'}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete documents after checking every id, asking first unless --yes."""
    store = _store(args)
    ids = list(dict.fromkeys(args.ids))
    missing = [i for i in ids if store.get_document(i) is None]
    if missing:
        raise NotFoundError("no document with id " + ", ".join(repr(i) for i in missing) + "; nothing was deleted")
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("deleting needs --yes when there is no terminal to ask on; nothing was deleted")
        answer = input(f"Delete {len(ids)} document(s): {', '.join(ids)}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing was deleted")
            return 1
    for document_id in ids:
        passages = _document(store, document_id).passages
        store.delete_document(document_id)
        print(f"deleted {document_id!r} ({passages} passages)")
    return 0


def run_set(args: argparse.Namespace) -> int:
    """Change metadata; says what changed."""
    given = {
        name: getattr(args, name) for name in ("speaker", "title", "date", "url") if getattr(args, name) is not None
    }
    store = _store(args)
    _, changed = update_metadata(store, args.id, DocumentUpdate(**given))
    print(f"updated {changed}" if changed else f"nothing changed for {args.id!r}")
    return 0
