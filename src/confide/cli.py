"""The ``confide`` command: list, show, render, check and flips over the casebook."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from . import explain, lint, model, reach, render
from .check import check_case, check_library
from .evaluate import evaluate, flips
from .library import Library, load_library
from .paths import UsageError, check_targets, tree_files
from .problems import ContentError, did_you_mean, one_of


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _library(args: argparse.Namespace, case_args: tuple[str, ...] = ()) -> Library:
    drafts = tuple(Path(c) for c in case_args if c.endswith((".yaml", ".yml")))
    for draft in drafts:
        if not draft.is_file():
            raise UsageError(f"no such case file: {draft}")
    return load_library(getattr(args, "content", None), extra_cases=drafts)


def _case(library: Library, name: str) -> model.Case:
    key = Path(name).stem if name.endswith((".yaml", ".yml")) else name
    case = library.cases.get(key)
    if case is None:
        bad = [p for p in library.problems if Path(p.path).stem == key]
        if bad:
            raise ContentError(bad)
        raise UsageError(f"unknown case '{name}'{did_you_mean(key, library.cases)}; "
                         f"see `confide list`")
    return case


def _situation(library: Library, case: model.Case, args: argparse.Namespace):
    """The tree, facts, jurisdiction and date a show/render/flips command asks about."""
    problems = [p for p in check_case(library, case, verify=False) if p.severity == "error"]
    if problems:
        raise ContentError(problems)
    step = args.step if args.step is not None else len(case.steps)
    if not 1 <= step <= len(case.steps):
        raise UsageError(f"case '{case.id}' has steps 1 to {len(case.steps)}; got --step {step}")
    name = args.jurisdiction or case.jurisdiction
    jurisdiction = library.jurisdictions.get(name)
    if jurisdiction is None:
        raise UsageError(f"unknown jurisdiction '{name}'{did_you_mean(name, library.jurisdictions)}; "
                         f"choose one of: {one_of(library.jurisdictions)}")
    as_of = args.as_of or case.as_of or datetime.date.today()
    tree = library.trees[case.tree]
    return tree, case.facts_at(step - 1), jurisdiction, as_of, step


def cmd_list(args: argparse.Namespace) -> int:
    library = _library(args)
    rows = [{"id": c.id, "title": c.title, "tree": c.tree, "jurisdiction": c.jurisdiction,
             "topics": list(c.topics), "steps": len(c.steps),
             "verdicts": [s.expect for s in c.steps]} for c in library.cases.values()]
    if args.format == "json":
        print(json.dumps(rows, indent=2))
    else:
        width = max((len(r["id"]) for r in rows), default=10)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['jurisdiction']:<12} {r['steps']} steps  {r['title']}")
        print(f"\n{len(rows)} cases, {len(library.trees)} trees, "
              f"{len(library.jurisdictions)} jurisdictions")
    if library.problems:
        print(f"({len(library.problems)} content problems: run `confide check`)", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    library = _library(args, (args.case,))
    case = _case(library, args.case)
    tree, facts, jurisdiction, as_of, step = _situation(library, case, args)
    result = evaluate(tree, facts, jurisdiction, as_of)
    others = explain.elsewhere_verdicts(result, facts, library.jurisdictions, library.parameter_names()) \
        if args.elsewhere else None
    if args.format == "json":
        data = explain.as_dict(result, library.parameter_names())
        if others is not None:
            data["elsewhere_verdicts"] = [{**row, "citations": [c.source for c in row["citations"]]}
                                          for row in others]
        data.update(case=case.id, title=case.title, step=step, steps=len(case.steps),
                    step_title=case.steps[step - 1].title, facts=_jsonable(facts),
                    expected=case.steps[step - 1].expect if jurisdiction.id == case.jurisdiction
                    else case.steps[step - 1].expect_in.get(jurisdiction.id))
        print(json.dumps(data, indent=2, default=str))
    else:
        print(f"{case.title} — step {step} of {len(case.steps)}: {case.steps[step - 1].title}\n")
        print(explain.explain(result, library.parameter_names()))
        if others is not None:
            print("\n" + explain.elsewhere_text(others, jurisdiction))
    return 0


def _jsonable(facts: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in facts.items()}


def cmd_render(args: argparse.Namespace) -> int:
    library = _library(args, (args.case,))
    case = _case(library, args.case)
    tree, facts, jurisdiction, as_of, _ = _situation(library, case, args)
    result = evaluate(tree, facts, jurisdiction, as_of)
    output = Path(args.output)
    fmt = output.suffix.lstrip(".").lower()
    if fmt not in {"svg", "png", "pdf", "dot"}:
        raise UsageError(f"cannot render to '.{fmt}'; use .svg, .png, .pdf or .dot")
    if output.exists() and not args.force:
        raise UsageError(f"{output} exists; pass --force to replace it")
    digraph = render.to_dot(tree, result, library.parameter_names())
    data = digraph.source.encode() if fmt == "dot" else render.pipe(digraph, fmt)
    output.write_bytes(data)
    print(f"wrote {output}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    root, drafts, only = check_targets(args.paths)
    library = load_library(root or getattr(args, "content", None), extra_cases=drafts)
    results = reach.case_results(library)
    problems = check_library(library, results=results)
    problems += lint.author_findings(library, max_age_days=args.max_age_days, strict=args.strict,
                                     whole_library=only is None, results=results)
    if only is not None:
        resolved = {name: Path(name).resolve() for name in {p.path for p in problems}}
        problems = [p for p in problems if resolved[p.path] in only]
    errors = [p for p in problems if p.severity == "error"]
    if args.format == "json":
        print(json.dumps({"ok": not errors, "problems": [p.as_dict() for p in problems]}, indent=2))
    else:
        for problem in problems:
            print(problem)
        summary = (f"{len(library.trees)} trees, {len(library.cases)} cases, "
                   f"{len(library.jurisdictions)} jurisdictions")
        if errors:
            print(f"{_count(len(errors), 'error')}, {_count(len(problems) - len(errors), 'warning')} "
                  f"({summary})", file=sys.stderr)
        else:
            scope = f"{_count(len(only), 'file')} checked within " if only is not None else ""
            print(f"ok: {scope}{summary}; {_count(len(problems), 'warning')}")
    return 1 if errors else 0


def cmd_cache(args: argparse.Namespace) -> int:
    from . import cache

    where = cache.folder()
    if where is None:
        print("the cache is off (CONFIDE_CACHE=off)")
    elif args.clear:
        print(f"removed {_count(cache.clear(), 'cached file')} from {where}")
    else:
        entries = [p for p in where.glob("??/*") if p.is_file()] if where.is_dir() else []
        size = sum(p.stat().st_size for p in entries)
        print(f"{where}: {_count(len(entries), 'cached file')}, {size / 1e6:.1f} MB "
              "(set CONFIDE_CACHE to move it, or to off)")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import CASE_ID, write_new_case

    if not CASE_ID.match(args.case_id):
        raise UsageError(f"case id '{args.case_id}' must be lower-case letters, digits and _ "
                         f"(3-61 characters, starting with a letter); it becomes the file name")
    library = _library(args)
    tree = library.trees.get(args.tree)
    if tree is None:
        raise UsageError(f"unknown tree '{args.tree}'{did_you_mean(args.tree, library.trees)}; "
                         f"trees: {one_of(library.trees)}")
    jurisdiction = library.jurisdictions.get(args.jurisdiction)
    if jurisdiction is None:
        raise UsageError(f"unknown jurisdiction '{args.jurisdiction}'"
                         f"{did_you_mean(args.jurisdiction, library.jurisdictions)}; "
                         f"jurisdictions: {one_of(library.jurisdictions)}")
    folder = args.dir or (Path("casebook") if Path("casebook").is_dir() else Path("."))
    target = folder / f"{args.case_id}.yaml"
    try:
        write_new_case(args.case_id, tree, jurisdiction, target)
    except FileExistsError:
        print(f"confide: {target} already exists; nothing was written (choose another id)", file=sys.stderr)
        return 1
    print(f"wrote {target}: fill in the TODOs, then run `confide check {target}`")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from .handout import BrowserMissing, footer_html, handout_html, print_pdfs

    library = _library(args, (args.case,) if args.case else ())
    if bool(args.case) == bool(args.all):
        raise UsageError("give one CASE, or --all with -o DIR/")
    cases = list(library.cases.values()) if args.all else [_case(library, args.case)]
    if args.jurisdiction and args.jurisdiction not in library.jurisdictions:
        raise UsageError(f"unknown jurisdiction '{args.jurisdiction}'"
                         f"{did_you_mean(args.jurisdiction, library.jurisdictions)}")
    output = Path(args.output)
    if args.all:
        output.mkdir(parents=True, exist_ok=True)
        suffix = "-instructor" if args.instructor else ""
        targets = [output / f"{c.id}{suffix}.pdf" for c in cases]
    else:
        if output.suffix.lower() != ".pdf":
            raise UsageError("the handout is a PDF: use -o FILE.pdf")
        targets = [output]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not args.force:
        raise UsageError(f"{len(existing)} file(s) exist ({existing[0]}, …); pass --force to replace them")
    blocked = [p for c in cases for p in check_case(library, c, verify=False) if p.severity == "error"]
    if blocked:
        raise ContentError(blocked)
    jobs = [(handout_html(library, c, args.jurisdiction, args.instructor, args.paper), t,
             footer_html(c, args.instructor)) for c, t in zip(cases, targets, strict=True)]
    try:
        written = print_pdfs(jobs, args.paper)
    except BrowserMissing as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} handout(s)" + (f" to {output}" if args.all else f": {output}"))
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import write_bundle

    library = _library(args)
    errors = [p for p in check_library(library) if p.severity == "error"]
    if errors:
        raise ContentError(errors)  # only clean content is bundled
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UsageError(f"{output} exists; pass --force to replace it")
    write_bundle(library, output)
    print(f"wrote {output}: {len(library.trees)} trees, {len(library.cases)} cases, "
          f"{len(library.jurisdictions)} jurisdictions")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    import json

    from .release import write_versions

    for text in args.notebooks:
        source = Path(text)
        if source.suffix != ".ipynb" or not source.is_file():
            raise UsageError(f"{source} is not a notebook file (.ipynb)")
        try:
            written = write_versions(source, Path(args.output), args.force)
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{source} is not a readable notebook: {exc}") from None
        print("wrote " + " and ".join(str(p) for p in written))
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import as_table, coverage

    root, drafts, only = check_targets(args.paths) if args.paths else (None, (), None)
    library = load_library(root or getattr(args, "content", None), extra_cases=drafts)
    if only is not None:  # what these case files exercise
        library.cases = {k: c for k, c in library.cases.items() if Path(c.path).resolve() in only}
    report = coverage(library)
    print(json.dumps(report, indent=2) if args.format == "json" else as_table(report))
    if args.fail_under is not None and report["percent"] < args.fail_under:
        print(f"coverage {report['percent']}% is below --fail-under {args.fail_under}%", file=sys.stderr)
        return 1
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def cmd_flips(args: argparse.Namespace) -> int:
    library = _library(args, (args.case,))
    case = _case(library, args.case)
    tree, facts, jurisdiction, as_of, step = _situation(library, case, args)
    base = evaluate(tree, facts, jurisdiction, as_of)
    found = flips(tree, facts, jurisdiction, as_of)
    rows = [{"fact": f.fact, "was": f.was, "becomes": f.becomes, "verdict": f.result.verdict,
             "path": list(f.result.nodes)} for f in found]
    if args.format == "json":
        print(json.dumps({"verdict": base.verdict, "flips": rows}, indent=2, default=str))
        return 0
    print(f"{case.title} — step {step}, {jurisdiction.name}: {explain.verdict_words(base.verdict)}")
    if not found:
        print("No single change of fact changes the verdict.")
    for flip in found:
        print(f"- {explain.describe_change(tree, flip)} → {explain.verdict_words(flip.result.verdict)}")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from . import sources

    library = _library(args)
    if args.jurisdiction:
        jurisdiction = library.jurisdictions.get(args.jurisdiction)
        if jurisdiction is None:
            raise UsageError(f"unknown jurisdiction '{args.jurisdiction}'"
                             f"{did_you_mean(args.jurisdiction, library.jurisdictions)}")
        print(sources.listing_text(library, jurisdiction))
        return 0
    data = sources.report(library)
    print(json.dumps(data, indent=2) if args.format == "json" else sources.report_text(data))
    return 0


def cmd_shorthand(args: argparse.Namespace) -> int:
    from .rewrite import Refused, registry_for, rewrite, write

    files = tree_files(args.paths)
    registries: dict[Path, object] = {}
    failed = pending = 0
    for path in files:
        key = path.resolve().parent
        if key not in registries:  # a broken sources file stops here, reported path:line by main()
            registries[key] = registry_for(path)
        try:
            result = rewrite(path, registries[key])
        except ContentError as exc:
            failed += 1
            print(f"confide: {path} does not load as a tree; fix it first (nothing was rewritten):", file=sys.stderr)
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        except Refused as exc:
            failed += 1
            print(f"confide: {exc}", file=sys.stderr)
            continue
        before, after = result.old.count("\n"), result.new.count("\n")
        if args.write:
            if result.changed:
                try:
                    write(result)
                except Refused as exc:
                    failed += 1
                    print(f"confide: {exc}", file=sys.stderr)
                    continue
            print(f"{path}: {before} -> {after} lines" + ("" if result.changed else " (already short)"))
        elif args.check:
            if result.changed:
                pending += 1
                print(f"{path}: would be {before} -> {after} lines")
        else:
            if len(files) > 1:
                print(f"# ==> {path}: {before} -> {after} lines <==")
            sys.stdout.write(result.new)
    if args.check and not failed:
        print(f"{pending} of {_count(len(files), 'file')} would change" if pending else
              f"ok: {_count(len(files), 'file')} already in the shorthand", file=sys.stderr)
    return 1 if failed or pending else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="confide", description=(
        "Teach when a psychotherapist must, may or must not disclose. " + model.NOT_LEGAL_ADVICE))
    parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the cases")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_list)

    def situation(p: argparse.ArgumentParser) -> None:
        p.add_argument("case", help="case id, or the path of a case file")
        p.add_argument("--step", type=int, help="1-based step (default: the last)")
        p.add_argument("--jurisdiction", "-j", help="jurisdiction id (default: the case's own)")
        p.add_argument("--as-of", type=_date, help="date whose law applies (YYYY-MM-DD)")

    p = sub.add_parser("show", help="verdict, actions, path and citations for a case step")
    situation(p)
    p.add_argument("--elsewhere", action="store_true",
                   help="also compare: the verdict and deciding rule in every other jurisdiction")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("render", help="draw the tree with the path taken")
    situation(p)
    p.add_argument("-o", "--output", required=True, help="FILE.svg, .png, .pdf or .dot")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("check", help="check content; exit 1 with path:line: message lines")
    p.add_argument("paths", nargs="*", help="case files, or a content folder (default: bundled)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true", help="identifier-like text in cases is an error")
    p.add_argument("--max-age-days", type=int, default=730, metavar="DAYS",
                   help="warn about sources last read longer ago than this (default 730)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="write a commented case scaffold (never overwrites)")
    p.add_argument("case_id", help="the new case's id, which becomes its file name")
    p.add_argument("--tree", "-t", required=True)
    p.add_argument("--jurisdiction", "-j", required=True)
    p.add_argument("--dir", type=Path, help="folder to write into (default: ./casebook if present)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("handout", help="printable PDF handouts (student, or --instructor)")
    p.add_argument("case", nargs="?", help="case id or path (or --all)")
    p.add_argument("--all", action="store_true", help="every case, one PDF each, into -o DIR/")
    p.add_argument("--jurisdiction", "-j", help="jurisdiction id (default: each case's own)")
    p.add_argument("--instructor", action="store_true", help="add verdicts, paths and teaching notes")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4", type=str.lower,
                   help="page size (default a4)")
    p.add_argument("-o", "--output", required=True, help="FILE.pdf, or a folder with --all")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(func=cmd_handout)

    p = sub.add_parser("bundle", help="the checked content as one JSON file (for the browser build)")
    p.add_argument("-o", "--output", required=True, help="FILE.json")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("coverage", help="which nodes, edges, verdicts and jurisdictions cases exercise")
    p.add_argument("paths", nargs="*", help="case files or a content folder (default: the bundled content)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--fail-under", type=float, metavar="PCT", help="exit 1 below this percentage")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("sources", help="per jurisdiction: rules resting on official text, a copy, or nothing read")
    p.add_argument("--jurisdiction", "-j", help="list this jurisdiction's sources one by one")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("shorthand", help="rewrite trees into the shorthand (prints; --write rewrites, "
                                         "only when the tree loads to an identical model)")
    p.add_argument("paths", nargs="+", help="tree files, or a folder of them (decision_trees/)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the files in place (comments kept)")
    mode.add_argument("--check", action="store_true", help="exit 1 if any file would change")
    p.set_defaults(func=cmd_shorthand)

    p = sub.add_parser("flips", help="every single-fact change that would change the verdict")
    situation(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_flips)

    p = sub.add_parser("release", help="student and instructor versions of exercise notebooks (cells tagged "
                                       "instructor / student)")
    p.add_argument("notebooks", nargs="+", help="source notebooks, e.g. notebooks/predict.ipynb")
    p.add_argument("-o", "--output", required=True, help="folder: writes OUTPUT/student/ and OUTPUT/instructor/")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("cache", help="where loaded files are cached (by content), and --clear to empty it")
    p.add_argument("--clear", action="store_true", help="delete every cached entry")
    p.set_defaults(func=cmd_cache)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 2
    except render.DotMissing as exc:
        print(f"confide: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
