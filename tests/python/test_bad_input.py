# Bad input: wrong types and counts raise TypeError as libvirt-python does,
# None where a string is required is the library's error, objects used
# after their connection closed raise libvirtError (or answer), never crash;
# and no stock libvirt library is loaded.
import os

import pytest


def test_wrong_types_and_counts(libvirt, conn):
    dom = conn.lookupByName('test')
    with pytest.raises(TypeError):
        conn.lookupByName(1)
    with pytest.raises(TypeError):
        conn.lookupByName('test', 'extra')
    with pytest.raises(TypeError):
        dom.setMemory('a lot')
    with pytest.raises(TypeError):
        dom.XMLDesc('0')
    with pytest.raises(TypeError):
        dom.pinVcpu(0, [True])          # a cpumap is a tuple
    with pytest.raises(TypeError):
        dom.setSchedulerParameters(['weight', 1])
    with pytest.raises(TypeError):
        conn.domainListGetStats(dom)     # not a list
    with pytest.raises(libvirt.libvirtError):
        conn.domainListGetStats([dom, 'not a domain'])
    with pytest.raises(TypeError):
        libvirt.openAuth('test:///default', 'not a list', 0)
    with pytest.raises(libvirt.libvirtError):   # wraps to 2**64-1, as in libvirt-python
        dom.setMemory(-1)
    with pytest.raises(TypeError):
        conn.newStream(0).send('str, not bytes')


def test_none_where_a_string_is_required(libvirt, conn):
    for call, code in [(lambda: conn.lookupByName(None), libvirt.VIR_ERR_INVALID_ARG),
                       (lambda: conn.defineXML(None), libvirt.VIR_ERR_INVALID_ARG),
                       (lambda: conn.networkLookupByName(None), libvirt.VIR_ERR_INVALID_ARG)]:
        with pytest.raises(libvirt.libvirtError) as err:
            call()
        assert err.value.get_error_code() == code
        assert 'must not be NULL' in str(err.value)


def test_unknown_typed_parameter(libvirt, conn):
    dom = conn.lookupByName('test')
    with pytest.raises(LookupError, match='no-such-field'):   # libvirt-python's exception
        dom.setSchedulerParameters({'no-such-field': 1})


def test_objects_after_close(libvirt):
    c = libvirt.open('test:///default')
    dom = c.lookupByName('test')
    net = c.networkLookupByName('default')
    c.close()
    # The connection object itself: libvirtError.
    with pytest.raises(libvirt.libvirtError):
        c.lookupByName('test')
    with pytest.raises(libvirt.libvirtError):
        c.listAllDomains()
    # Objects still hold the connection (as in libvirt): they answer.
    assert dom.name() == 'test' and net.name() == 'default'
    del dom, net
    with pytest.raises(libvirt.libvirtError):
        c.close()


def test_connection_closed_with_callbacks_registered(libvirt, event_loop):
    c = libvirt.open('test:///default')
    c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                             lambda *a: None, None)
    c.registerCloseCallback(lambda *a: None, None)
    c.close()          # callbacks still registered: released with the connection
    del c


def test_no_stock_libvirt_loaded(libvirt, conn):
    libdir = os.path.realpath(os.environ['NUVIRT_LIB_DIR'])
    pydir = os.path.realpath(os.environ['NUVIRT_PYTHON_DIR'])
    libs = {l.split()[-1] for l in open('/proc/self/maps') if '.so' in l and 'virt' in l}
    assert libs
    for lib in libs:
        real = os.path.realpath(lib)
        assert real.startswith(libdir) or real.startswith(pydir), f'stock library loaded: {lib}'


EDGE_SCRIPT = r'''
import libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open('test:///default')
d = c.lookupByName('test')
calls = [('setMemory', (0,)), ('setMemory', (-1,)), ('setMemory', (2**53,)),
         ('setMemory', (2**64,)), ('setMaxMemory', (0,)), ('setMaxMemory', (2**62,)),
         ('setMemoryFlags', (0, 0)), ('setVcpus', (0,)), ('setVcpusFlags', (0, 0)),
         ('setMemoryStatsPeriod', (-1, 0)), ('blockResize', ('vda', 2**63, 0)),
         ('setMemoryParameters', ({}, 0)), ('setSchedulerParameters', ({},)),
         ('setBlkioParameters', ({}, 0))]
for name, args in calls:
    try:
        getattr(d, name)(*args)
        print(name, args, 'ok')
    except libvirt.libvirtError as e:
        print(name, args, 'libvirtError', e.get_error_code(), e.get_error_domain(), e)
    except Exception as e:
        print(name, args, type(e).__name__, e)
'''


def test_scalar_edges_match_stock(libvirt, tmp_path):
    """Zero, negative and too-large numbers, and empty parameter dicts, get
    python3-libvirt-on-stock-libvirt's answers: the same exception class,
    error code, error domain and message."""
    import subprocess
    stock_env = {k: v for k, v in os.environ.items()
                 if k not in ('PYTHONPATH', 'LD_LIBRARY_PATH')}
    probe = subprocess.run(['/usr/bin/python3', '-c',
                            'import libvirt; print(libvirt.__file__)'],
                           env=stock_env, capture_output=True, text=True)
    if probe.returncode != 0 or not probe.stdout.startswith('/usr/lib/python3'):
        pytest.skip('python3-libvirt (stock) not installed')
    script = tmp_path / 'edges.py'
    script.write_text(EDGE_SCRIPT)
    stock = subprocess.run(['/usr/bin/python3', str(script)], env=stock_env,
                           capture_output=True, text=True, timeout=60)
    ours = subprocess.run(['/usr/bin/python3', str(script)], env=dict(os.environ),
                          capture_output=True, text=True, timeout=60)
    assert stock.returncode == 0, stock.stderr
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout.splitlines() == stock.stdout.splitlines()
