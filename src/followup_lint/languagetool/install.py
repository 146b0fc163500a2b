"""Getting LanguageTool's jars: Maven fetches them from Maven Central into a cache folder.

The pom next to this file pins the version; ``install()`` runs
``mvn dependency:copy-dependencies`` into ``<cache>/languagetool/<version>/lib`` once and
marks the folder complete, so later calls return at once.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ..errors import GrammarUnavailable

#: The pinned LanguageTool version (keep in step with pom.xml).
LT_VERSION = "6.8"
#: The file that marks a finished install; it lists the jars fetched.
_COMPLETE = ".complete"
#: Maven fetches ~100 MB on a cold cache; give it time, but not forever.
_MAVEN_TIMEOUT = 900.0


def cache_root() -> Path:
    """The project's cache folder: $FOLLOWUP_LINT_CACHE, else $XDG_CACHE_HOME/followup-lint,
    else ~/.cache/followup-lint."""
    override = os.environ.get("FOLLOWUP_LINT_CACHE")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "followup-lint"


def home(version: str = LT_VERSION) -> Path:
    """The folder of one LanguageTool version: its jars (lib/) and the server's state."""
    return cache_root() / "languagetool" / version


def lib_dir(version: str = LT_VERSION) -> Path:
    """Where the jars of ``version`` live."""
    return home(version) / "lib"


def installed(version: str = LT_VERSION) -> bool:
    """True when every jar of a finished install is in place."""
    lib = lib_dir(version)
    marker = lib / _COMPLETE
    if not marker.is_file():
        return False
    names = [n for n in marker.read_text(encoding="utf-8").splitlines() if n]
    return bool(names) and all((lib / n).is_file() for n in names)


def pom_path() -> Path:
    """The pom kept in the package that names the jars."""
    return Path(str(resources.files(__package__) / "pom.xml"))


def maven_command() -> str:
    """The ``mvn`` to run: $FOLLOWUP_LINT_MVN, else the one on PATH."""
    override = os.environ.get("FOLLOWUP_LINT_MVN")
    found = shutil.which(override) if override else shutil.which("mvn")
    if not found:
        raise GrammarUnavailable(
            "LanguageTool is not installed and Maven ('mvn') was not found to fetch it; "
            "install Maven and run 'followup-lint languagetool install'")
    return found


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (held while installing or starting a server).

    The folder is made 0700 and the lock file 0600, never through a symlink."""
    from .security import open_private, private_dir

    private_dir(path.parent, root=cache_root())
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def install(version: str = LT_VERSION, *, force: bool = False) -> Path:
    """Fetch the jars with Maven unless they are there already; returns the jar folder.

    Raises GrammarUnavailable when Maven is missing or cannot reach Maven Central.
    """
    if version != LT_VERSION:
        raise GrammarUnavailable(f"only LanguageTool {LT_VERSION} is pinned, not {version}")
    lib = lib_dir(version)
    if installed(version) and not force:
        return lib
    with file_lock(home(version) / "install.lock"):
        if installed(version) and not force:  # another process finished meanwhile
            return lib
        mvn = maven_command()
        # Fetch into a fresh folder and swap it in, so a broken fetch never looks complete.
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=home(version)))
        try:
            cmd = [mvn, "-q", "-B", "-f", str(pom_path()), "dependency:copy-dependencies",
                   f"-DoutputDirectory={staging}", "-DincludeScope=runtime"]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True,
                                      timeout=_MAVEN_TIMEOUT, cwd=home(version))
            except subprocess.TimeoutExpired:
                raise GrammarUnavailable(
                    f"Maven did not finish fetching LanguageTool {version} within "
                    f"{_MAVEN_TIMEOUT:.0f} s") from None
            except OSError as e:
                raise GrammarUnavailable(f"Maven could not be run: {e}") from None
            jars = sorted(p.name for p in staging.glob("*.jar"))
            if proc.returncode != 0 or not jars:
                raise GrammarUnavailable(
                    f"Maven could not fetch LanguageTool {version} from Maven Central: "
                    f"{_last_error(proc.stdout + proc.stderr)}")
            (staging / _COMPLETE).write_text("\n".join(jars) + "\n", encoding="utf-8")
            if lib.is_symlink() or lib.is_file():
                lib.unlink()
            elif lib.exists():
                shutil.rmtree(lib)
            staging.rename(lib)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return lib


def _last_error(output: str) -> str:
    """The most telling line of Maven's output, short."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("[ERROR]")]
    line = (errors or lines or ["no output"])[0].removeprefix("[ERROR]").strip()
    return line[:300]
