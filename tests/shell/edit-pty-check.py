#!/usr/bin/python3
"""The edit commands under a pseudo-terminal, with a scripted $EDITOR.

  edit-pty-check.py NUVSH [VIRSH]

Each case runs one command line on test:///default in nuvsh and in stock
virsh, each under its own terminal, with EDITOR set to a script that does
one scripted thing per call (leave the file alone, break the XML, put the
first version back, a sed edit, or both of the last two), and answers virsh's "Try again?" with
the case's keys.  What the two terminals show and their exit statuses
must be the same (temporary file names and the polkit notice stock virsh
prints on a terminal set aside), and what nuvsh's command leaves behind
is checked: an unchanged file or a given-up edit changes nothing, a real
edit is defined.  Skipped (77) without stock virsh.
"""
import os
import pty
import re
import select
import shutil
import sys
import tempfile
import time

NUVSH = os.path.abspath(sys.argv[1])
VIRSH = sys.argv[2] if len(sys.argv) > 2 else '/usr/bin/virsh'
if not os.access(VIRSH, os.X_OK):
    print('SKIP: no stock virsh to compare with')
    sys.exit(77)

EDITOR_SCRIPT = r'''#!/bin/sh
# one action a call, from $EDX_ACTIONS; the file as first given is kept
n=$(cat "$EDX_DIR/count" 2>/dev/null || echo 0)
n=$((n + 1)); echo $n > "$EDX_DIR/count"
[ $n = 1 ] && cp "$1" "$EDX_DIR/first"
act=$(printf '%s\n' "$EDX_ACTIONS" | sed -n "${n}p")
case "$act" in
same|'') ;;
bad) echo '<domain' > "$1" ;;
restore) cp "$EDX_DIR/first" "$1" ;;
restore+*) cp "$EDX_DIR/first" "$1"; sed -i "${act#restore+}" "$1" ;;
*) sed -i "$act" "$1" ;;
esac
'''

failures = []
work = tempfile.mkdtemp(prefix='nuvsh-edit-')
editor = os.path.join(work, 'editor.sh')
with open(editor, 'w') as f:
    f.write(EDITOR_SCRIPT)
os.chmod(editor, 0o755)


def run(prog, line, actions, keys):
    """The screen and exit status of @prog running @line, the editor doing
    @actions, each key of @keys typed once the next "Try again?" shows."""
    d = tempfile.mkdtemp(dir=work)
    env = dict(os.environ, EDITOR=editor, EDX_DIR=d, EDX_ACTIONS='\n'.join(actions),
               TERM='xterm', LC_ALL='C', HOME=d, XDG_CACHE_HOME=d, TMPDIR=d)
    for var in ('VISUAL', 'LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI'):
        env.pop(var, None)
    if prog == VIRSH:
        env.pop('LD_LIBRARY_PATH', None)   # stock virsh on stock libvirt
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(prog, [prog, '-c', 'test:///default', line], env)
    screen = b''
    asked = 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if asked < len(keys) and screen.count(b'Try again? [') > asked:
            os.write(fd, keys[asked].encode())
            asked += 1
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            chunk = b''
        if not chunk:
            break
        screen += chunk
    else:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    screen = re.sub(rb'Authorization not available\.[^\n]*\n', b'', screen)
    screen = re.sub(rb'/(virsh|nuvsh)[A-Za-z0-9]{6}\.xml', b'/TMP.xml', screen)
    screen = screen.replace(d.encode(), b'TMPDIR')
    # the two runs are seconds apart
    screen = re.sub(rb'<creationTime>[0-9]+<', b'<creationTime>(time)<', screen)
    return screen, os.waitstatus_to_exitcode(status)


def case(name, line, actions, keys=(), after=None, changed=False, setup=None):
    """@line compared between nuvsh and virsh; with @after, its output
    before and after @line (after @setup, if any) must differ only if
    @changed."""
    if after:
        line = '%s; echo ==MARK==; %s; echo ==MARK==; %s' % (after, line, after)
    if setup:
        line = '%s; echo ==MARK==; %s' % (setup, line)
    ours = run(NUVSH, line, actions, list(keys))
    stock = run(VIRSH, line, actions, list(keys))
    ok = True
    if ours != stock:
        failures.append('%s: nuvsh %r\n    virsh %r' % (name, ours, stock))
        ok = False
    if after:
        parts = [p.strip() for p in ours[0].split(b'==MARK==')]
        first, last = (parts[-3], parts[-1]) if len(parts) >= 3 else (None, None)
        if first is None:
            failures.append('%s: the commands after the edit did not run: %r' % (name, ours))
            ok = False
        elif (first != last) != changed:
            failures.append('%s: %s the edit: %r then %r' % (
                name, 'unchanged after' if changed else 'changed by', first, last))
            ok = False
    print('%s %s' % ('ok  ' if ok else 'FAIL', name))


DOM_XML = 'dumpxml test --inactive'
try:
    case('edit: unchanged file', 'edit test', ['same'], after=DOM_XML)
    case('edit: invalid XML, help, edit again, unchanged', 'edit test',
         ['bad', 'restore'], '?y', after=DOM_XML)
    case('edit: invalid XML, relax once, force, give up', 'edit test', ['bad'], 'ifn',
         after=DOM_XML)
    case('edit: other keys redraw the prompt', 'edit test', ['bad'], 'xn', after=DOM_XML)
    case('edit: a real change is defined', 'edit test',
         ['s|<memory |<description>edited</description><memory |'], after=DOM_XML,
         changed=True)
    case('edit: invalid XML, then a real change', 'edit test',
         ['bad', 'restore+s|<memory |<description>again</description><memory |'], 'y',
         after=DOM_XML, changed=True)
    case('net-edit: unchanged file', 'net-edit default', ['same'],
         after='net-dumpxml default')
    case('net-edit: invalid XML, edit again, unchanged', 'net-edit default',
         ['bad', 'restore'], 'y', after='net-dumpxml default')
    case('net-edit: invalid XML, force, give up', 'net-edit default', ['bad'], 'fn',
         after='net-dumpxml default')
    case('pool-edit: unchanged file', 'pool-edit default-pool', ['same'],
         after='pool-dumpxml default-pool')
    case('pool-edit: invalid XML, give up', 'pool-edit default-pool', ['bad'], '?n',
         after='pool-dumpxml default-pool')
    snap = 'snapshot-create-as test s1 --description one'
    case('snapshot-edit: unchanged file', 'snapshot-edit test s1', ['same'],
         after='snapshot-dumpxml test s1', setup=snap)
    case('snapshot-edit: invalid XML, give up', 'snapshot-edit test s1', ['bad'], 'n',
         after='snapshot-dumpxml test s1', setup=snap)
    case('snapshot-edit: a real change', snap + '; snapshot-edit test s1; '
         'snapshot-dumpxml test s1 --xpath //description',
         ['s|>one<|>two<|'])
    cp = 'checkpoint-create-as test c1'
    case('checkpoint-edit: unchanged file', cp + '; checkpoint-edit test c1', ['same'])
    case('checkpoint-edit: invalid XML, edit again, unchanged',
         cp + '; checkpoint-edit test c1', ['bad', 'restore'], 'y')
    case('iface-edit', 'iface-edit eth1', ['same'])
    case('editor fails', 'pool-edit default-pool', ['s|||'])
finally:
    shutil.rmtree(work, ignore_errors=True)

for f in failures:
    print('FAIL', f)
print('edit under a pty: %s' % ('ok' if not failures else '%d failures' % len(failures)))
sys.exit(1 if failures else 0)
