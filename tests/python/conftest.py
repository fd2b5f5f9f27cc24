# Shared fixtures of the Python binding tests: the module under test comes
# from PYTHONPATH (build/python), never from Debian's python3-libvirt.
import os
import sys

import pytest


@pytest.fixture(scope='session')
def libvirt():
    import libvirt as mod
    build = os.environ.get('NUVIRT_PYTHON_DIR')
    assert build and os.path.dirname(os.path.abspath(mod.__file__)) == os.path.abspath(build), \
        f'imported {mod.__file__}, not the build tree binding'
    return mod


@pytest.fixture
def conn(libvirt):
    c = libvirt.open('test:///default')
    yield c
    c.close()
