#!/usr/bin/env python3
"""Score real-code runs against the hand-read verdicts of docs/real-code-evidence.tsv.

Usage: docs/real-code-score.py [--evidence TSV] [--quiet] [--projects] OUTDIR... (or SAMPLE=OUTDIR)

Each OUTDIR is the output folder of `docs/real-code-measure.sh SAMPLE OUTDIR` (NAME.txt per project). Its sample is
read from OUTDIR/sample (the script writes it), else given as SAMPLE=OUTDIR, else taken from the folder's name when
it ends with a manifest's name (base-fresh2 -> fresh2). Every diagnostic line "ID path:line: source" with its
"severity: LEVEL CERTAINTY" line is joined with the verdicts by (sample, project, path, line, rule): true, latent,
false, or unknown when no verdict row has that key (a new diagnostic, or a moved line: both are listed, to be read,
with a hint when the same line has a verdict under another rule or the same update one under another line).
Severity: warnings are the certain findings, inferred the others (hidden by default since 2026-11-28, suggestions
before; a row without a certainty counts by its level: Warning or Error as a warning). Verdict rows of a later run win
over the `first:COMMIT` rows of a sample's first measurement.

Prints, per sample and for all samples together: diagnostics, true, latent, false, unknown, precision (true /
diagnostics; with latent in parentheses), for all findings, warnings and inferred findings (--projects: per project
too); then the unknown rows, the verdict rows of true or latent findings that no output reports (lost findings), and
any AD0001 lines.
"""
import csv
import os
import re
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
DIAGNOSTIC = re.compile(r'^(TALLY\d+) (.+?):(\d+): ?(.*)$')
KINDS = ('true', 'latent', 'false', 'unknown')


def load_verdicts(path):
    """(sample, project, path, line, rule) -> (verdict, run, first, code); later runs win over first: runs."""
    verdicts = {}
    with open(path, newline='') as fh:
        for row in csv.DictReader(fh, delimiter='\t'):
            key = (row['sample'], row['project'], row['path'], int(row['line']), row['rule'])
            # first: a row's first verdict; depthN: a verdict measured with a non-default tally.call_depth (not expected
            # in a default run, so it neither overrides a default run's verdict nor counts as lost when absent)
            first = row['run'].startswith(('first:', 'depth'))
            known = verdicts.get(key)
            if known is None or (known[2] and not first) or known[2] == first:
                verdicts[key] = (row['verdict'], row['run'], first, row.get('code') or '')
    return verdicts


def hint(verdicts, sample, project, path, line, rule, source):
    """For an unknown row: the verdict of the same line under another rule, or of the same update on another line."""
    same_line = [(k[4], v[0]) for k, v in verdicts.items() if k[:4] == (sample, project, path, line) and k[4] != rule]
    if same_line:
        return 'this line as ' + ', '.join(f'{r}: {v}' for r, v in sorted(set(same_line)))
    code = source.rstrip(';').strip()
    moved = sorted({(k[3], v[0]) for k, v in verdicts.items()
                    if k[:3] == (sample, project, path) and k[4] == rule and v[3] and v[3] in code})
    if moved:
        return 'moved? ' + ', '.join(f'line {n}: {v}' for n, v in moved[:3])
    return ''


def manifests():
    folder = os.path.join(HERE, 'real-code-samples')
    return sorted((f[:-4] for f in os.listdir(folder) if f.endswith('.tsv')), key=len, reverse=True)


def sample_of(outdir, given):
    if given:
        return given
    marker = os.path.join(outdir, 'sample')
    if os.path.isfile(marker):
        return open(marker).read().split()[0]
    base = os.path.basename(os.path.normpath(outdir))
    for name in manifests():
        if base == name or base.endswith('-' + name) or base.endswith('_' + name):
            return name
    sys.exit(f'{outdir}: no sample (no {marker}; name it SAMPLE={outdir})')


def read_run(outdir):
    """Yields (project, rule, path, line, source, severity) per diagnostic, and AD0001 lines as rule 'AD0001'."""
    for name in sorted(os.listdir(outdir)):
        if not name.endswith('.txt'):
            continue
        project = name[:-4]
        lines = open(os.path.join(outdir, name), errors='replace').read().split('\n')
        for i, text in enumerate(lines):
            if text.startswith('AD0001'):
                yield project, 'AD0001', '', 0, text, '-'
                continue
            m = DIAGNOSTIC.match(text)
            if not m:
                continue
            severity = 'inferred'
            for follow in lines[i + 1:i + 3]:
                if follow.strip().startswith('severity:'):
                    parts = follow.split()[1:]
                    certainty = parts[1] if len(parts) > 1 else '-'
                    if certainty == 'Certain' or (certainty not in ('Certain', 'Inferred') and parts and parts[0] in ('Warning', 'Error')):
                        severity = 'warning'
            yield project, m.group(1), m.group(2), int(m.group(3)), m.group(4).strip(), severity


def empty():
    return {scope: dict.fromkeys(KINDS, 0) for scope in ('all', 'warning', 'inferred')}


def add(counts, severity, verdict):
    counts['all'][verdict] += 1
    counts[severity][verdict] += 1


def line_of(label, counts):
    parts = []
    for scope in ('all', 'warning', 'inferred'):
        c = counts[scope]
        n = sum(c.values())
        precision = f"{c['true'] / n:.2f} ({(c['true'] + c['latent']) / n:.2f})" if n else '-'
        parts.append(f"{n:4d} = {c['true']:3d} true {c['latent']:3d} latent {c['false']:3d} false {c['unknown']:3d} unknown, {precision}")
    return f'{label:<16} all {parts[0]} | warnings {parts[1]} | inferred {parts[2]}'


def main(argv):
    evidence = os.path.join(HERE, 'real-code-evidence.tsv')
    quiet = False
    projects = False
    runs = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--evidence':
            evidence = args.pop(0)
        elif a == '--quiet':
            quiet = True
        elif a == '--projects':
            projects = True
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            given, _, outdir = a.rpartition('=') if '=' in a else ('', '', a)
            runs.append((sample_of(outdir, given), outdir))
    if not runs:
        print(__doc__)
        return 2

    seen = [sample for sample, _ in runs]
    for sample in sorted({x for x in seen if seen.count(x) > 1}):
        print(f'warning: sample {sample} given {seen.count(sample)} times; its runs are added together', file=sys.stderr)
    verdicts = load_verdicts(evidence)
    per_sample = OrderedDict()
    per_project = OrderedDict()
    total = empty()
    unknown, crashes, reported = [], [], set()
    for sample, outdir in runs:
        counts = per_sample.setdefault(sample, empty())
        for project, rule, path, line, source, severity in read_run(outdir):
            if rule == 'AD0001':
                crashes.append(f'{sample} {project} {source}')
                continue
            key = (sample, project, path, line, rule)
            reported.add(key)
            verdict = verdicts.get(key, ('unknown',))[0]
            if verdict not in KINDS:
                verdict = 'unknown'
            if verdict == 'unknown':
                note = hint(verdicts, sample, project, path, line, rule, source)
                unknown.append(f'{sample} {project} {rule} {path}:{line} [{severity}] {source}' + (f'  ({note})' if note else ''))
            add(counts, severity, verdict)
            add(total, severity, verdict)
            add(per_project.setdefault((sample, project), empty()), severity, verdict)

    print('diagnostics = true latent false unknown, precision true/diagnostics (true+latent in parentheses)')
    for sample, counts in per_sample.items():
        print(line_of(sample, counts))
        if projects:
            for (s, project), c in per_project.items():
                if s == sample:
                    print(line_of('  ' + project, c))
    print(line_of('together', total))

    scored = set(per_sample)
    lost = sorted({k for k, v in verdicts.items() if k[0] in scored and v[0] in ('true', 'latent') and not v[2] and k not in reported})
    if not quiet:
        print(f'\nunknown (no verdict row for sample, project, path, line, rule): {len(unknown)}')
        for u in unknown:
            print('  ' + u)
        print(f'\ntrue or latent verdict rows (later runs) that no output reports: {len(lost)}')
        for s, p, path, line, rule in lost:
            print(f'  {s} {p} {rule} {path}:{line} ({verdicts[(s, p, path, line, rule)][0]})')
    print(f'\nAD0001: {len(crashes)}')
    for c in crashes[:20]:
        print('  ' + c)
    return 1 if crashes else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
