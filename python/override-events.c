/* Events: registering Python callbacks for the event IDs (the trampolines
 * that convert each callback's arguments are generated from the
 * description: nuvpy_event_trampoline()), the close callback, and the event
 * loop: libvirt's default loop, single handles and timers, and an event loop
 * implemented in Python (virEventRegisterImpl). */
#include "libvirtmod.h"
#include <string.h>

/* ---- dispatching to Python ---- */

PyObject *
nuvpyWrapRef(void *ptr, const char *type)
{
    /* Event callbacks lend their object: the Python wrapper frees its own ref. */
    if (strcmp(type, "virDomainPtr") == 0) virDomainRef(ptr);
    else if (strcmp(type, "virNetworkPtr") == 0) virNetworkRef(ptr);
    else if (strcmp(type, "virStoragePoolPtr") == 0) virStoragePoolRef(ptr);
    else if (strcmp(type, "virNodeDevicePtr") == 0) virNodeDeviceRef(ptr);
    else if (strcmp(type, "virSecretPtr") == 0) virSecretRef(ptr);
    return nuvpyWrap(ptr, type);
}

/* Call conn.<method>(*args, cbData) where cbData = {'cb', 'conn', 'opaque'};
 * steals @args.  Runs with the GIL held. */
void
nuvpyDispatch(PyObject *cbdata, const char *method, PyObject *args)
{
    PyObject *conn, *fn = NULL, *full = NULL, *res = NULL;
    Py_ssize_t n;

    if (!args)
        goto out;
    conn = PyDict_GetItemString(cbdata, "conn");
    if (!conn)
        goto out;
    fn = PyObject_GetAttrString(conn, method);
    if (!fn)
        goto out;
    n = PyTuple_GET_SIZE(args);
    full = PyTuple_New(n + 1);
    if (!full)
        goto out;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PyTuple_GET_ITEM(args, i);
        Py_INCREF(it);
        PyTuple_SET_ITEM(full, i, it);
    }
    Py_INCREF(cbdata);
    PyTuple_SET_ITEM(full, n, cbdata);
    res = PyObject_Call(fn, full, NULL);
 out:
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    Py_XDECREF(full);
    Py_XDECREF(fn);
    Py_XDECREF(args);
}

/* ---- registering for the event IDs ---- */

typedef int (*register_fn)(virConnectPtr, void *, int, virConnectDomainEventGenericCallback,
                           void *, virFreeCallback);

static PyObject *
register_any(PyObject *args, const char *what, const char *objtype, register_fn reg,
             const nuvpyEventTrampoline *table, int ntable)
{
    PyObject *py_conn, *py_obj, *cbdata;
    virConnectPtr conn;
    void *obj;
    int id, rc;
    char fmt[64];

    g_snprintf(fmt, sizeof(fmt), "OOiO:%s", what);
    if (!PyArg_ParseTuple(args, fmt, &py_conn, &py_obj, &id, &cbdata))
        return NULL;
    if (nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0 ||
        nuvpyUnwrap(py_obj, objtype, &obj) < 0)
        return NULL;
    if (!PyDict_Check(cbdata)) {
        PyErr_SetString(PyExc_TypeError, "cbData must be a dict");
        return NULL;
    }
    if (id < 0 || id >= ntable || table[id] == NULL) {
        /* Unknown IDs go to the library, which reports them as libvirt does. */
        Py_BEGIN_ALLOW_THREADS
        rc = reg(conn, obj, id, NULL, NULL, NULL);
        Py_END_ALLOW_THREADS
        return PyLong_FromLong(rc < 0 ? -1 : rc);
    }
    Py_INCREF(cbdata);
    Py_BEGIN_ALLOW_THREADS
    rc = reg(conn, obj, id, table[id], cbdata, nuvpyReleaseCbData);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}

#define REGISTER_ANY(NAME, OBJTYPE, OBJ) \
    PyObject *nuvpy_##NAME(PyObject *self G_GNUC_UNUSED, PyObject *args) \
    { \
        return register_any(args, #NAME, OBJTYPE, (register_fn)NAME, \
                            nuvpy_##OBJ##_event_trampolines, nuvpy_##OBJ##_event_ntrampolines); \
    }

REGISTER_ANY(virConnectDomainEventRegisterAny, "virDomainPtr", domain)
REGISTER_ANY(virConnectNetworkEventRegisterAny, "virNetworkPtr", network)
REGISTER_ANY(virConnectStoragePoolEventRegisterAny, "virStoragePoolPtr", storage_pool)
REGISTER_ANY(virConnectNodeDeviceEventRegisterAny, "virNodeDevicePtr", node_device)
REGISTER_ANY(virConnectSecretEventRegisterAny, "virSecretPtr", secret)

PyObject *
nuvpyGraphicsAddress(const virDomainEventGraphicsAddress *addr)
{
    if (!addr)
        Py_RETURN_NONE;
    return Py_BuildValue("{s:i,s:z,s:z}", "family", addr->family, "node", addr->node,
                         "service", addr->service);
}

PyObject *
nuvpyGraphicsSubject(const virDomainEventGraphicsSubject *subject)
{
    PyObject *list;

    if (!subject)
        Py_RETURN_NONE;
    list = PyList_New(subject->nidentity);
    for (int i = 0; list && i < subject->nidentity; i++) {
        PyObject *t = Py_BuildValue("(zz)", subject->identities[i].type,
                                    subject->identities[i].name);
        if (!t)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, t);
    }
    return list;
}

/* The oldest form: one C callback per connection; the Python side keeps the
 * list of Python callbacks and dispatches through _dispatchDomainEventCallbacks. */
static int
legacy_lifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
                 void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *pyconn = opaque, *res;

    res = PyObject_CallMethod(pyconn, "_dispatchDomainEventCallbacks", "Nii",
                              nuvpyWrapRef(dom, "virDomainPtr"), event, detail);
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    PyGILState_Release(gil);
    return 0;
}

PyObject *
nuvpy_virConnectDomainEventRegister(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *pyconn;
    virConnectPtr conn;
    int rc;

    if (!PyArg_ParseTuple(args, "OO:virConnectDomainEventRegister", &py_conn, &pyconn) ||
        nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0)
        return NULL;
    /* Only a weak tie to the Python connection would let it be collected
     * while registered; the Python side deregisters before it goes. */
    Py_INCREF(pyconn);
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectDomainEventRegister(conn, legacy_lifecycle, pyconn, nuvpyReleaseCbData);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_DECREF(pyconn);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virConnectDomainEventDeregister(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn;
    virConnectPtr conn;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virConnectDomainEventDeregister", &py_conn) ||
        nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectDomainEventDeregister(conn, legacy_lifecycle);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(rc);
}

/* ---- close callback ---- */

static void
close_trampoline(virConnectPtr conn G_GNUC_UNUSED, int reason, void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    nuvpyDispatch(opaque, "_dispatchCloseCallback", Py_BuildValue("(i)", reason));
    PyGILState_Release(gil);
}

PyObject *
nuvpy_virConnectRegisterCloseCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *cbdata;
    virConnectPtr conn;
    int rc;

    if (!PyArg_ParseTuple(args, "OO:virConnectRegisterCloseCallback", &py_conn, &cbdata) ||
        nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0)
        return NULL;
    Py_INCREF(cbdata);
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectRegisterCloseCallback(conn, close_trampoline, cbdata, nuvpyReleaseCbData);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virConnectUnregisterCloseCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn;
    virConnectPtr conn;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virConnectUnregisterCloseCallback", &py_conn) ||
        nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = virConnectUnregisterCloseCallback(conn, close_trampoline);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(rc);
}

/* ---- handles and timers on the registered loop ---- */

static void
handle_trampoline(int watch, int fd, int events, void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *fn = nuvpyModuleAttr("_dispatchEventHandleCallback");
    PyObject *res = fn ? PyObject_CallFunction(fn, "iiiO", watch, fd, events, (PyObject *)opaque)
                       : NULL;
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    Py_XDECREF(fn);
    PyGILState_Release(gil);
}

static void
timeout_trampoline(int timer, void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *fn = nuvpyModuleAttr("_dispatchEventTimeoutCallback");
    PyObject *res = fn ? PyObject_CallFunction(fn, "iO", timer, (PyObject *)opaque) : NULL;
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    Py_XDECREF(fn);
    PyGILState_Release(gil);
}

PyObject *
nuvpy_virEventAddHandle(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *cbdata;
    int fd, events, rc;

    if (!PyArg_ParseTuple(args, "iiO:virEventAddHandle", &fd, &events, &cbdata))
        return NULL;
    Py_INCREF(cbdata);
    Py_BEGIN_ALLOW_THREADS
    rc = virEventAddHandle(fd, events, handle_trampoline, cbdata, nuvpyReleaseCbData);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virEventAddTimeout(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *cbdata;
    int timeout, rc;

    if (!PyArg_ParseTuple(args, "iO:virEventAddTimeout", &timeout, &cbdata))
        return NULL;
    Py_INCREF(cbdata);
    Py_BEGIN_ALLOW_THREADS
    rc = virEventAddTimeout(timeout, timeout_trampoline, cbdata, nuvpyReleaseCbData);
    Py_END_ALLOW_THREADS
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}

/* ---- an event loop written in Python ---- */

static PyObject *impl_add_handle, *impl_update_handle, *impl_remove_handle;
static PyObject *impl_add_timeout, *impl_update_timeout, *impl_remove_timeout;

/* The opaque a Python loop gets: (callback, opaque, free function) capsules,
 * which _eventInvoke*Callback and virEventInvokeFreeCallback hand back. */
static PyObject *
c_opaque(void *cb, void *opaque, virFreeCallback ff)
{
    return Py_BuildValue("(NNN)", PyCapsule_New(cb, "virEventCallback", NULL),
                         opaque ? PyCapsule_New(opaque, "void*", NULL) : (Py_INCREF(Py_None), Py_None),
                         ff ? PyCapsule_New((void *)ff, "virFreeCallback", NULL)
                            : (Py_INCREF(Py_None), Py_None));
}

static int
call_int(PyObject *fn, PyObject *args)
{
    PyObject *res = args ? PyObject_Call(fn, args, NULL) : NULL;
    int ret = -1;

    if (res && PyLong_Check(res))
        ret = (int)PyLong_AsLong(res);
    else if (res == Py_None)
        ret = 0;
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    Py_XDECREF(args);
    return ret;
}

static int
impl_add_handle_c(int fd, int event, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *invoke = nuvpyModuleAttr("_eventInvokeHandleCallback");
    int ret = invoke ? call_int(impl_add_handle, Py_BuildValue("(iiNN)", fd, event, invoke,
                                                              c_opaque((void *)cb, opaque, ff)))
                     : -1;
    nuvpyReportCallbackError();
    PyGILState_Release(gil);
    return ret;
}

static void
impl_update_handle_c(int watch, int event)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    call_int(impl_update_handle, Py_BuildValue("(ii)", watch, event));
    PyGILState_Release(gil);
}

static int
impl_remove_handle_c(int watch)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    int ret = call_int(impl_remove_handle, Py_BuildValue("(i)", watch));
    PyGILState_Release(gil);
    return ret;
}

static int
impl_add_timeout_c(int timeout, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *invoke = nuvpyModuleAttr("_eventInvokeTimeoutCallback");
    int ret = invoke ? call_int(impl_add_timeout, Py_BuildValue("(iNN)", timeout, invoke,
                                                               c_opaque((void *)cb, opaque, ff)))
                     : -1;
    PyGILState_Release(gil);
    return ret;
}

static void
impl_update_timeout_c(int timer, int timeout)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    call_int(impl_update_timeout, Py_BuildValue("(ii)", timer, timeout));
    PyGILState_Release(gil);
}

static int
impl_remove_timeout_c(int timer)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    int ret = call_int(impl_remove_timeout, Py_BuildValue("(i)", timer));
    PyGILState_Release(gil);
    return ret;
}

PyObject *
nuvpy_virEventRegisterImpl(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *fns[6];
    PyObject **slots[6] = {&impl_add_handle, &impl_update_handle, &impl_remove_handle,
                           &impl_add_timeout, &impl_update_timeout, &impl_remove_timeout};

    if (!PyArg_ParseTuple(args, "OOOOOO:virEventRegisterImpl",
                          &fns[0], &fns[1], &fns[2], &fns[3], &fns[4], &fns[5]))
        return NULL;
    for (int i = 0; i < 6; i++) {
        if (!PyCallable_Check(fns[i])) {
            PyErr_SetString(PyExc_TypeError, "virEventRegisterImpl needs six callables");
            return NULL;
        }
    }
    for (int i = 0; i < 6; i++) {
        Py_INCREF(fns[i]);
        Py_XSETREF(*slots[i], fns[i]);
    }
    Py_BEGIN_ALLOW_THREADS
    virEventRegisterImpl(impl_add_handle_c, impl_update_handle_c, impl_remove_handle_c,
                         impl_add_timeout_c, impl_update_timeout_c, impl_remove_timeout_c);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static void *
capsule_ptr(PyObject *obj, const char *name)
{
    if (obj == Py_None)
        return NULL;
    if (!PyCapsule_CheckExact(obj)) {
        PyErr_Format(PyExc_TypeError, "expected the %s capsule libvirt passed", name);
        return NULL;
    }
    return PyCapsule_GetPointer(obj, name);
}

static PyObject *
py_virEventInvokeHandleCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_cb, *py_opaque;
    int watch, fd, event;
    virEventHandleCallback cb;

    if (!PyArg_ParseTuple(args, "iiiOO:virEventInvokeHandleCallback", &watch, &fd, &event,
                          &py_cb, &py_opaque))
        return NULL;
    cb = (virEventHandleCallback)capsule_ptr(py_cb, "virEventCallback");
    if (!cb)
        return PyErr_Occurred() ? NULL : PyLong_FromLong(-1);
    void *opaque = capsule_ptr(py_opaque, "void*");
    if (PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cb(watch, fd, event, opaque);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(0);
}

static PyObject *
py_virEventInvokeTimeoutCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_cb, *py_opaque;
    int timer;
    virEventTimeoutCallback cb;

    if (!PyArg_ParseTuple(args, "iOO:virEventInvokeTimeoutCallback", &timer, &py_cb, &py_opaque))
        return NULL;
    cb = (virEventTimeoutCallback)capsule_ptr(py_cb, "virEventCallback");
    if (!cb)
        return PyErr_Occurred() ? NULL : PyLong_FromLong(-1);
    void *opaque = capsule_ptr(py_opaque, "void*");
    if (PyErr_Occurred())
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    cb(timer, opaque);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(0);
}

static PyObject *
py_virEventInvokeFreeCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_ff, *py_opaque;
    virFreeCallback ff;

    if (!PyArg_ParseTuple(args, "OO:virEventInvokeFreeCallback", &py_ff, &py_opaque))
        return NULL;
    ff = (virFreeCallback)capsule_ptr(py_ff, "virFreeCallback");
    if (PyErr_Occurred())
        return NULL;
    void *opaque = capsule_ptr(py_opaque, "void*");
    if (PyErr_Occurred())
        return NULL;
    if (ff) {
        Py_BEGIN_ALLOW_THREADS
        ff(opaque);
        Py_END_ALLOW_THREADS
    }
    return PyLong_FromLong(0);
}

PyMethodDef nuvpy_methods_events[] = {
    {"virEventInvokeHandleCallback", py_virEventInvokeHandleCallback, METH_VARARGS, NULL},
    {"virEventInvokeTimeoutCallback", py_virEventInvokeTimeoutCallback, METH_VARARGS, NULL},
    {"virEventInvokeFreeCallback", py_virEventInvokeFreeCallback, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};
