#!/usr/bin/env python3
"""Fill the COMMANDS section of nuvsh.1 from the commands' own help.

  gen-man.py NUVSH TEMPLATE OUTPUT VERSION DATADIR

Runs `NUVSH help` for the groups, then one `help COMMAND` per command (all
in one nuvsh process), and writes TEMPLATE with @COMMANDS@ replaced by one
subsection per group and one entry per command (synopsis and summary).
The help text is nuvsh's own, so the page cannot drift from the program.
"""
import datetime
import os
import re
import subprocess
import sys


def roff(text):
    """Plain text made safe for roff: backslashes, dashes, leading dots."""
    text = text.replace('\\', '\\e').replace('-', '\\-')
    return re.sub(r'^([.\'])', r'\\&\1', text)


def main():
    nuvsh, template, output, version, datadir = sys.argv[1:6]
    env = dict(os.environ, LC_ALL='C')
    env.pop('LIBVIRT_DEFAULT_URI', None)
    listing = subprocess.run([nuvsh, 'help'], capture_output=True, text=True,
                             env=env, check=True).stdout
    groups = []
    for line in listing.splitlines():
        m = re.match(r' (\S.*) \(help keyword \'(\w+)\'\):$', line)
        if m:
            groups.append((m.group(1), []))
        elif line.startswith('    ') and groups:
            name, summary = line.strip().split(None, 1)
            groups[-1][1].append((name, summary))

    names = [n for _, cmds in groups for n, _ in cmds]
    helps = subprocess.run([nuvsh, '; '.join('help ' + n for n in names)],
                           capture_output=True, text=True, env=env, check=True).stdout
    synopsis = {}
    for block in helps.split('  NAME\n')[1:]:
        name = block.split()[0]
        m = re.search(r'SYNOPSIS\n\s+(.*)\n', block)
        synopsis[name] = m.group(1).strip() if m else name

    out = []
    for title, cmds in groups:
        out.append('.SS %s' % roff(title))
        for name, summary in cmds:
            out.append('.TP')
            syn = roff(synopsis.get(name, name))
            out.append('.B %s' % syn if ' ' not in syn else '\\fB%s\\fR' % syn)
            out.append(roff(summary))
    page = open(template).read()
    date = datetime.datetime.fromtimestamp(
        int(os.environ.get('SOURCE_DATE_EPOCH', os.path.getmtime(template))),
        tz=datetime.timezone.utc)
    page = (page.replace('@COMMANDS@', '\n'.join(out))
            .replace('@VERSION@', version)
            .replace('@DATE@', date.strftime('%Y-%m-%d'))
            .replace('@DATADIR@', datadir))
    with open(output, 'w') as f:
        f.write(page)


if __name__ == '__main__':
    main()
