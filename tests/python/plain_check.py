"""The binding under an interpreter without pytest (the pyenv python3):
it imports from the build tree, runs on nuvirt's library, and answers."""
import os
import sys

import libvirt
import libvirt_lxc
import libvirt_qemu

pydir = os.path.realpath(os.environ['NUVIRT_PYTHON_DIR'])
libdir = os.path.realpath(os.environ['NUVIRT_LIB_DIR'])
for m in (libvirt, libvirt_qemu, libvirt_lxc):
    assert os.path.realpath(m.__file__).startswith(pydir), m.__file__

c = libvirt.open('test:///default')
d = c.lookupByName('test')
assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
assert [x.name() for x in c.listAllDomains()] == ['test']
try:
    c.lookupByName('nope')
    raise SystemExit('lookup of a missing domain succeeded')
except libvirt.libvirtError as e:
    assert e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN
c.close()

maps = {l.split()[-1] for l in open('/proc/self/maps') if '.so' in l and 'virt' in l}
for lib in maps:
    real = os.path.realpath(lib)
    assert real.startswith(pydir) or real.startswith(libdir), f'stock library loaded: {lib}'
print(f'ok with {sys.executable} {sys.version.split()[0]}; libraries: {sorted(maps)}')
