#!/usr/bin/env python3
"""Mine candidate lost-update fixes for docs/real-code-hist2.md (its section 1 is the rule).

Usage: python3 docs/real-code-hist2-mine.py [MIRROR] > candidates.tsv

MIRROR (default /work/.mirror) holds one folder per repository, OWNER+REPO/repo, a git directory (bare, or with .git).
For every repository: `git log --all --no-merges -G Interlocked...(ref -p -U0 -- '*.cs'`, then per commit and file
the removed lines with a non-atomic update of X and the added lines with Interlocked.<op>(ref X for the same last
identifier X. One row per (commit, file, X), deduplicated by (repository, file, X, removed text, added text) keeping
the oldest commit, ordered by commit id. Commits whose parent is a snapshot of docs/real-code-samples/hist.tsv (same
repository) are left out. Columns: repo, commit, parent, date, file, X, removed line, added line, subject.
"""
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CHAIN = r'(?:this\.)?[A-Za-z_]\w*(?:\s*(?:\.|\?\.|->)\s*[A-Za-z_]\w*|\[[^\]]*\])*'
OPS = 'Increment|Decrement|Add|Exchange|CompareExchange|Or|And'
ADDED = re.compile(r'Interlocked\s*\.\s*(?:' + OPS + r')\s*(?:<[^>]*>)?\s*\(\s*ref\s+(' + CHAIN + ')')
UPDATES = [
    re.compile(r'(' + CHAIN + r')\s*(?:\+\+|--)'),                      # X++, X--
    re.compile(r'(?:\+\+|--)\s*(' + CHAIN + ')'),                       # ++X, --X
    re.compile(r'(' + CHAIN + r')\s*(?:\+|-|\||&|\^)=(?!=)'),           # X op= e
]
SELF = re.compile(r'(' + CHAIN + r')\s*=(?!=)\s*(' + CHAIN + r')\s*[-+|&^]')  # X = X op e
GREP = r'Interlocked\s*\.\s*(' + OPS + r')\s*(<[^>]*>)?\s*\(\s*ref'


def last_identifier(chain):
    names = re.findall(r'[A-Za-z_]\w*', re.sub(r'\[[^\]]*\]', '', chain))
    return names[-1] if names else None


def code(line):
    text = line.strip()
    if text.startswith(('//', '*', '/*', '#')):
        return ''
    return re.sub(r'//.*$', '', re.sub(r'"(?:\\.|[^"\\])*"', '""', text))


def updated(line):
    text = code(line)
    found = set()
    for pattern in UPDATES:
        for match in pattern.finditer(text):
            name = last_identifier(match.group(1))
            if name:
                found.add(name)
    for match in SELF.finditer(text):
        if last_identifier(match.group(1)) == last_identifier(match.group(2)):
            found.add(last_identifier(match.group(1)))
    return found


def interlocked(line):
    return {last_identifier(m.group(1)) for m in ADDED.finditer(code(line))} - {None}


def git_dir(folder):
    repo = os.path.join(folder, 'repo')
    return os.path.join(repo, '.git') if os.path.isdir(os.path.join(repo, '.git')) else repo


def mine(mirror, name):
    gd = git_dir(os.path.join(mirror, name))
    if not os.path.isdir(gd):
        return []
    out = subprocess.run(['git', '--git-dir', gd, 'log', '--all', '--no-merges', '-G', GREP, '-p', '-U0',
                          '--format=@@@COMMIT %H %P|%ad|%s', '--date=short', '--', '*.cs'],
                         capture_output=True, text=True, errors='replace').stdout
    rows = []
    commit = parent = date = subject = path = None
    removed, added = [], []

    def flush():
        if commit and path and removed and added:
            for x in sorted(set().union(*(updated(r) for r in removed)) & set().union(*(interlocked(a) for a in added))):
                r = next(r for r in removed if x in updated(r))
                a = next(a for a in added if x in interlocked(a))
                rows.append([name.replace('+', '/', 1), commit, parent, date, path, x, r.strip(), a.strip(), subject])

    for line in out.split('\n'):
        if line.startswith('@@@COMMIT '):
            flush()
            head, date, subject = (line[len('@@@COMMIT '):].split('|', 2) + ['', ''])[:3]
            ids = head.split()
            commit, parent = ids[0], (ids[1] if len(ids) > 1 else '-')
            path, removed, added = None, [], []
        elif line.startswith('diff --git '):
            flush()
            path, removed, added = None, [], []
        elif line.startswith('+++ '):
            path = line[6:] if line.startswith('+++ b/') else None
        elif line.startswith('--- '):
            continue
        elif line.startswith('-'):
            removed.append(line[1:])
        elif line.startswith('+'):
            added.append(line[1:])
    flush()
    return rows


def hist_parents():
    known = set()
    with open(os.path.join(HERE, 'real-code-samples', 'hist.tsv')) as fh:
        for line in fh:
            if line.strip() and not line.startswith('#'):
                cells = line.split('\t')
                known.add((cells[1], cells[2]))
    return known


def main():
    mirror = sys.argv[1] if len(sys.argv) > 1 else '/work/.mirror'
    names = sorted(n for n in os.listdir(mirror) if '+' in n and os.path.isdir(os.path.join(mirror, n)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = [row for rows in pool.map(lambda n: mine(mirror, n), names) for row in rows]
    skip = hist_parents()
    oldest = {}
    for row in sorted(found, key=lambda r: (r[3], r[1])):
        if (row[0], row[2]) in skip:
            continue
        key = (row[0], row[4], row[5], re.sub(r'\s+', ' ', row[6]), re.sub(r'\s+', ' ', row[7]))
        oldest.setdefault(key, row)
    print('\t'.join(['repo', 'commit', 'parent', 'date', 'file', 'X', 'removed', 'added', 'subject']))
    for row in sorted(oldest.values(), key=lambda r: (r[1], r[4], r[5])):
        print('\t'.join(cell.replace('\t', ' ') for cell in row))


if __name__ == '__main__':
    main()
