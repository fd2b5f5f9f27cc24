/* Errors: virGetLastError as python3-libvirt's 9-item tuple, the
 * application's error handler, and the module's setup. */
#include "libvirtmod.h"

static PyObject *error_handler;      /* callable or NULL */
static PyObject *error_handler_ctx;

/* python3-libvirt's tuple has 9 items: code, domain, message, level,
 * str1, str2, str3, int1, int2. */
static PyObject *
last_error_tuple(virErrorPtr err)
{
    if (err == NULL || err->code == VIR_ERR_OK)
        Py_RETURN_NONE;
    return Py_BuildValue("(iisizzzii)", err->code, err->domain,
                         err->message ? err->message : "", err->level,
                         err->str1, err->str2, err->str3, err->int1, err->int2);
}

static PyObject *
py_virGetLastError(PyObject *self G_GNUC_UNUSED, PyObject *args G_GNUC_UNUSED)
{
    return last_error_tuple(virGetLastError());
}

PyObject *
nuvpy_virConnGetLastError(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn;
    virConnectPtr conn;

    if (!PyArg_ParseTuple(args, "O:virConnGetLastError", &py_conn) ||
        nuvpyUnwrap(py_conn, "virConnectPtr", (void **)&conn) < 0)
        return NULL;
    return last_error_tuple(virConnGetLastError(conn));
}

/* libvirt calls this for every error; the Python handler, when set, gets
 * (ctx, error tuple); without one, libvirt's default printing is kept. */
static void
error_func(void *opaque G_GNUC_UNUSED, virErrorPtr err)
{
    PyGILState_STATE gil;
    PyObject *tuple, *res;

    if (err == NULL || err->code == VIR_ERR_OK)
        return;
    /* Read without the GIL: only registerErrorHandler changes it. */
    if (error_handler == NULL) {
        virDefaultErrorFunc(err);
        return;
    }
    gil = PyGILState_Ensure();
    if (error_handler == NULL) {
        PyGILState_Release(gil);
        return;
    }
    tuple = last_error_tuple(err);
    if (tuple) {
        res = PyObject_CallFunction(error_handler, "OO", error_handler_ctx, tuple);
        Py_XDECREF(res);
        Py_DECREF(tuple);
    }
    nuvpyReportCallbackError();
    PyGILState_Release(gil);
}

static PyObject *
py_virRegisterErrorHandler(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *f, *ctx;

    if (!PyArg_ParseTuple(args, "OO:virRegisterErrorHandler", &f, &ctx))
        return NULL;
    if (f != Py_None && !PyCallable_Check(f)) {
        PyErr_SetString(PyExc_TypeError, "the error handler must be callable or None");
        return NULL;
    }
    Py_CLEAR(error_handler);
    Py_CLEAR(error_handler_ctx);
    if (f != Py_None) {
        Py_INCREF(f);
        Py_INCREF(ctx);
        error_handler = f;
        error_handler_ctx = ctx;
    }
    return PyLong_FromLong(1);
}

/* c_pointer(): the handle's address as an int. */
static PyObject *
pointer_of(PyObject *args, const char *type)
{
    PyObject *obj;
    void *ptr;

    if (!PyArg_ParseTuple(args, "O", &obj) || nuvpyUnwrap(obj, type, &ptr) < 0)
        return NULL;
    return PyLong_FromVoidPtr(ptr);
}

#define POINTER_FN(cls) \
    static PyObject *py_##cls##_pointer(PyObject *s G_GNUC_UNUSED, PyObject *a) \
    { return pointer_of(a, #cls "Ptr"); }
POINTER_FN(virConnect)
POINTER_FN(virDomain)
POINTER_FN(virNetwork)
POINTER_FN(virNetworkPort)
POINTER_FN(virInterface)
POINTER_FN(virStoragePool)
POINTER_FN(virStorageVol)
POINTER_FN(virNodeDevice)
POINTER_FN(virSecret)
POINTER_FN(virNWFilter)
POINTER_FN(virNWFilterBinding)
POINTER_FN(virStream)
POINTER_FN(virDomainSnapshot)
POINTER_FN(virDomainCheckpoint)

#define POINTER_ENTRY(cls) {#cls "_pointer", py_##cls##_pointer, METH_VARARGS, NULL}

PyMethodDef nuvpy_methods_errors[] = {
    {"virGetLastError", py_virGetLastError, METH_NOARGS, NULL},
    {"virRegisterErrorHandler", py_virRegisterErrorHandler, METH_VARARGS, NULL},
    POINTER_ENTRY(virConnect), POINTER_ENTRY(virDomain), POINTER_ENTRY(virNetwork),
    POINTER_ENTRY(virNetworkPort), POINTER_ENTRY(virInterface),
    POINTER_ENTRY(virStoragePool), POINTER_ENTRY(virStorageVol),
    POINTER_ENTRY(virNodeDevice), POINTER_ENTRY(virSecret), POINTER_ENTRY(virNWFilter),
    POINTER_ENTRY(virNWFilterBinding), POINTER_ENTRY(virStream),
    POINTER_ENTRY(virDomainSnapshot), POINTER_ENTRY(virDomainCheckpoint),
    {NULL, NULL, 0, NULL}
};

int
nuvpyModuleInit(PyObject *module G_GNUC_UNUSED)
{
    if (virInitialize() < 0)
        return -1;
    virSetErrorFunc(NULL, error_func);
    return 0;
}
