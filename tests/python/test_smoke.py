# The first calls anyone makes: open, look up, info, errors; and the proof
# that the binding runs on nuvirt's library, not a stock libvirt.
import os


def test_runs_on_nuvirt_library(libvirt, conn):
    libdir = os.path.realpath(os.environ['NUVIRT_LIB_DIR'])
    maps = open('/proc/self/maps').read().splitlines()
    libs = {l.split()[-1] for l in maps if 'libvirt' in l or 'libnuvirt' in l}
    mods = [l for l in libs if '/libvirtmod' in l]
    assert mods and all(os.path.realpath(m).startswith(os.path.realpath(os.environ['NUVIRT_PYTHON_DIR']))
                        for m in mods), mods
    core = [l for l in libs if l.endswith('.so') or '.so.' in l]
    core = [l for l in core if '/libvirtmod' not in l]
    assert core, libs
    for l in core:
        assert os.path.realpath(l).startswith(libdir), f'stock library loaded: {l}'


def test_open_lookup_info(libvirt, conn):
    dom = conn.lookupByName('test')
    assert dom.name() == 'test'
    state, maxmem, mem, vcpus, cputime = dom.info()
    assert state == libvirt.VIR_DOMAIN_RUNNING
    assert maxmem == 8388608 and mem == 2097152 and vcpus == 2
    assert dom.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN]
    assert conn.lookupByUUIDString(dom.UUIDString()).name() == 'test'
    assert conn.lookupByUUID(dom.UUID()).UUID() == dom.UUID()
    assert conn.lookupByID(dom.ID()).name() == 'test'
    assert [d.name() for d in conn.listAllDomains()] == ['test']
    assert conn.getInfo()[0] == 'i686'


def test_errors_carry_code_and_domain(libvirt, conn):
    try:
        conn.lookupByName('no-such-domain')
    except libvirt.libvirtError as e:
        assert e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN
        assert 'no-such-domain' in e.get_error_message() or e.get_error_message()
        assert str(e) == e.get_error_message()
    else:
        raise AssertionError('lookup of a missing domain succeeded')


def test_wrong_types_raise_typeerror(libvirt, conn):
    import pytest
    with pytest.raises(TypeError):
        conn.lookupByName(123)
    with pytest.raises(TypeError):
        conn.lookupByName()
    with pytest.raises(TypeError):
        conn.lookupByID('x')
