/* libvirtmod_lxc's hand-written call: the namespaces of a container as a
 * list of file descriptors the caller owns. */
#include "libvirtmod.h"
#include <libvirt/libvirt-lxc.h>

PyObject *
nuvpy_virDomainLxcOpenNamespace(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    unsigned int flags;
    int *fds = NULL, n;

    if (!PyArg_ParseTuple(args, "OI:virDomainLxcOpenNamespace", &py_dom, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(n = virDomainLxcOpenNamespace(dom, &fds, flags));
    if (n < 0)
        Py_RETURN_NONE;
    return nuvpyIntList(fds, n);
}
