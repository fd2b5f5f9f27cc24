#!/usr/bin/env python3
"""Debian's virsh on nuvirt, replaying stock virsh's testnode transcripts.

  testnode-virsh.py LIBDIR CORPUS_TESTNODE_DIR

Each ../shared/corpus/testnode/CASE.virsh.txt records stock virsh commands
on test://<abs path>/CASE/CASE.xml and what they printed ("$ virsh ARGS",
the output, "[rc=N]").  Every command is run again with /usr/bin/virsh and
LD_LIBRARY_PATH=LIBDIR, and compared after masking what differs from run to
run: dominfo's CPU time, and UUIDs and MAC addresses that no file of the
case states (the test driver generates them).  Exit 77 without virsh.
"""
import os
import re
import subprocess
import sys

UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
MAC = re.compile(r'(?:[0-9a-f]{2}:){5}[0-9a-f]{2}')


def transcript(path):
    """[(args, expected output)] from a .virsh.txt file."""
    cmds, cur, lines = [], None, []
    for line in open(path).read().splitlines():
        if line.startswith('$ virsh '):
            cur, lines = line[len('$ virsh '):], []
        elif re.fullmatch(r'\[rc=\d+\]', line) and cur is not None:
            cmds.append((cur, '\n'.join(lines + [line])))
            cur = None
        elif cur is not None:
            lines.append(line)
    return cmds


def mask(text, stated):
    text = re.sub(r'(CPU time:\s+)\S+', r'\1X', text)
    text = UUID.sub(lambda m: m.group(0) if m.group(0) in stated else 'UUID', text)
    return MAC.sub(lambda m: m.group(0) if m.group(0) in stated else 'MAC', text)


def main():
    libdir, corpus = sys.argv[1], sys.argv[2]
    if not os.access('/usr/bin/virsh', os.X_OK):
        print('SKIP: /usr/bin/virsh is not installed')
        return 77
    env = dict(os.environ, LD_LIBRARY_PATH=libdir)
    env.pop('LIBVIRT_DEFAULT_URI', None)
    passed = failed = 0
    for name in sorted(os.listdir(corpus)):
        if not name.endswith('.virsh.txt'):
            continue
        case = name[:-len('.virsh.txt')]
        casedir = os.path.abspath(os.path.join(corpus, case))
        stated = ''.join(open(os.path.join(casedir, f), errors='replace').read()
                         for f in os.listdir(casedir))
        uri = 'test://' + os.path.join(casedir, case + '.xml')
        for args, expect in transcript(os.path.join(corpus, name)):
            proc = subprocess.run(['/usr/bin/virsh', '-c', uri] + args.split(),
                                  env=env, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=60)
            # The recording ends each output with "[rc=N]" on its own line.
            got = (proc.stdout + proc.stderr).removesuffix('\n')
            got = f'{got}\n[rc={proc.returncode}]'.replace(casedir, '@CASEDIR@')
            if mask(got, stated) == mask(expect, stated):
                passed += 1
                print(f'PASS {case}: virsh {args}')
            else:
                failed += 1
                print(f'FAIL {case}: virsh {args}')
                print('  --- stock\n  ' + expect.replace('\n', '\n  '))
                print('  --- nuvirt\n  ' + got.replace('\n', '\n  '))
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
