#!/usr/bin/python3
"""The interactive shell under a pseudo-terminal.

  pty-check.py NUVSH

Starts nuvsh on test:///default with a terminal (Python's pty module), types
as a user would and reads the screen: the prompt, readline editing (Ctrl-A,
arrows), tab completion of commands, options and domain names, a bad
command that leaves the shell running, Ctrl-D, and the history file that a
second session reads back (Up arrow).  XDG_CACHE_HOME and HOME point to a
temporary directory, so the user's own history is never touched.
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
PROMPT = b'nuvsh # '
# a fresh prompt starts a line; readline's redraws (Ctrl-A, completion lists)
# print the prompt after a bare carriage return instead
NEXT_PROMPT = rb'(?:\n|\x1b\[\?2004h)' + re.escape(PROMPT)
failures = []


class Session:
    def __init__(self, home, args=()):
        env = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, 'cache'),
                   TERM='xterm', INPUTRC='/dev/null', LC_ALL='C')
        for var in ('LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI', 'VIRSH_HISTSIZE'):
            env.pop(var, None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(NUVSH, [NUVSH, '-c', 'test:///default'] + list(args), env)
        self.seen = b''

    def read_until(self, pattern, timeout=10):
        """Everything the terminal showed until @pattern (bytes regex)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError('timed out waiting for %r; screen: %r'
                                     % (pattern, self.seen[-400:]))
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b''
                if not chunk:
                    raise AssertionError('nuvsh closed the terminal; screen: %r'
                                         % self.seen[-400:])
                self.seen += chunk
        m = re.search(pattern, self.seen)
        shown, self.seen = self.seen[:m.end()], self.seen[m.end():]
        return shown

    def type(self, data):
        os.write(self.fd, data)

    def run(self, line):
        """Types @line and Enter; returns what was shown up to the next prompt."""
        self.type(line + b'\r')
        return self.read_until(NEXT_PROMPT)

    def wait(self):
        """Exit status once the shell ends (its end of the pty closes)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:
                select.select([self.fd], [], [], 0.1)
                os.read(self.fd, 4096)
            except OSError:
                pass
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        raise AssertionError('nuvsh did not exit')


def check(name, cond, detail=''):
    if not cond:
        failures.append('%s %s' % (name, detail))


def step(fn):
    try:
        fn()
    except Exception as e:  # report and go on: the next steps are independent
        failures.append('%s: %s' % (fn.__name__, e))


home = tempfile.mkdtemp(prefix='nuvsh-pty-')
try:
    s = Session(home)

    @step
    def prompt():
        banner = s.read_until(re.escape(PROMPT))
        check('welcome before the first prompt', b'nuvsh' in banner, repr(banner))
        out = s.run(b'domstate test')
        check('a command runs', b'running' in out, repr(out))

    @step
    def bad_command_keeps_running():
        out = s.run(b'nosuchcmd --x')
        check('unknown command message', b"error: unknown command: 'nosuchcmd'" in out,
              repr(out))
        out = s.run(b'dominfo')
        check('missing option message', b'error: command \'dominfo\' requires <domain> option'
              in out, repr(out))
        out = s.run(b'domstate nosuch')
        check('missing domain message', b'failed to get domain' in out, repr(out))
        out = s.run(b'domstate test')
        check('still running after errors', b'running' in out, repr(out))

    @step
    def complete_command():
        s.type(b'dominf\t')
        s.read_until(rb'o ')
        out = s.run(b'te\t')
        check('completed command and domain', b'Name:           test' in out, repr(out))
        s.type(b'domstate te\t')
        s.read_until(rb'st ')
        out = s.run(b'--rea\t')
        check('completed option', b'running (' in out, repr(out))

    @step
    def complete_lists_candidates():
        s.type(b'domif\t\t')
        # the candidates, then the prompt again with the line as it was
        shown = s.read_until(re.escape(PROMPT) + rb'domif')
        check('double tab lists the candidates',
              all(w in shown for w in (b'domiflist', b'domifstat', b'domifaddr')), repr(shown))
        s.type(b'\x15')        # Ctrl-U: drop the half-typed line
        out = s.run(b'')
        check('empty line after Ctrl-U', b'error' not in out, repr(out))

    @step
    def readline_editing():
        # 'omstate test', Ctrl-A to the start, 'd': 'domstate test'
        out = s.run(b'omstate test\x01d')
        check('Ctrl-A then insert', b'running' in out, repr(out))
        # 'domstate tset', Left twice, swap with Ctrl-T: 'domstate test'
        out = s.run(b'domstate tset\x1b[D\x1b[D\x14')
        check('arrow keys and Ctrl-T', b'running' in out, repr(out))

    @step
    def ctrl_d_exits():
        s.run(b'list --all')
        s.type(b'\x04')
        check('Ctrl-D exits with 0', s.wait() == 0)

    hist = os.path.join(home, 'cache', 'nuvsh', 'history')

    @step
    def history_kept():
        check('history file written', os.path.exists(hist), hist)
        text = open(hist).read()
        check('history holds the commands', 'list --all' in text and 'domstate test' in text,
              repr(text))
        s2 = Session(home)
        s2.read_until(re.escape(PROMPT))
        s2.type(b'\x1b[A')     # Up: the last command of the first session
        s2.read_until(rb'list --all')
        out = s2.run(b'')
        check('recalled command runs', b'Id' in out and b'test' in out, repr(out))
        s2.type(b'quit\r')
        check('quit exits', s2.wait() == 0)
    @step
    def console_on_test_driver():
        # stock virsh 9.0 on its test driver: the two banner lines, then the
        # driver's NO_SUPPORT for virDomainOpenConsole, exit status 1
        c = Session(home, ['console', 'test'])
        out = c.read_until(rb'OpenConsole\r\n')
        check('console banner', b"Connected to domain 'test'\r\n"
              b"Escape character is ^] (Ctrl + ])\r\n"
              b"error: this function is not supported by the connection driver: "
              b"virDomainOpenConsole\r\n" in out, repr(out))
        check('console exit status', c.wait() == 1)
        c = Session(home, ['-e', '^G', 'console', 'test'])
        out = c.read_until(rb'OpenConsole\r\n')
        check('console -e ^G', b'Escape character is ^G (Ctrl + G)\r\n' in out, repr(out))
        c.wait()
finally:
    shutil.rmtree(home, ignore_errors=True)

for f in failures:
    print('FAIL', f)
print('pty: %s' % ('ok' if not failures else '%d failures' % len(failures)))
sys.exit(1 if failures else 0)
