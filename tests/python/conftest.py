# Shared fixtures of the Python binding tests: the module under test comes
# from PYTHONPATH (build/python), never from Debian's python3-libvirt; the
# default event loop runs on a thread as nova runs it; nuvirtd, when a test
# wants it, is started on a temporary socket and stopped by its PID.
import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import pytest


@pytest.fixture(scope='session')
def libvirt():
    import libvirt as mod
    build = os.environ.get('NUVIRT_PYTHON_DIR')
    assert build and os.path.dirname(os.path.abspath(mod.__file__)) == os.path.abspath(build), \
        f'imported {mod.__file__}, not the build tree binding'
    return mod


@pytest.fixture(scope='session')
def event_loop(libvirt):
    """virEventRegisterDefaultImpl once, then virEventRunDefaultImpl on a
    daemon thread for the whole session (nova's pattern).  A timer keeps
    the loop turning so that callbacks queued by other threads are seen."""
    libvirt.virEventRegisterDefaultImpl()
    errors = []

    def run():
        while True:
            try:
                libvirt.virEventRunDefaultImpl()
            except Exception as e:      # pragma: no cover - reported below
                errors.append(e)
    libvirt.virEventAddTimeout(50, lambda timer, opaque: None, None)
    threading.Thread(target=run, name='libvirt-event-loop', daemon=True).start()
    yield errors
    assert not errors, errors


@pytest.fixture
def conn(libvirt):
    c = libvirt.open('test:///default')
    yield c
    c.close()


def _wait_listening(path, proc, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if os.path.exists(path):
            s = socket.socket(socket.AF_UNIX)
            try:
                s.connect(path)
                return True
            except OSError:
                pass
            finally:
                s.close()
        time.sleep(0.05)
    return False


def _stop(proc):
    """SIGTERM by PID, then wait on a pidfd (not on reaping) for the end."""
    if proc.poll() is not None:
        return
    try:
        fd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        fd = None
    proc.send_signal(signal.SIGTERM)
    if fd is not None:
        ready, _, _ = select.select([fd], [], [], 10)
        os.close(fd)
        if not ready:
            proc.kill()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope='session')
def daemon_uri():
    """test+unix:///default on a nuvirtd of the build tree, on a socket in a
    temporary directory; skipped when nuvirtd is not built."""
    nuvirtd = os.environ.get('NUVIRTD')
    if not nuvirtd or not os.access(nuvirtd, os.X_OK):
        pytest.skip('nuvirtd not built')
    tmp = tempfile.mkdtemp(prefix='nuvpy-')
    conf = os.path.join(tmp, 'nuvirtd.conf')
    with open(conf, 'w') as f:
        f.write(f'unix_sock_dir = "{tmp}"\n')
    proc = subprocess.Popen([nuvirtd, '--config', conf, '--root', os.path.join(tmp, 'root')])
    sock = os.path.join(tmp, 'libvirt-sock')
    try:
        if not _wait_listening(sock, proc):
            pytest.fail('nuvirtd did not start listening')
        yield f'test+unix:///default?socket={sock}'
    finally:
        _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(params=['in-process', 'nuvirtd'])
def uri(request):
    """The nova tests run twice: in process and through nuvirtd."""
    if request.param == 'in-process':
        return 'test:///default'
    return request.getfixturevalue('daemon_uri')


def wait_for(pred, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.01)
    return pred()
