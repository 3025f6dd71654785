#!/usr/bin/env python3
"""Count the WAL frames of the last commits of a SQLite database by the B-tree that owns each page.

Usage: wal_frames_by_btree.py DATABASE [COMMITS]

DATABASE is a copy of a database file with its -wal file beside it, such as the bench writes with
--keep-counting-store DIR. The script reads the frames of the WAL's current generation (those whose
salts match the WAL header), splits them into commits at each commit frame, and names the owner of
each page with SQLite's dbstat table. It opens a second copy of the files, so the kept WAL stays as
it was. Pages are named as they are at the end of the WAL. A page that moved between B-trees, or
that was freed, during the counted commits is counted for its last owner or as "freelist or header".
"""
import collections
import shutil
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24


def read_commits(wal_path):
    """Return the page numbers of each commit in the WAL's current generation, oldest first."""
    wal = wal_path.read_bytes()
    if len(wal) < WAL_HEADER:
        raise SystemExit(f"{wal_path} is shorter than a WAL header ({len(wal)} bytes); keep the store while it has a WAL.")
    page_size = struct.unpack(">I", wal[8:12])[0]
    salts = struct.unpack(">II", wal[16:24])
    commits, pages = [], []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(wal):
        page, size_after_commit, salt1, salt2 = struct.unpack(">IIII", wal[offset:offset + 16])
        if (salt1, salt2) != salts:
            break
        pages.append(page)
        if size_after_commit:
            commits.append(pages)
            pages = []
        offset += FRAME_HEADER + page_size
    return commits


def page_owners(database):
    """Map each page number to the name of the table or index that owns it, through a copy of the files."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / database.name
        shutil.copy(database, copy)
        shutil.copy(str(database) + "-wal", str(copy) + "-wal")
        connection = sqlite3.connect(copy)
        try:
            return {page: name for name, page in connection.execute("SELECT name, pageno FROM dbstat")}
        finally:
            connection.close()


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    database = Path(sys.argv[1])
    last = int(sys.argv[2]) if len(sys.argv) == 3 else 40
    commits = read_commits(Path(str(database) + "-wal"))[-last:]
    if not commits:
        raise SystemExit(f"{database}-wal has no committed frames in its current generation.")
    owners = page_owners(database)
    frames = collections.Counter(owners.get(page, "freelist or header") for commit in commits for page in commit)
    total = sum(len(commit) for commit in commits)
    print(f"{len(commits)} commits, {total / len(commits):.2f} frames per commit")
    for name, count in frames.most_common():
        print(f"{name:40} {count / len(commits):.2f}")


if __name__ == "__main__":
    main()
