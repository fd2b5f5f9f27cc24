/* Calls that move raw bytes: block and memory peeks, secret values, and
 * stream data (send, recv, recvFlags with python3-libvirt's -2 "would
 * block" and -3 "hole" answers) and stream event callbacks. */
#include "libvirtmod.h"

/* bytes of the first @rc bytes of @buf (freed); None on failure; small
 * negative answers other than -1 are passed on as ints. */
static PyObject *
bytes_result(char *buf, int rc)
{
    PyObject *ret;

    if (rc == -1) {
        g_free(buf);
        Py_RETURN_NONE;
    }
    if (rc < 0) {
        g_free(buf);
        return PyLong_FromLong(rc);
    }
    ret = PyBytes_FromStringAndSize(buf, rc);
    g_free(buf);
    return ret;
}

/* A size from Python that a buffer is allocated for: refuse absurd ones
 * before allocating, as the library would refuse them anyway. */
static int
buffer_size(Py_ssize_t size)
{
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "size must not be negative");
        return -1;
    }
    if (size > (Py_ssize_t)1 << 30) {
        PyErr_SetString(PyExc_MemoryError, "size too large for one call");
        return -1;
    }
    return 0;
}

PyObject *
nuvpy_virDomainBlockPeek(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    const char *disk;
    unsigned long long offset;
    Py_ssize_t size;
    unsigned int flags;
    char *buf;
    int rc;
    NUVPY_PARSE("zKnI:virDomainBlockPeek", "virDomainPtr", dom, &disk, &offset, &size, &flags);

    if (buffer_size(size) < 0)
        return NULL;
    buf = g_malloc(size ? size : 1);
    NUVPY_CALL(rc = virDomainBlockPeek(dom, disk, offset, size, buf, flags));
    return bytes_result(buf, rc < 0 ? -1 : (int)size);
}

PyObject *
nuvpy_virDomainMemoryPeek(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned long long start;
    Py_ssize_t size;
    unsigned int flags;
    char *buf;
    int rc;
    NUVPY_PARSE("KnI:virDomainMemoryPeek", "virDomainPtr", dom, &start, &size, &flags);

    if (buffer_size(size) < 0)
        return NULL;
    buf = g_malloc(size ? size : 1);
    NUVPY_CALL(rc = virDomainMemoryPeek(dom, start, size, buf, flags));
    return bytes_result(buf, rc < 0 ? -1 : (int)size);
}

PyObject *
nuvpy_virSecretGetValue(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virSecretPtr secret;
    unsigned int flags;
    unsigned char *value;
    size_t size = 0;
    PyObject *ret;
    NUVPY_PARSE("I:virSecretGetValue", "virSecretPtr", secret, &flags);

    NUVPY_CALL(value = virSecretGetValue(secret, &size, flags));
    if (!value)
        Py_RETURN_NONE;
    ret = PyBytes_FromStringAndSize((const char *)value, size);
    /* Secret bytes do not linger in freed memory. */
    memset(value, 0, size);
    g_free(value);
    return ret;
}

PyObject *
nuvpy_virSecretSetValue(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virSecretPtr secret;
    const char *value;
    Py_ssize_t size;
    unsigned int flags;
    int rc;
    NUVPY_PARSE("z#I:virSecretSetValue", "virSecretPtr", secret, &value, &size, &flags);

    NUVPY_CALL(rc = virSecretSetValue(secret, (const unsigned char *)value, size, flags));
    return PyLong_FromLong(rc);
}

/* ---- streams ---- */

PyObject *
nuvpy_virStreamSend(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virStreamPtr st;
    Py_buffer data;
    int rc;
    NUVPY_PARSE("y*:virStreamSend", "virStreamPtr", st, &data);

    NUVPY_CALL(rc = virStreamSend(st, data.buf, data.len));
    PyBuffer_Release(&data);
    return PyLong_FromLong(rc);
}

static PyObject *
stream_recv(PyObject *args, bool with_flags)
{
    PyObject *py_st;
    virStreamPtr st;
    Py_ssize_t nbytes;
    unsigned int flags = 0;
    char *buf;
    int rc;

    if (with_flags ? !PyArg_ParseTuple(args, "OnI:virStreamRecvFlags", &py_st, &nbytes, &flags)
                   : !PyArg_ParseTuple(args, "On:virStreamRecv", &py_st, &nbytes))
        return NULL;
    NUVPY_UNWRAP(py_st, "virStreamPtr", st);
    if (buffer_size(nbytes) < 0)
        return NULL;
    buf = g_malloc(nbytes ? nbytes : 1);
    NUVPY_CALL(rc = with_flags ? virStreamRecvFlags(st, buf, nbytes, flags)
                               : virStreamRecv(st, buf, nbytes));
    return bytes_result(buf, rc);
}

PyObject *
nuvpy_virStreamRecv(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return stream_recv(args, false);
}

PyObject *
nuvpy_virStreamRecvFlags(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return stream_recv(args, true);
}

/* @opaque is the registration's cbData dict, whose "stream" is the
 * virStream object: its _dispatchStreamEventCallback calls the application. */
static void
stream_event(virStreamPtr st G_GNUC_UNUSED, int events, void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *cbdata = opaque, *pyst, *res;

    pyst = PyDict_GetItemString(cbdata, "stream");
    if (pyst) {
        res = PyObject_CallMethod(pyst, "_dispatchStreamEventCallback", "iO", events, cbdata);
        Py_XDECREF(res);
    }
    nuvpyReportCallbackError();
    PyGILState_Release(gil);
}

PyObject *
nuvpy_virStreamEventAddCallback(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virStreamPtr st;
    PyObject *cbdata;
    int events, rc;
    NUVPY_PARSE("iO:virStreamEventAddCallback", "virStreamPtr", st, &events, &cbdata);

    if (!PyDict_Check(cbdata)) {
        PyErr_SetString(PyExc_TypeError, "cbData must be a dict");
        return NULL;
    }
    Py_INCREF(cbdata);
    NUVPY_CALL(rc = virStreamEventAddCallback(st, events, stream_event, cbdata,
                                              nuvpyReleaseCbData));
    if (rc < 0)
        Py_DECREF(cbdata);
    return PyLong_FromLong(rc);
}
