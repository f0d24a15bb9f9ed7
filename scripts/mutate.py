#!/usr/bin/env python3
"""A small mutation check of the portal's guards, to run by hand before a release (not in CI).

Each mutation in ``scripts/mutations.toml`` breaks one guard (a permission check, an append-only
rule, a page-cache condition, an upload limit…) by replacing one exact snippet of one file. The
mutations are applied one at a time; the tests that should notice are run; the file is put back
byte for byte. A mutation the tests notice is *killed*; one they do not notice *SURVIVED*: the
guard could break without any test failing, so a test is missing.

    .venv/bin/python scripts/mutate.py --copy         # every mutation, on a copy (30-60 min)
    .venv/bin/python scripts/mutate.py --only ID ...  # some of them (ids, or comma-separated)
    .venv/bin/python scripts/mutate.py --list         # list them and check every snippet
    .venv/bin/python scripts/mutate.py --full ...     # the whole suite for each, not its tests

First each mutation's selection of tests runs once unmutated (a failure stops the run: the
results would mean nothing; a test that fails once then passes is named as flaky). A mutation
marked ``needs = "postgresql"`` is skipped unless DATABASE_URL is a PostgreSQL one. A kill is
confirmed by running the failing tests again, alone, against the mutant: a flaky test is not
taken for a kill. Each run keeps its transcript (``run.txt``) and every pytest output
(``logs/<id>.log``) in ``var/mutate/runs/<date-time-pid>/``; ``var/mutate/latest`` links the
newest.

Exit status: 0 when every mutation judged was killed, 1 when one survived or could not be judged,
2 when the list itself is wrong (a snippet not found exactly once in its file: fix the list after
a change to the code) or the tests fail before any mutation, 130 when interrupted.

Safety: without ``--copy`` the checkout itself is mutated, one file at a time: anyone running
tests in it meanwhile sees the mutant. The original bytes are kept in memory and in a backup
under ``var/mutate/backup/`` while a mutation is applied, restored in a ``finally`` (also on
Ctrl-C, SIGTERM, SIGHUP or an error) and checked by SHA-256. If someone edited the file
meanwhile, only the mutated snippet is turned back (their edit is kept), or, when that cannot be
done safely, the file is left alone and the backup named. A run killed outright (SIGKILL, power
cut) is repaired at the start of the next one. Mutant bytecode is never written into
``__pycache__`` (PYTHONDONTWRITEBYTECODE). With ``--copy`` the working tree, uncommitted changes
included, is copied to a temporary folder and mutated there: the checkout stays untouched and
others may keep working and testing in it (several ``--copy`` runs may go at once; only one run
at a time may mutate the checkout itself).
"""

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LIST = Path(__file__).resolve().parent / "mutations.toml"
PYTEST_ARGS = ["-m", "not browser", "-x", "-q", "-p", "no:randomly"]
DEFAULT_TESTS = ["tests"]
STATE_DIR = Path("var") / "mutate"  # under the root: git-ignored


class ListError(Exception):
    """The mutation list is wrong (exit status 2)."""


class Interrupted(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl-C, so every ``finally`` restores its file."""


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@dataclass
class Mutation:
    id: str
    file: str
    original: str
    replacement: str
    description: str
    tests: list = field(default_factory=list)
    needs: str = ""
    line: int = 0

    def missing_need(self):
        """Why this mutation cannot be judged here ("" when it can)."""
        if self.needs == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith(
            "postgres"
        ):
            return "needs PostgreSQL (DATABASE_URL)"
        return ""

    def selection(self):
        return self.tests or DEFAULT_TESTS


def load(list_path, root, wanted=()):
    """The mutations of ``list_path``, checked against the files under ``root`` (only those
    in ``wanted`` when it names some: a run of a few is not stopped by an unrelated one)."""
    with open(list_path, "rb") as handle:
        data = tomllib.load(handle)
    entries = data.get("mutation", [])
    if not entries:
        raise ListError(f"{list_path}: no [[mutation]] entries")
    mutations, problems, seen = [], [], set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("id", f"#{number}")
        missing = [
            k for k in ("id", "file", "original", "replacement", "description") if k not in entry
        ]
        known = {"id", "file", "original", "replacement", "description", "tests", "needs"}
        unknown = set(entry) - known
        if missing or unknown:
            problems.append(
                f"{name}: missing {missing or '-'}, unknown keys {sorted(unknown) or '-'}"
            )
            continue
        if name in seen:
            problems.append(f"{name}: the id is used twice")
        seen.add(name)
        tests = entry.get("tests", [])
        if isinstance(tests, str):
            tests = shlex.split(tests)
        mutation = Mutation(
            id=name,
            file=entry["file"],
            original=entry["original"],
            replacement=entry["replacement"],
            description=" ".join(entry["description"].split()),
            tests=list(tests),
            needs=entry.get("needs", ""),
        )
        if mutation.needs not in ("", "postgresql"):
            problems.append(f"{name}: needs is {mutation.needs!r}, not 'postgresql'")
        problem = check(mutation, root) if not wanted or name in wanted else None
        if problem:
            problems.append(f"{name} ({mutation.file}): {problem}")
        mutations.append(mutation)
    if problems:
        raise ListError("the mutation list does not match the code:\n  " + "\n  ".join(problems))
    return mutations


def check(mutation, root):
    """Why ``mutation`` cannot be applied as written (None when it can); sets its line."""
    path = root / mutation.file
    if not path.is_file():
        return "no such file"
    text = path.read_text(encoding="utf-8")
    count = text.count(mutation.original)
    if count != 1:
        return f"the original text is found {count} times, not exactly once"
    if mutation.original == mutation.replacement:
        return "the replacement is the original"
    mutation.line = text[: text.index(mutation.original)].count("\n") + 1
    if path.suffix == ".py":
        try:
            compile(text.replace(mutation.original, mutation.replacement), str(path), "exec")
        except SyntaxError as error:
            return f"the mutated file does not compile: {error}"
    for selected in mutation.tests:
        target = selected.split("::")[0]
        if not selected.startswith("-") and not (root / target).exists():
            return f"no test path {target}"
    return None


# Applying and restoring ------------------------------------------------------------------------


@contextlib.contextmanager
def signals_deferred():
    """Let no Ctrl-C or SIGTERM cut a file write in half (they act right after)."""
    received = []
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        previous[signum] = signal.signal(signum, lambda s, _f: received.append(s))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if received:
            signal.raise_signal(received[0])


def write_back(path, data, atime_ns, mtime_ns):
    """Write ``data`` into ``path`` in place (same inode and mode), then set its times."""
    with signals_deferred():
        with open(path, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        os.utime(path, ns=(atime_ns, mtime_ns))


class Applied:
    """One mutation applied to its file, with what it takes to undo it safely."""

    def __init__(self, root, mutation):
        self.root = root
        self.path = root / mutation.file
        self.mutation = mutation
        self.backup_dir = root / STATE_DIR / "backup"

    def __enter__(self):
        self.stat = self.path.stat()
        self.original = self.path.read_bytes()
        text = self.original.decode("utf-8")
        if text.count(self.mutation.original) != 1:  # changed since the list was checked
            raise ListError(f"{self.mutation.id}: the original text is no longer found once")
        self.mutated = text.replace(self.mutation.original, self.mutation.replacement).encode()
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        self.backup = self.backup_dir / (self.mutation.file.replace("/", "__") + ".orig")
        self.backup.write_bytes(self.original)
        state = {
            "file": self.mutation.file,
            "backup": str(self.backup),
            "original_sha256": sha256(self.original),
            "mutated_sha256": sha256(self.mutated),
            "mtime_ns": self.stat.st_mtime_ns,
            "atime_ns": self.stat.st_atime_ns,
            "original": self.mutation.original,
            "replacement": self.mutation.replacement,
        }
        (self.backup_dir / "pending.json").write_text(json.dumps(state, indent=1))
        try:
            now = time.time_ns()
            write_back(self.path, self.mutated, now, now)
        except BaseException:
            self.restore()
            raise
        return self

    def restore(self):
        times = (self.stat.st_atime_ns, self.stat.st_mtime_ns)
        snippet = (self.mutation.original, self.mutation.replacement)
        restore_file(self.path, self.original, sha256(self.mutated), times, self.backup, snippet)
        self.backup.unlink(missing_ok=True)
        (self.backup_dir / "pending.json").unlink(missing_ok=True)

    def __exit__(self, *exc):
        self.restore()
        return False


class RestoreError(Exception):
    pass


def restore_file(path, original, mutated_sha, times, backup, snippet):
    """Put ``original`` back in ``path`` if it holds the mutant (or already the original).

    If someone else edited the file while it was mutated, their edit is kept: the mutated
    snippet alone is turned back when it is found exactly once, else the file is left alone.
    """
    current = path.read_bytes()
    if current != original and sha256(current) != mutated_sha:
        before, after = snippet
        text = current.decode("utf-8", errors="surrogateescape")
        if text.count(after) != 1 or before in text:
            raise RestoreError(
                f"{path} was changed by someone else while it was mutated and the mutation "
                f"cannot be undone safely: it is left as it is. Its content before the mutation "
                f"is in {backup}; once the file is right, delete {backup.parent}."
            )
        with signals_deferred(), open(path, "wb") as handle:
            handle.write(text.replace(after, before).encode("utf-8", errors="surrogateescape"))
        print(
            f"mutate: {path} was edited by someone else while mutated: the mutated text alone "
            "is turned back and their edit is kept",
            file=sys.stderr,
        )
        return
    if current != original:
        write_back(path, original, *times)
    if sha256(path.read_bytes()) != sha256(original):
        raise RestoreError(f"{path}: the restored file does not match the original (SHA-256)")


def recover(root):
    """Undo the mutation a killed run left behind (the file still holds the mutant)."""
    pending = root / STATE_DIR / "backup" / "pending.json"
    if not pending.exists():
        return
    state = json.loads(pending.read_text())
    path, backup = root / state["file"], Path(state["backup"])
    original = backup.read_bytes()
    if sha256(original) != state["original_sha256"]:
        raise RestoreError(f"{backup}: the backup is damaged; restore {path} by hand (git diff)")
    times = (state["atime_ns"], state["mtime_ns"])
    snippet = (state["original"], state["replacement"])
    restore_file(path, original, state["mutated_sha256"], times, backup, snippet)
    print(f"restored {state['file']} from the backup of an interrupted run", file=sys.stderr)
    backup.unlink()
    pending.unlink()


# Running the tests -----------------------------------------------------------------------------


def on_signal(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def run_tests(args, root, selection, log_path, in_place, workers=None):
    """Run pytest on ``selection``; returns (pytest exit status or "timeout", seconds)."""
    workers = args.workers if workers is None else workers
    command = [args.python, "-m", "pytest", *PYTEST_ARGS, "-n", str(workers), *selection]
    env = dict(os.environ)
    if in_place:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # no mutant bytecode in the shared __pycache__
    started = time.monotonic()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        log.write("$ " + shlex.join(command) + "\n\n")
        log.flush()
        # Its own session: Ctrl-C reaches this script, which then stops pytest and its workers.
        process = subprocess.Popen(  # noqa: S603 (our own pytest command)
            command, cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            status = process.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            status = "timeout"
        finally:
            if process.poll() is None:
                stop(process)
    return status, time.monotonic() - started


def stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def verdict(status, log_path):
    if status == 0:
        return "SURVIVED"
    if status == 1:
        return "killed"
    if status == "timeout":
        return "killed (timeout)"
    # With -x, pytest-xdist stops the run at the first failure and exits 2 ("Interrupted"),
    # as pytest does for a collection error: both mean the mutant broke a test.
    lines = log_path.read_text(errors="replace").split("\n")
    summary = next((line for line in reversed(lines) if line.strip()), "")
    if status == 2 and re.search(r"\b\d+ (failed|errors?)\b", summary):
        return "killed"
    return f"ERROR (pytest exit {status})"  # 2 interrupted, 3 internal error, 4 usage, 5 no tests


def failed_tests(log_path):
    """The node ids pytest's short summary names as failed (or in error), in order."""
    names = []
    text = log_path.read_text(errors="replace")
    summary = text.rpartition("short test summary info")[2]  # not the captured log lines
    for line in summary.split("\n"):
        for word in ("FAILED ", "ERROR "):
            if line.startswith(word):
                name = line[len(word) :].split(" - ")[0].strip()
                if name and name not in names:
                    names.append(name)
    return names


def judge(args, root, mutation, selection, log, in_place):
    """Run the tests against the applied mutation: (verdict, seconds, first failing test).

    A kill is confirmed: the failing tests run again, alone, against the same mutant. If they
    pass then, the failure was a flaky test, not the mutant's doing, and the whole selection
    runs once more to judge it.
    """
    status, seconds = run_tests(args, root, selection, log, in_place)
    result, failing = verdict(status, log), failed_tests(log)
    if result == "killed" and failing:
        confirm = log.with_suffix(".confirm.log")
        again, more = run_tests(args, root, failing, confirm, in_place, workers=0)
        seconds += more
        if again == 0:
            print(f"(flaky: {failing[0]} passed when run again) ", end="", flush=True)
            status, more = run_tests(args, root, selection, log, in_place)
            seconds += more
            result, failing = verdict(status, log), failed_tests(log)
    return result, seconds, failing[0] if failing and result.startswith("killed") else ""


def fmt(seconds):
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


class Tee:
    """Write to a stream and to a file: the run's report survives a closed terminal."""

    def __init__(self, stream, file):
        self.stream, self.file = stream, file

    def write(self, text):
        self.file.write(text)
        self.file.flush()
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


def copy_tree(source):
    """Copy the working tree (tracked and untracked, not ignored files) to a temporary folder."""
    target = Path(tempfile.mkdtemp(prefix="mutate-"))
    git = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    listing = subprocess.run(  # noqa: S603
        git,
        cwd=source,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        src = source / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    if (source / "node_modules").is_dir():  # only the browser tests use it
        (target / "node_modules").symlink_to(source / "node_modules")
    return target


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Break one guard at a time and check that the tests notice."
    )
    parser.add_argument("--list", action="store_true", help="list the mutations and check them")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ID",
        nargs="+",
        help="run only these mutations (ids, or comma-separated)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="run the whole non-browser suite for each mutation, not its selection",
    )
    parser.add_argument(
        "--copy",
        action="store_true",
        help="mutate a temporary copy of the working tree, not the checkout",
    )
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the unmutated run that shows the selected tests pass",
    )
    parser.add_argument("--workers", "-n", type=int, default=2, help="pytest-xdist workers (2)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per test run (900)")
    parser.add_argument("--mutations", type=Path, default=DEFAULT_LIST, help="the mutation list")
    venv_python = REPO / ".venv" / "bin" / "python"
    parser.add_argument(
        "--python",
        default=str(venv_python if venv_python.exists() else sys.executable),
        help="the Python that runs pytest (.venv/bin/python)",
    )
    return parser.parse_args(argv)


def chosen(args):
    """The mutations to run (all checked against the code); ListError when something is off."""
    wanted = {i for group in args.only for item in group for i in item.split(",") if i}
    mutations = load(args.mutations, REPO, wanted)
    unknown = wanted - {m.id for m in mutations}
    if unknown:
        raise ListError(f"unknown mutation ids: {', '.join(sorted(unknown))}")
    return [m for m in mutations if m.id in wanted] if wanted else mutations


def baseline(args, root, mutations, logs, in_place):
    """Run each selection once unmutated; False (and a message) when one fails."""
    selections = {
        tuple(DEFAULT_TESTS if args.full else m.selection())
        for m in mutations
        if not m.missing_need()
    }
    for number, selection in enumerate(sorted(selections), start=1):
        log = logs / f"baseline-{number}.log"
        print(f"baseline (no mutation): {' '.join(selection)} ...", end=" ", flush=True)
        status, seconds = run_tests(args, root, list(selection), log, in_place)
        if status != 0:  # once more: a test that fails only now and then is named, not fatal
            shutil.copy(log, log.with_suffix(".failed.log"))
            status, seconds = run_tests(args, root, list(selection), log, in_place)
            if status == 0:
                print(f"FLAKY (failed once: {log.with_suffix('.failed.log')})", end=" ")
        print(f"{'passed' if status == 0 else 'FAILED'} {fmt(seconds)}", flush=True)
        if status != 0:
            print(
                f"mutate: the tests fail without any mutation (see {log}): fix them first",
                file=sys.stderr,
            )
            return False
    return True


def run_all(args, root, mutations, logs, results):
    in_place = not args.copy
    if not args.no_baseline and not baseline(args, root, mutations, logs, in_place):
        return False
    width = max(len(m.id) for m in mutations)
    for number, mutation in enumerate(mutations, start=1):
        selection = DEFAULT_TESTS if args.full else mutation.selection()
        print(f"[{number}/{len(mutations)}] {mutation.id:<{width}} ", end="", flush=True)
        if mutation.missing_need():
            results.append((mutation, f"skipped: {mutation.missing_need()}", 0, ""))
            print(results[-1][1], flush=True)
            continue
        with Applied(root, mutation):
            log = logs / f"{mutation.id}.log"
            result, seconds, killer = judge(args, root, mutation, selection, log, in_place)
        results.append((mutation, result, seconds, killer))
        print(f"{result:<18} {fmt(seconds)}  {killer}", flush=True)
    return True


def lock_checkout():
    """An exclusive lock on mutating this checkout, or None while another run holds it."""
    (REPO / STATE_DIR).mkdir(parents=True, exist_ok=True)
    handle = open(REPO / STATE_DIR / "lock", "w")  # noqa: SIM115 (held for the whole run)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def run_folder():
    """A folder of its own for this run's transcript and logs; ``var/mutate/latest`` names it."""
    folder = REPO / STATE_DIR / "runs" / time.strftime(f"%Y%m%d-%H%M%S-{os.getpid()}")
    (folder / "logs").mkdir(parents=True)
    latest = REPO / STATE_DIR / "latest"
    with contextlib.suppress(OSError):
        latest.unlink(missing_ok=True)
        latest.symlink_to(folder.relative_to(latest.parent))
    return folder


def print_list(mutations):
    for m in mutations:
        tests = " ".join(m.selection())
        needs = f"  needs: {m.needs}" if m.needs else ""
        print(f"{m.id}\n    {m.file}:{m.line}  tests: {tests}{needs}\n    {m.description}")
    print(f"{len(mutations)} mutations, every snippet found exactly once")


def unwind_on_signals():
    """Ctrl-C raises KeyboardInterrupt even when started in the background (where the shell
    ignores SIGINT); SIGTERM and SIGHUP unwind the same way. Every path restores the file."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, on_signal)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # under nohup it stays ignored
        signal.signal(signal.SIGHUP, on_signal)


def main(argv=None):
    args = parse_args(argv)
    # A run that mutates the checkout holds the lock; no other run may then mutate it, nor
    # "repair" the file that run has mutated on purpose.
    lock = lock_checkout()
    if lock is None and not args.list and not args.copy:
        print("mutate: another run is mutating this checkout (use --copy)", file=sys.stderr)
        return 2
    try:
        if lock is not None:
            recover(REPO)
        mutations = chosen(args)
    except (ListError, RestoreError) as error:
        busy = " (another run is mutating this checkout now)" if lock is None else ""
        print(f"mutate: {error}{busy}", file=sys.stderr)
        return 2
    if args.list:
        print_list(mutations)
        return 0
    if args.copy and lock is not None:
        lock.close()  # the checkout is not touched: other runs may go on
    unwind_on_signals()
    folder = run_folder()
    transcript = open(folder / "run.txt", "w")  # noqa: SIM115 (open for the whole run)
    sys.stdout, sys.stderr = Tee(sys.stdout, transcript), Tee(sys.stderr, transcript)
    root = copy_tree(REPO) if args.copy else REPO
    if args.copy:
        print(f"mutating a copy of the working tree: {root}")
    print(f"transcript and logs: {folder}")
    logs = folder / "logs"
    results, started = [], time.monotonic()
    try:
        if not run_all(args, root, mutations, logs, results):
            return 2
    except (KeyboardInterrupt, Interrupted):
        print("\ninterrupted: the mutated file is restored", file=sys.stderr)
        report(results, time.monotonic() - started, logs)
        return 130
    except (ListError, RestoreError) as error:
        print(f"\nmutate: {error}", file=sys.stderr)
        return 2
    finally:
        if args.copy:
            shutil.rmtree(root, ignore_errors=True)
    return report(results, time.monotonic() - started, logs)


def report(results, seconds, logs):
    if not results:
        return 1
    print("\n| mutation | guard it breaks | result | time | first failing test |")
    print("|---|---|---|---|---|")
    for mutation, result, took, killer in results:
        test = killer.rsplit("::", 1)[-1]
        print(f"| {mutation.id} | {mutation.description} | {result} | {fmt(took)} | {test} |")
    bad = [(m, r) for m, r, _s, _k in results if r == "SURVIVED" or r.startswith("ERROR")]
    killed = sum(r.startswith("killed") for _m, r, _s, _k in results)
    skipped = sum(r.startswith("skipped") for _m, r, _s, _k in results)
    also = f" ({skipped} skipped)" if skipped else ""
    print(f"\n{killed} of {len(results) - skipped} killed{also} in {fmt(seconds)}; logs in {logs}")
    for mutation, result in bad:
        print(f"{result}: {mutation.id} ({mutation.file}:{mutation.line}): {mutation.description}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
