"""Keeping the local LanguageTool server ours: private files, and who really holds its port.

Threat: another local user (or a process left on a recycled port) must neither receive a
draft nor answer for our server. So:

- the cache and state folders are 0700 and every file in them 0600 whatever the umask; a
  folder owned by another user is refused; files are opened with ``O_NOFOLLOW``, and a
  symlink planted where a file should be is removed, never followed;
- before each connection, the LISTEN socket on 127.0.0.1:port must be held by the
  recorded pid, and that pid must be our server: owned by this user, running
  ``org.languagetool.server.HTTPServer`` with our jars and our home marker
  (``/proc/net/tcp{,6}``, ``/proc/<pid>/fd`` and ``/proc/<pid>/cmdline`` on Linux).
  Without ``/proc`` only the pid being alive and the port answering are checked.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

from ..errors import GrammarUnavailable

#: The LanguageTool server's main class, as it appears in the command line.
SERVER_CLASS = "org.languagetool.server.HTTPServer"
#: A system property naming the home folder: marks a JVM as ours (and which home it serves).
MARKER = "-Dfollowup_lint.home="

_PROC = Path("/proc")


def has_proc() -> bool:
    """True where /proc gives sockets and command lines (Linux)."""
    return (_PROC / "net" / "tcp").is_file()


# --- private folders and files ------------------------------------------------------------


def private_dir(path: Path, *, root: Path | None = None) -> Path:
    """Make ``path`` (and every folder below ``root`` on the way) a 0700 folder of ours.

    Raises GrammarUnavailable when one is owned by another user or is not a folder.
    ``root`` itself (the cache folder the user chose) may be a symlink.
    """
    chain = [path]
    while root is not None and chain[-1] != root and chain[-1].parent != chain[-1] \
            and root in chain[-1].parents:
        chain.append(chain[-1].parent)
    for folder in reversed(chain):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError as e:
            raise GrammarUnavailable(f"cannot create the folder {folder}: {e.strerror}") from None
        info = os.stat(folder) if folder == root else os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode):
            raise GrammarUnavailable(f"{folder} is not a folder (a symlink or file is in the "
                                     f"way); refusing to use it")
        if info.st_uid != os.geteuid():
            raise GrammarUnavailable(f"the folder {folder} is owned by another user "
                                     f"(uid {info.st_uid}); refusing to keep the server's "
                                     f"state there")
        if stat.S_IMODE(info.st_mode) != 0o700:
            os.chmod(folder, 0o700)
    return path


def open_private(path: Path, flags: int) -> int:
    """``os.open`` a file of ours, 0600, never through a symlink; returns the descriptor.

    A symlink (or other non-file) planted at ``path`` is removed and a new file made.
    """
    flags |= os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(3):
        try:
            fd = os.open(path, flags, 0o600)
        except OSError as e:
            if e.errno not in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
                raise
            os.unlink(path)  # a planted symlink: remove the link, never touch its target
            continue
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            os.close(fd)
            os.unlink(path)
            continue
        if stat.S_IMODE(info.st_mode) != 0o600:
            os.fchmod(fd, 0o600)  # the umask may have taken bits away, or an old file
        return fd
    raise GrammarUnavailable(f"cannot open {path} safely (something keeps replacing it)")


def read_private(path: Path) -> str:
    """The text of a file of ours (OSError when missing, a symlink, or someone else's)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(fd).st_uid != os.geteuid():
            raise PermissionError(f"{path} is owned by another user")
        return handle.read(1 << 20).decode("utf-8")


def write_private(path: Path, text: str) -> None:
    """Replace ``path`` atomically with a new 0600 file (made O_EXCL, then renamed)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # O_EXCL, 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)  # readers never see half a file
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --- who holds the port -------------------------------------------------------------------

#: Local addresses a connection to 127.0.0.1 may reach (hex as /proc/net/tcp{,6} print them).
_LOOPBACK = {"0100007F", "00000000", "00000000000000000000000000000000",
             "0000000000000000FFFF00000100007F", "0000000000000000FFFF000000000000"}
#: The same as raw addresses (netlink): 127.0.0.1, 0.0.0.0, ::, ::ffff:127.0.0.1, ::ffff:0.0.0.0.
_LOOPBACK_RAW = {bytes([127, 0, 0, 1]), bytes(4), bytes(16),
                 bytes(10) + b"\xff\xff" + bytes([127, 0, 0, 1]), bytes(10) + b"\xff\xff" + bytes(4)}


def listen_inodes(port: int) -> set[int]:
    """Inodes of the LISTEN sockets of this user that answer 127.0.0.1:``port``.

    Asks the kernel by netlink (sock_diag, ~0.4 ms); /proc/net/tcp is the fallback (it
    walks every connection: ~20-40 ms here). A socket of another user on the port gives
    an inode that is never ours, so the check fails. Empty without either.
    """
    try:
        return _listen_inodes_netlink(port)
    except OSError:
        return _listen_inodes_proc(port)


def _listen_inodes_netlink(port: int) -> set[int]:
    import socket
    import struct

    found: set[int] = set()
    netlink_sock_diag, sock_diag_by_family, nlm_request_dump = 4, 20, 0x301
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, netlink_sock_diag) as nl:
        nl.settimeout(2.0)
        for family in (socket.AF_INET, socket.AF_INET6):
            # inet_diag_req_v2: family, protocol, ext, pad, states (LISTEN = 10), a 48-byte id.
            req = struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, 1 << 10) + bytes(48)
            nl.send(struct.pack("=IHHII", 16 + len(req), sock_diag_by_family,
                                nlm_request_dump, 1, 0) + req)
            done = False
            while not done:
                data = nl.recv(1 << 16)
                off = 0
                while off + 16 <= len(data):
                    length, kind = struct.unpack_from("=IH", data, off)
                    if kind == 2:  # NLMSG_ERROR
                        raise OSError("sock_diag refused the request")
                    if kind == 3 or length < 16:  # NLMSG_DONE
                        done = True
                        break
                    body = data[off + 16:off + length]
                    # inet_diag_msg: 4 bytes, id (sport, dport, src[16], ...), ..., uid, inode.
                    (sport,) = struct.unpack_from(">H", body, 4)
                    addr = body[8:12] if family == socket.AF_INET else body[8:24]
                    uid, inode = struct.unpack_from("=II", body, 64)
                    if sport == port and addr in _LOOPBACK_RAW:
                        found.add(inode if uid == os.geteuid() else -inode - 1)
                    off += (length + 3) & ~3
    return found


def _listen_inodes_proc(port: int) -> set[int]:
    want = f"{port:04X}"
    found: set[int] = set()
    for name in ("tcp", "tcp6"):
        try:
            lines = (_PROC / "net" / name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) < 10 or cols[3] != "0A":  # 0A: LISTEN
                continue
            addr, _, hexport = cols[1].partition(":")
            if hexport == want and addr in _LOOPBACK:
                found.add(int(cols[9]))
    return found


def holds_sockets(pid: int, inodes: set[int]) -> bool:
    """True when process ``pid`` has every socket in ``inodes`` open."""
    wanted = {f"socket:[{i}]" for i in inodes}
    try:
        with os.scandir(_PROC / str(pid) / "fd") as entries:
            for entry in entries:
                try:
                    wanted.discard(os.readlink(entry.path))
                except OSError:
                    continue
                if not wanted:
                    return True
    except OSError:
        return False
    return not wanted


def cmdline(pid: int) -> list[str]:
    """The arguments of process ``pid`` (empty when unreadable)."""
    try:
        raw = (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a]


def owner(pid: int) -> int | None:
    """The user id owning process ``pid``, or None."""
    try:
        return (_PROC / str(pid)).stat().st_uid
    except OSError:
        return None


def is_our_server(pid: int, home: Path, lib: Path) -> bool:
    """True when ``pid`` is a LanguageTool HTTPServer of this user for ``home`` and ``lib``.

    The executable may be a wrapper (FOLLOWUP_LINT_JAVA), so the arguments decide: the
    server class, our jars on the class path and our home marker.
    """
    if owner(pid) != os.geteuid():
        return False
    args = cmdline(pid)
    return (SERVER_CLASS in args and f"{MARKER}{home}" in args
            and any(a == f"{lib}/*" or a.startswith(f"{lib}/") for a in args))


def port_of(pid: int) -> int | None:
    """The ``--port`` our server ``pid`` was started with."""
    args = cmdline(pid)
    for i, arg in enumerate(args[:-1]):
        if arg == "--port" and args[i + 1].isdigit():
            return int(args[i + 1])
    return None


def our_servers(home: Path, lib: Path) -> list[int]:
    """Pids of every LanguageTool server of ours for ``home`` (registered or not)."""
    pids: list[int] = []
    marker = f"{MARKER}{home}".encode()
    for entry in _PROC.iterdir() if has_proc() else ():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in raw.split(b"\0") and is_our_server(int(entry.name), home, lib):
            pids.append(int(entry.name))
    return pids


_verified: set[tuple[int, int, frozenset[int], Path]] = set()
_verified_lock = threading.Lock()


def verify(pid: int, port: int, home: Path, lib: Path) -> bool:
    """True when 127.0.0.1:``port`` is served by ``pid`` and ``pid`` is our server.

    Cheap per connection: the LISTEN sockets are read each time; a (pid, port, sockets)
    already proven ours is not proven again. Without /proc: True (the caller also
    checks the pid is alive and the port answers).
    """
    if not has_proc():
        return True
    inodes = listen_inodes(port)
    if not inodes:
        return False
    key = (pid, port, frozenset(inodes), home)
    with _verified_lock:
        if key in _verified:
            return True
    if not (holds_sockets(pid, inodes) and is_our_server(pid, home, lib)):
        return False
    with _verified_lock:
        if len(_verified) > 64:
            _verified.clear()
        _verified.add(key)
    return True
