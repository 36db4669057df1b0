#!/usr/bin/env python3
"""Creates the class's accounts from a roster (run as root by `make hub`).

The roster is a CSV file whose first line is the header `username,password`;
each further line names one learner (blank lines are skipped):

    username,password
    ada,correct-horse-battery
    grace,"a password, with a comma"

For every line the account is created if missing (a system user with the
home HOME_BASE/username, mode 0700, the shell /bin/bash, and the group that
marks the class's accounts, gmmlab-learners by default), and its password is
set. Running it again is harmless: it creates what is missing and sets the
passwords again.

The whole roster is checked before anything is changed: a malformed line, a
name that is not a valid user name, a name given twice, or a name that
belongs to an account this roster does not manage (root, a system account,
or any existing user outside the class group) is an error that names the
line, and then no account is created or changed. Every name in --admins must
be in the roster. A created account whose password cannot be set is removed
again, so no account is ever left half made.
"""
import argparse
import csv
import grp
import os
import pwd
import re
import subprocess
import sys

# Debian's default NAME_REGEX for useradd, limited to 32 characters.
NAME_RE = re.compile(r"^[a-z][-a-z0-9_]{0,31}$")
MIN_UID = 1000  # accounts below are the system's, never a learner's


class RosterError(Exception):
    pass


def parse(path):
    """Returns [(line number, username, password)] or raises RosterError
    listing every bad line."""
    errors = []
    entries = []
    try:
        f = open(path, newline="", encoding="utf-8")
    except OSError as e:
        raise RosterError(f"{path}: {e.strerror}") from None
    with f:
        reader = csv.reader(f)
        try:
            header = next(reader, None)
            if header is None or [h.strip() for h in header] != ["username", "password"]:
                raise RosterError(f"{path} line 1: the header must be 'username,password', not {','.join(header or [])!r}")
            seen = {}
            while True:
                start = reader.line_num + 1
                row = next(reader, None)
                if row is None:
                    break
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                where = f"{path} line {start}"
                if reader.line_num != start:
                    errors.append(f"{where}: a field spans several lines")
                    continue
                if len(row) != 2:
                    errors.append(f"{where}: {len(row)} fields, want 2 (username,password)")
                    continue
                name, password = row[0].strip(), row[1]
                if not NAME_RE.match(name):
                    errors.append(f"{where}: {name!r} is not a valid user name "
                                  "(lower-case letters, digits, '-' and '_', starting with a letter, at most 32)")
                    continue
                if not password:
                    errors.append(f"{where}: {name} has an empty password")
                    continue
                if any(ord(ch) < 32 or ord(ch) == 127 for ch in password):
                    errors.append(f"{where}: {name}'s password has a control character")
                    continue
                if name in seen:
                    errors.append(f"{where}: {name} is listed again (first on line {seen[name]})")
                    continue
                seen[name] = start
                entries.append((start, name, password))
        except csv.Error as e:
            errors.append(f"{path} line {reader.line_num}: {e}")
        except UnicodeDecodeError:
            errors.append(f"{path}: not UTF-8 text")
    if errors:
        raise RosterError("\n".join(errors))
    return entries


def plan(path, entries, group, admins, getpwnam=pwd.getpwnam, members=None):
    """Checks the entries against the system's accounts and returns the names
    to create and the names to update, or raises RosterError."""
    errors = []
    create, update = [], []
    for line, name, _ in entries:
        try:
            pw = getpwnam(name)
        except KeyError:
            create.append(name)
            continue
        if pw.pw_uid < MIN_UID:
            errors.append(f"{path} line {line}: {name} is a system account (uid {pw.pw_uid}); choose another name")
        elif name not in members:
            errors.append(f"{path} line {line}: {name} is an existing account outside the group {group}; "
                          f"the roster changes only accounts it created (add {name} to {group} to let it)")
        else:
            update.append(name)
    names = {name for _, name, _ in entries}
    for a in admins:
        if a not in names:
            errors.append(f"HUB_ADMINS: {a} is not in the roster {path}")
    if errors:
        raise RosterError("\n".join(errors))
    return create, update


def group_members(group):
    try:
        g = grp.getgrnam(group)
    except KeyError:
        return set()
    members = set(g.gr_mem)
    members.update(p.pw_name for p in pwd.getpwall() if p.pw_gid == g.gr_gid)
    return members


def run(cmd, input=None):
    r = subprocess.run(cmd, input=input, capture_output=True, text=True)
    if r.returncode != 0:
        raise RosterError(f"{' '.join(cmd[:1])} failed: {(r.stderr or r.stdout).strip()}")


def apply(entries, create, group, home_base, log=print):
    if not os.path.isdir(home_base):
        raise RosterError(f"{home_base}: no such directory")
    try:
        grp.getgrnam(group)
    except KeyError:
        run(["groupadd", group])
        log(f"roster: created the group {group}")
    passwords = {name: password for _, name, password in entries}
    for _, name, _ in entries:
        home = os.path.join(home_base, name)
        if name in create:
            # -K HOME_MODE: the home is private from its creation on.
            run(["useradd", "--create-home", "--home-dir", home, "--shell", "/bin/bash", "--user-group",
                 "--groups", group, "--key", "HOME_MODE=0700", "--comment", "gmmlab learner", name])
        try:
            run(["chpasswd"], input=f"{name}:{passwords[name]}\n")
        except RosterError:
            if name in create:
                subprocess.run(["userdel", "--remove", name], capture_output=True)
            raise
        home = pwd.getpwnam(name).pw_dir
        os.chmod(home, 0o700)
        log(f"roster: {name}: {'created' if name in create else 'password set'} (home {home}, mode 0700)")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("roster")
    p.add_argument("--group", default="gmmlab-learners", help="the group of the class's accounts")
    p.add_argument("--home-base", default="/home", help="where the homes are made")
    p.add_argument("--admins", default="", help="comma- or space-separated names that must be in the roster")
    p.add_argument("--check", action="store_true", help="check the roster and say what would change, change nothing")
    a = p.parse_args(argv)
    admins = [x for x in re.split(r"[,\s]+", a.admins) if x]
    try:
        entries = parse(a.roster)
        create, update = plan(a.roster, entries, a.group, admins, members=group_members(a.group))
        if not a.check and os.geteuid() != 0:
            raise RosterError("creating accounts needs root")
    except RosterError as e:
        print(f"roster: {e}\nroster: nothing was changed", file=sys.stderr)
        return 1
    if a.check:
        print(f"roster: {len(entries)} accounts: would create {', '.join(create) or 'none'}; "
              f"would set the password of {', '.join(update) or 'none'}")
        return 0
    try:
        apply(entries, create, a.group, a.home_base)
    except RosterError as e:
        print(f"roster: {e}\nroster: stopped there; the accounts listed above are complete", file=sys.stderr)
        return 1
    print(f"roster: {len(entries)} accounts, {len(create)} created")
    return 0


if __name__ == "__main__":
    sys.exit(main())
