"""Archives (.zip, .tar, .tar.gz, .gz): each member read as if it were a file, nothing extracted.

An archive is refused whole, before any member is read, when it declares more members than
``max_archive_members`` or more expanded bytes than ``max_archive_bytes``, or when a member's
compression ratio is that of a decompression bomb. The budget is shared by nested archives, and
every read is capped as well, so a member that lies about its size is cut off with a reason.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, BinaryIO

from whimbrel.errors import EmptyInput, InputError, MalformedInput, OversizeInput
from whimbrel.model import Document
from whimbrel.stages.ingest.common import bad, human_size, os_error, too_large
from whimbrel.stages.ingest.options import IngestOptions

MAX_DEPTH = 3
"""Archives inside archives are read this deep, no deeper."""

BOMB_RATIO = 200
"""A member expanding to more than this many times its compressed size (and past 1 MB) is refused."""

_BOMB_FLOOR = 1_000_000
_CHUNK = 1 << 16

Dispatch = Callable[[BinaryIO, str, str, IngestOptions, "Budget"], Iterator[Document]]


@dataclass
class Budget:
    """What the archives of one input may still expand to: bytes and members."""

    bytes_left: int
    members_left: int
    depth: int = 0

    @classmethod
    def of(cls, options: IngestOptions) -> Budget:
        """A fresh budget from the options' caps."""
        return cls(options.max_archive_bytes, options.max_archive_members)

    def deeper(self) -> Budget:
        """The same budget, one level of nesting further in (shared, not copied)."""
        self.depth += 1
        return self


def _skipped_member(name: str) -> bool:
    parts = name.replace("\\", "/").strip("/").split("/")
    return not parts[-1] or any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _check_declared(origin: str, n_members: int, total: int, budget: Budget) -> None:
    if n_members > budget.members_left:
        raise OversizeInput(origin, f"archive refused: {n_members:,} members > limit {budget.members_left:,}")
    if total > budget.bytes_left:
        shown = too_large(origin, total, budget.bytes_left).reason.split(": ", 1)[1]
        raise OversizeInput(origin, f"archive refused: declared expanded size {shown}")


def _read_capped(stream: IO[bytes] | gzip.GzipFile, origin: str, limit: int) -> bytes:
    """Read at most ``limit`` bytes, raising OversizeInput if there are more."""
    chunks: list[bytes] = []
    got = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if got > limit:
            raise OversizeInput(origin, f"too large: expands to more than the {human_size(limit)} limit")
    return b"".join(chunks)


def _member_limit(options: IngestOptions, budget: Budget) -> int:
    return min(budget.bytes_left, max(options.max_bytes, 1))


def read_zip(
    fh: BinaryIO, origin: str, options: IngestOptions, budget: Budget, dispatch: Dispatch
) -> Iterator[Document]:
    """Every file member of a ZIP archive, in archive order."""
    try:
        archive = zipfile.ZipFile(fh)
        infos = [i for i in archive.infolist() if not i.is_dir() and not _skipped_member(i.filename)]
        _check_declared(origin, len(infos), sum(i.file_size for i in infos), budget)
        for info in infos:
            if info.file_size > _BOMB_FLOOR and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise OversizeInput(
                    origin,
                    f"archive refused: {info.filename} expands {ratio:,} times "
                    f"(to {human_size(info.file_size)}; a decompression bomb?)",
                )
        if not infos:
            raise EmptyInput(origin, "archive with no files")
    except InputError as exc:
        yield bad(exc)
        return
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        yield bad(MalformedInput(origin, f"cannot read ZIP archive: {exc}"))
        return
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    with archive:
        for info in infos:
            member_origin = f"{origin}!{info.filename}"
            budget.members_left -= 1
            try:
                if info.flag_bits & 0x1:
                    raise MalformedInput(member_origin, "encrypted archive member")
                with archive.open(info) as member:
                    data = _read_capped(member, member_origin, _member_limit(options, budget))
            except InputError as exc:
                yield bad(exc)
                continue
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as exc:
                yield bad(MalformedInput(member_origin, f"cannot read archive member: {exc}"))
                continue
            budget.bytes_left -= len(data)
            yield from dispatch(io.BytesIO(data), member_origin, info.filename, options, budget.deeper())
            budget.depth -= 1


def _tar_members(fh: BinaryIO, origin: str, budget: Budget) -> list[tarfile.TarInfo]:
    """The file members of a tar stream, checked against the budget as their headers are read."""
    members: list[tarfile.TarInfo] = []
    total = 0
    with tarfile.open(fileobj=fh, mode="r:*") as archive:
        for info in archive:
            if not info.isfile() or _skipped_member(info.name):
                continue
            members.append(info)
            total += info.size
            _check_declared(origin, len(members), total, budget)
    return members


def read_tar(
    fh: BinaryIO, origin: str, options: IngestOptions, budget: Budget, dispatch: Dispatch
) -> Iterator[Document]:
    """Every file member of a tar archive (plain or gzip-compressed), in archive order."""
    try:
        members = _tar_members(fh, origin, budget)
        if not members:
            raise EmptyInput(origin, "archive with no files")
        fh.seek(0)
        archive = tarfile.open(fileobj=fh, mode="r:*")  # noqa: SIM115 (closed by the with below)
    except InputError as exc:
        yield bad(exc)
        return
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield bad(MalformedInput(origin, f"cannot read tar archive: {exc}"))
        return
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    wanted = {m.name for m in members}
    with archive:
        for info in archive:
            if info.name not in wanted or not info.isfile():
                continue
            member_origin = f"{origin}!{info.name}"
            budget.members_left -= 1
            try:
                stream = archive.extractfile(info)
                if stream is None:
                    continue
                data = _read_capped(stream, member_origin, _member_limit(options, budget))
            except InputError as exc:
                yield bad(exc)
                continue
            except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
                yield bad(MalformedInput(member_origin, f"cannot read archive member: {exc}"))
                continue
            budget.bytes_left -= len(data)
            yield from dispatch(io.BytesIO(data), member_origin, info.name, options, budget.deeper())
            budget.depth -= 1


def read_gzip(
    fh: BinaryIO, origin: str, name: str, options: IngestOptions, budget: Budget, dispatch: Dispatch
) -> Iterator[Document]:
    """A gzip-compressed file: a tar archive inside is read as one, anything else as its inner file."""
    try:
        with gzip.GzipFile(fileobj=fh) as unzipped:
            head = unzipped.read(512)
        if head[257:262] == b"ustar":
            fh.seek(0)
            yield from read_tar(fh, origin, options, budget, dispatch)
            return
        fh.seek(0)
        with gzip.GzipFile(fileobj=fh) as unzipped:
            data = _read_capped(unzipped, origin, _member_limit(options, budget))
    except InputError as exc:
        yield bad(exc)
        return
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield bad(MalformedInput(origin, f"cannot read gzip file: {exc}"))
        return
    except OSError as exc:
        yield bad(os_error(origin, exc))
        return
    budget.bytes_left -= len(data)
    inner = name[:-3] if name.lower().endswith(".gz") else name
    yield from dispatch(io.BytesIO(data), origin, inner, options, budget.deeper())
    budget.depth -= 1
