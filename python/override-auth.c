/* virConnectOpenAuth with a Python auth list [credtypes, callback, cbdata]:
 * the callback gets a list of [type, prompt, challenge, defresult, result]
 * lists and fills in result (index 4) of each, as python3-libvirt's does. */
#include "libvirtmod.h"

static int
auth_callback(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    PyObject *auth = opaque, *cb, *cbdata, *list, *res = NULL;
    PyGILState_STATE gil = PyGILState_Ensure();
    int ret = -1;

    cb = PyList_GetItem(auth, 1);
    cbdata = PyList_GetItem(auth, 2);
    if (!cb || !cbdata || !(list = PyList_New(ncred))) {
        nuvpyReportCallbackError();
        PyGILState_Release(gil);
        return -1;
    }
    for (unsigned int i = 0; i < ncred; i++) {
        PyObject *item = Py_BuildValue("[izzzO]", cred[i].type, cred[i].prompt,
                                       cred[i].challenge, cred[i].defresult, Py_None);
        if (!item)
            goto out;
        PyList_SET_ITEM(list, i, item);
    }
    res = PyObject_CallFunction(cb, "OO", list, cbdata);
    if (!res)
        goto out;
    ret = PyLong_Check(res) ? (int)PyLong_AsLong(res) : -1;
    /* Results the callback left as None stay unanswered. */
    for (unsigned int i = 0; ret >= 0 && i < ncred; i++) {
        PyObject *item = PyList_GetItem(list, i), *r;
        const char *s;
        if (!item || !PyList_Check(item) || PyList_Size(item) < 5) {
            ret = -1;
            break;
        }
        r = PyList_GET_ITEM(item, 4);
        if (r == Py_None)
            continue;
        if (!(s = PyUnicode_Check(r) ? PyUnicode_AsUTF8(r) : NULL)) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "credential results must be str");
            ret = -1;
            break;
        }
        cred[i].result = g_strdup(s);
        cred[i].resultlen = strlen(s);
    }
 out:
    nuvpyReportCallbackError();
    Py_XDECREF(res);
    Py_DECREF(list);
    PyGILState_Release(gil);
    return ret;
}

PyObject *
nuvpy_virConnectOpenAuth(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    const char *uri;
    PyObject *py_auth, *cb;
    unsigned int flags, ntypes = 0;
    int *types = NULL;
    virConnectAuth auth = { 0 };
    virConnectPtr conn;

    if (!PyArg_ParseTuple(args, "zOI:virConnectOpenAuth", &uri, &py_auth, &flags))
        return NULL;
    if (!PyList_Check(py_auth) || PyList_Size(py_auth) != 3) {
        PyErr_SetString(PyExc_TypeError, "auth must be a list [credtypes, callback, cbdata]");
        return NULL;
    }
    if (nuvpyInts(PyList_GET_ITEM(py_auth, 0), &types, &ntypes) < 0)
        return NULL;
    cb = PyList_GET_ITEM(py_auth, 1);
    auth.credtype = types;
    auth.ncredtype = ntypes;
    if (cb != Py_None) {
        if (!PyCallable_Check(cb)) {
            g_free(types);
            PyErr_SetString(PyExc_TypeError, "the auth callback must be callable");
            return NULL;
        }
        auth.cb = auth_callback;
        auth.cbdata = py_auth;
    }
    /* py_auth stays referenced by our caller for the whole call. */
    NUVPY_CALL(conn = virConnectOpenAuth(uri, &auth, flags));
    g_free(types);
    return nuvpyWrap(conn, "virConnectPtr");
}
