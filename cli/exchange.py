"""Commands that move a plan's content in and out: export and import."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialplan.core.edits import describe
from socialplan.core.i18n import _, ngettext

if TYPE_CHECKING:
    from socialplan.data.session import PlanSession
from .common import plan_target, read_input, write_output


def run_export(args: argparse.Namespace) -> int:
    from socialplan.data.interface import read_plan_at

    plan_data = read_plan_at(plan_target(args))
    channel = None
    if args.channel:
        named = plan_data.channel_named(args.channel)
        channel = named.id if named else None
        if channel is None:
            names = ", ".join(c.name for c in plan_data.channels)
            print(
                _("socialplan: there is no channel {channel!r} ({names})").format(
                    channel=args.channel, names=names
                ),
                file=sys.stderr,
            )
            return 1
    if args.what == "csv" and args.layout != "socialplan":
        return _export_for_scheduler(args, plan_data, channel)
    from socialplan.core.validation import InvalidInputError
    from socialplan.data.exports import export_payload

    try:
        payload = export_payload(
            args.what,
            plan_data,
            datetime.now(UTC),
            channel=channel,
            start=args.start,
            end=args.end,
            every_status=args.all,
            statuses=args.status,
            report_format=args.format,
            iteration=args.iteration,
        )
    except InvalidInputError as error:
        print(_("socialplan: {error}").format(error=error.problem.message), file=sys.stderr)
        return 1
    if args.output in (None, "-"):
        sys.stdout.buffer.write(payload)
        return 0
    target = Path(args.output).expanduser()
    return 0 if write_output(target, payload, plan_target(args), replace=args.force) else 1


def _export_for_scheduler(args: argparse.Namespace, plan_data: Any, channel: int | None) -> int:
    """``export csv --layout sprout|hootsuite``: the scheduler's bulk files, what they
    cannot carry said on standard error."""
    from socialplan.core.schedule import items_in_range
    from socialplan.data.scheduler_csv import scheduler_export

    items = items_in_range(plan_data, channel, args.start, args.end, args.status)
    made = scheduler_export(plan_data, items, args.layout, day_first=not args.month_first)
    for warning in made.warnings:
        print(_("socialplan: note: {warning}").format(warning=warning), file=sys.stderr)
    if args.output in (None, "-"):
        if len(made.files) > 1:
            print(
                _("socialplan: that is more than one file: write them with -o FILE"),
                file=sys.stderr,
            )
            return 1
        sys.stdout.buffer.write(made.files[0] if made.files else b"")
        return 0
    target = Path(args.output).expanduser()
    names = (
        [target]
        if len(made.files) == 1
        else [
            target.with_name(f"{target.stem}-{n}{target.suffix}")
            for n in range(1, len(made.files) + 1)
        ]
    )
    for name, payload in zip(names, made.files, strict=True):
        if not write_output(name, payload, plan_target(args), replace=args.force):
            return 1
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.what == "csv":
        return _import_csv(args)
    if args.what == "json":
        return _import_json(args)
    return _import_results(args)


def _import_csv(args: argparse.Namespace) -> int:
    from socialplan.core.bulk import plan_bulk_import
    from socialplan.data.bulk_csv import MAX_FILE_BYTES, BulkFileError, parse_bulk_bytes

    try:
        raw, source = read_input(args.file, MAX_FILE_BYTES)
    except OSError as error:
        print(
            _("socialplan: nothing imported: cannot read {path}: {value}").format(
                path=args.file, value=error.strerror or error
            ),
            file=sys.stderr,
        )
        return 1
    try:
        found = parse_bulk_bytes(raw, source.name)
    except BulkFileError as error:
        print(_("socialplan: nothing imported: {error}").format(error=error), file=sys.stderr)
        return 1
    with _session(args) as session:
        planned = plan_bulk_import(
            session.shown,
            found.rows,
            channel=args.channel,
            day_first=not args.month_first,
            delete_missing=args.delete_missing,
        )
        if planned.problems:
            print(
                _("socialplan: nothing imported from {file}:").format(file=args.file),
                file=sys.stderr,
            )
            for problem in planned.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"{found.describe()}: {planned.describe()}.")
        for _before, after in planned.changed:
            print(_("  changed: {title!r}").format(title=after.title))
        for gone in planned.missing:
            print(_("  not in the file, deleted: {title!r}").format(title=gone.title))
        if args.dry_run:
            print(_("Dry run: nothing was written."))
            return 0
        entities = (*planned.added, *(after for _before, after in planned.changed))
        bases = tuple(before for before, _after in planned.changed)
        label = _("import {count} posts").format(count=len(entities))
        saved = _saved_through(session, entities, bases, label, _("Saved to {path}."))
        if saved or not planned.missing:
            return saved
        return _deleted_through(session, tuple(planned.missing))


def _deleted_through(session: PlanSession, posts: tuple[Any, ...]) -> int:
    """Delete the posts a spreadsheet no longer holds, as a second edit."""
    from socialplan.data.requests import Delete
    from socialplan.data.session import Outcome

    label = ngettext("delete {count} post", "delete {count} posts", len(posts)).format(
        count=len(posts)
    )
    result = session.submit(Delete(posts, label))
    if result.outcome is Outcome.SAVED:
        print(
            ngettext(
                "Deleted {count} post that is not in the file.",
                "Deleted {count} posts that are not in the file.",
                len(posts),
            ).format(count=len(posts))
        )
        return 0
    print(
        _("socialplan: the posts not in the file are not deleted: {message}").format(
            message=result.message or result.outcome.value
        ),
        file=sys.stderr,
    )
    return 1


@contextlib.contextmanager
def _session(args: argparse.Namespace) -> Iterator[PlanSession]:
    """The plan named on the command line, opened for edits through the same pipeline as
    the app's (conflict checks, ids never reused), and closed afterwards."""
    from socialplan.data.interface import open_storage
    from socialplan.data.session import PlanSession

    session = PlanSession(open_storage(plan_target(args)), lambda: datetime.now(UTC))
    try:
        yield session
    finally:
        session.store.close()


def _saved_through(
    session: PlanSession,
    entities: tuple[Any, ...],
    bases: tuple[Any, ...],
    label: str,
    done: str,
    count: int | None = None,
) -> int:
    """Save ``entities`` as one edit; 0 when it landed, else 1 with why (nothing written).
    ``done`` says so, with ``count`` (by default, how many entities were saved)."""
    from socialplan.data.requests import Save
    from socialplan.data.session import Outcome

    if not entities:
        print(_("Nothing to save."))
        return 0
    result = session.submit(Save(entities, label, bases=bases))
    if result.outcome is Outcome.SAVED:
        print(done.format(path=session.store.path, count=len(entities) if count is None else count))
        return 0
    if result.outcome is Outcome.CONFLICT:
        why = _("{describe} was changed in another session meanwhile").format(
            describe=describe(result.theirs)
        )
    elif result.outcome is Outcome.GONE:
        why = _("{describe} was deleted in another session meanwhile").format(
            describe=describe(result.mine)
        )
    else:
        why = result.message
    print(_("socialplan: nothing imported: {why}").format(why=why), file=sys.stderr)
    return 1


def _import_json(args: argparse.Namespace) -> int:
    from socialplan.data.interface import create_plan_at, plan_exists
    from socialplan.data.plan_json import PlanJSONError, parse_plan_json
    from socialplan.data.storage import MAX_PLAN_BYTES

    try:
        raw, source = read_input(args.file, MAX_PLAN_BYTES)
    except OSError as error:
        raise PlanJSONError(Path(args.file), error.strerror or str(error)) from None
    plan_data = parse_plan_json(raw, source)
    target = plan_target(args)
    summary = _("{name!r}: {count} posts, {count2} channels").format(
        name=plan_data.plan.name, count=len(plan_data.items), count2=len(plan_data.channels)
    )
    if args.dry_run:
        print(
            _("Dry run: would write {summary} to {target}; nothing was written.").format(
                summary=summary, target=target
            )
        )
        return 0
    if not plan_exists(target):
        create_plan_at(target, plan_data)
        print(_("Created {target} with {summary}.").format(target=target, summary=summary))
        return 0
    if not args.replace:
        print(
            _(
                "socialplan: {target} already holds a plan; add --replace to replace it "
                "(it is kept as a backup first), or choose another file with --db."
            ).format(target=target),
            file=sys.stderr,
        )
        return 1
    with _session(args) as session:
        session.replace_plan(plan_data)
    print(
        _("Replaced {target} with {summary}; the plan it held is kept as a backup.").format(
            target=target, summary=summary
        )
    )
    return 0


def _import_results(args: argparse.Namespace) -> int:
    from socialplan.core.imports import plan_import
    from socialplan.core.validation import InvalidInputError
    from socialplan.data.results_file import (
        MAX_BYTES,
        ResultsFileError,
        read_results_bytes,
    )

    try:
        raw, source = read_input(args.file, MAX_BYTES)
        found = read_results_bytes(raw, source)
    except OSError as error:
        print(
            _("socialplan: {error}").format(
                error=ResultsFileError(
                    Path(args.file),
                    [_("cannot be read: {value}").format(value=error.strerror or error)],
                )
            ),
            file=sys.stderr,
        )
        return 1
    except ResultsFileError as error:
        print(_("socialplan: {error}").format(error=error), file=sys.stderr)
        return 1
    with _session(args) as session:
        try:
            planned = plan_import(session.shown, found.platform, found.posts, args.channel)
        except InvalidInputError as error:
            print(
                _("socialplan: nothing imported: {message}").format(message=error.problem.message),
                file=sys.stderr,
            )
            return 1
        keep = args.unmatched == "keep"
        print(_("Read as {recognised}.").format(recognised=found.describe()))
        print(f"{planned.describe(keep_unmatched=keep)}.")
        print(_("Figures in it: {measures}.").format(measures=planned.measures()))
        if changes := planned.changes():
            print(_("Against the earlier import: {changes}.").format(changes=changes))
        if planned.remembers:
            print(
                _("{platform} results go to {channel} from now on.").format(
                    platform=planned.platform_name, channel=planned.channel.name
                )
            )
        for row in planned.unmatched:
            post = row.post
            print(
                _("  unmatched, line {line}: {posted} {text!r}").format(
                    line=post.line, posted=post.posted, text=post.text[:60]
                )
            )
        results = planned.results(keep_unmatched=keep)
        if args.dry_run:
            print(_("Dry run: nothing was written."))
            return 0
        done = ngettext(
            "Saved {count} result to {path}.", "Saved {count} results to {path}.", len(results)
        )
        entities = planned.entities(keep_unmatched=keep)
        label = planned.label(len(results))
        return _saved_through(session, entities, (), label, done, len(results))
