/* libvirtmod_qemu's hand-written calls: monitor commands (the answer is a
 * str; with files, (str, [fd, ...])) and monitor events, whose callback
 * goes through libvirt_qemu._dispatchQemuMonitorEventCallback. */
#include "libvirtmod.h"
#include <libvirt/libvirt-qemu.h>

PyObject *
nuvpy_virDomainQemuMonitorCommand(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *cmd;
    unsigned int flags;
    char *result = NULL;
    int rc;

    if (!PyArg_ParseTuple(args, "OzI:virDomainQemuMonitorCommand", &py_dom, &cmd, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(rc = virDomainQemuMonitorCommand(dom, cmd, &result, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    return nuvpyString(result, true);
}

PyObject *
nuvpy_virDomainQemuMonitorCommandWithFiles(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *py_files;
    virDomainPtr dom;
    const char *cmd;
    unsigned int flags, nin, nout = 0;
    int *in, *out = NULL, rc;
    char *result = NULL;

    if (!PyArg_ParseTuple(args, "OzOI:virDomainQemuMonitorCommandWithFiles", &py_dom, &cmd,
                          &py_files, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if (nuvpyInts(py_files, &in, &nin) < 0)
        return NULL;
    NUVPY_CALL(rc = virDomainQemuMonitorCommandWithFiles(dom, cmd, nin, in, &nout, &out,
                                                         &result, flags));
    g_free(in);
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(NN)", nuvpyString(result, true), nuvpyIntList(out, nout));
}

static void
monitor_event(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *event,
              long long seconds, unsigned int micros, const char *details, void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *cbdata = opaque, *mod, *res = NULL, *pyconn;

    pyconn = PyDict_GetItemString(cbdata, "conn");
    if ((mod = PyImport_ImportModule("libvirt_qemu")) && pyconn) {
        virDomainRef(dom);
        res = PyObject_CallMethod(mod, "_dispatchQemuMonitorEventCallback", "ONsLIzO",
                                  pyconn, nuvpyWrap(dom, "virDomainPtr"), event, seconds,
                                  micros, details, cbdata);
    }
    Py_XDECREF(res);
    Py_XDECREF(mod);
    nuvpyReportCallbackError();
    PyGILState_Release(gil);
}

PyObject *
nuvpy_virConnectDomainQemuMonitorEventRegister(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *py_dom, *cbdata;
    virConnectPtr conn;
    virDomainPtr dom;
    const char *event;
    unsigned int flags;
    int rc;

    if (!PyArg_ParseTuple(args, "OOzOI:virConnectDomainQemuMonitorEventRegister", &py_conn,
                          &py_dom, &event, &cbdata, &flags))
        return NULL;
    NUVPY_UNWRAP(py_conn, "virConnectPtr", conn);
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if (!PyDict_Check(cbdata)) {
        PyErr_SetString(PyExc_TypeError, "cbData must be a dict");
        return NULL;
    }
    Py_INCREF(cbdata);
    NUVPY_CALL(rc = virConnectDomainQemuMonitorEventRegister(conn, dom, event, monitor_event,
                                                             cbdata, nuvpyReleaseCbData, flags));
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}
