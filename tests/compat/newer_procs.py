"""newer-procs.py URI: libvirt 7.2-9.0's procedures after 426 (427-442)
driven by python3-libvirt; prints one outcome line per call ('ok' or the
error code), to be compared between nuvirtd and stock libvirtd."""
import os
import sys
import tempfile

import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName('test')
tmp = sys.argv[2]

NET = '''<network><name>%s</name><bridge name='virbr%d'/>
<ip address='192.168.%d.1' netmask='255.255.255.0'/></network>'''
FILTER = "<filter name='np-filter' chain='ipv4'><rule action='drop' direction='out' priority='500'><ip srcipaddr='10.0.0.9'/></rule></filter>"
NODEDEV = '''<device><name>np_dev</name><parent>computer</parent>
<capability type='mdev'><type id='nvidia-11'/><uuid>b1ae8bf6-38b0-4c81-9d44-78ce3f520496</uuid></capability></device>'''


def run(name, fn):
    try:
        r = fn()
        print(f'{name}: ok' + ('' if r is None or not isinstance(r, (int, bool)) else f' {int(r)}'))
    except libvirt.libvirtError as e:
        print(f'{name}: error {e.get_error_code()}')
    sys.stdout.flush()


run('427 startDirtyRateCalc', lambda: dom.startDirtyRateCalc(1, 0))
run('428 nodeDeviceDefineXML', lambda: conn.nodeDeviceDefineXML(NODEDEV, 0))
run('429 nodeDevice undefine', lambda: conn.nodeDeviceLookupByName('np_dev').undefine(0))
run('430 nodeDevice create', lambda: conn.nodeDeviceLookupByName('computer').create(0))
run('431 nwfilterDefineXMLFlags', lambda: conn.nwfilterDefineXMLFlags(FILTER, 0))
run('432 networkDefineXMLFlags', lambda: conn.networkDefineXMLFlags(NET % ('np-def', 91, 91), 0))
run('433 nodeDevice autostart', lambda: conn.nodeDeviceLookupByName('computer').autostart())
run('434 nodeDevice setAutostart', lambda: conn.nodeDeviceLookupByName('computer').setAutostart(1))
run('435 nodeDevice isPersistent', lambda: conn.nodeDeviceLookupByName('computer').isPersistent())
run('436 nodeDevice isActive', lambda: conn.nodeDeviceLookupByName('computer').isActive())
run('437 networkCreateXMLFlags', lambda: conn.networkCreateXMLFlags(NET % ('np-create', 92, 92), 0))
run('439 setLaunchSecurityState', lambda: dom.setLaunchSecurityState({'sev-secret': 'QUJD', 'sev-secret-header': 'REVG'}, 0))
run('442 abortJobFlags', lambda: dom.abortJobFlags(0))
path = os.path.join(tmp, 'np.save')
run('440 saveParams', lambda: dom.saveParams({libvirt.VIR_DOMAIN_SAVE_PARAM_FILE: path}, 0))
run('441 restoreParams', lambda: conn.restoreParams({libvirt.VIR_DOMAIN_SAVE_PARAM_FILE: path}, 0))
run('after: test state', lambda: dom.info()[0])
conn.close()
