/* Calls whose results are lists or dicts of records the library allocates
 * (file systems, interfaces, leases, I/O threads, statistics), converted
 * into python3-libvirt 9.0's shapes, and the list-returning calls the
 * generic wrappers cannot express (listDomainsID). */
#include "libvirtmod.h"

PyObject *
nuvpy_virConnectListDomains(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    int *ids = NULL, n, cap;
    NUVPY_PARSE(":virConnectListDomains", "virConnectPtr", conn);

    NUVPY_CALL(n = virConnectNumOfDomains(conn));
    if (n < 0)
        Py_RETURN_NONE;
    /* Domains may start between the two calls: grow until the answer fits. */
    for (cap = n + 16;; cap *= 2) {
        ids = g_new0(int, cap);
        NUVPY_CALL(n = virConnectListDomains(conn, ids, cap));
        if (n < cap)
            break;
        g_free(ids);
    }
    if (n < 0) {
        g_free(ids);
        Py_RETURN_NONE;
    }
    return nuvpyIntList(ids, n);
}

PyObject *
nuvpy_virDomainGetDiskErrors(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int flags;
    virDomainDiskErrorPtr errs;
    PyObject *dict;
    int n;
    NUVPY_PARSE("I:virDomainGetDiskErrors", "virDomainPtr", dom, &flags);

    NUVPY_CALL(n = virDomainGetDiskErrors(dom, NULL, 0, flags));
    if (n < 0)
        Py_RETURN_NONE;
    errs = g_new0(virDomainDiskError, n ? n : 1);
    if (n > 0)
        NUVPY_CALL(n = virDomainGetDiskErrors(dom, errs, n, flags));
    if (n < 0) {
        g_free(errs);
        Py_RETURN_NONE;
    }
    dict = PyDict_New();
    for (int i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(errs[i].error);
        if (dict && (!v || PyDict_SetItemString(dict, errs[i].disk, v) < 0))
            Py_CLEAR(dict);
        Py_XDECREF(v);
        g_free(errs[i].disk);
    }
    g_free(errs);
    return dict;
}

PyObject *
nuvpy_virDomainGetFSInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int flags;
    virDomainFSInfoPtr *info = NULL;
    PyObject *list;
    int n;
    NUVPY_PARSE("I:virDomainGetFSInfo", "virDomainPtr", dom, &flags);

    NUVPY_CALL(n = virDomainGetFSInfo(dom, &info, flags));
    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; i < n; i++) {
        virDomainFSInfoPtr fs = info[i];
        PyObject *aliases = PyList_New(fs->ndevAlias);
        for (size_t j = 0; aliases && j < fs->ndevAlias; j++)
            PyList_SET_ITEM(aliases, j, PyUnicode_FromString(fs->devAlias[j]));
        if (list) {
            PyObject *t = aliases ? Py_BuildValue("(zzzN)", fs->mountpoint, fs->name,
                                                  fs->fstype, aliases) : NULL;
            if (!t)
                Py_CLEAR(list);
            else
                PyList_SET_ITEM(list, i, t);
        } else {
            Py_XDECREF(aliases);
        }
        virDomainFSInfoFree(fs);
    }
    g_free(info);
    return list;
}

PyObject *
nuvpy_virDomainGetCPUStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_total, *list = NULL;
    unsigned int flags;
    virTypedParameterPtr params = NULL;
    int total, nparams, ncpus, rc;
    NUVPY_PARSE("OI:virDomainGetCPUStats", "virDomainPtr", dom, &py_total, &flags);

    if ((total = PyObject_IsTrue(py_total)) < 0)
        return NULL;
    if (total) {
        NUVPY_CALL(nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, flags));
        if (nparams < 0)
            Py_RETURN_NONE;
        params = g_new0(virTypedParameter, nparams ? nparams : 1);
        NUVPY_CALL(rc = virDomainGetCPUStats(dom, params, nparams, -1, 1, flags));
        if (rc < 0) {
            g_free(params);
            Py_RETURN_NONE;
        }
        return Py_BuildValue("[N]", nuvpyTypedParamsToDict(params, rc, true));
    }
    /* Per CPU: the parameter count of one, then all CPUs in one call. */
    NUVPY_CALL(ncpus = virDomainGetCPUStats(dom, NULL, 0, 0, 0, flags));
    if (ncpus < 0)
        Py_RETURN_NONE;
    NUVPY_CALL(nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, flags));
    if (nparams < 0)
        Py_RETURN_NONE;
    params = g_new0(virTypedParameter, (size_t)(nparams ? nparams : 1) * (ncpus ? ncpus : 1));
    if (nparams > 0 && ncpus > 0) {
        NUVPY_CALL(rc = virDomainGetCPUStats(dom, params, nparams, 0, ncpus, flags));
        if (rc < 0) {
            g_free(params);
            Py_RETURN_NONE;
        }
    }
    list = PyList_New(ncpus);
    for (int i = 0; list && i < ncpus; i++) {
        PyObject *d = nuvpyTypedParamsToDict(params + (size_t)i * nparams, nparams, false);
        if (!d)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, d);
    }
    virTypedParamsClear(params, nparams * ncpus);
    g_free(params);
    return list;
}

PyObject *
nuvpy_virDomainGetGuestVcpus(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int flags, nparams = 0;
    virTypedParameterPtr params = NULL;
    int rc;
    NUVPY_PARSE("I:virDomainGetGuestVcpus", "virDomainPtr", dom, &flags);

    NUVPY_CALL(rc = virDomainGetGuestVcpus(dom, &params, &nparams, flags));
    if (rc < 0)
        return PyLong_FromLong(-1);
    return nuvpyTypedParamsToDict(params, nparams, true);
}

static PyObject *
iface_dict(virDomainInterfacePtr iface)
{
    PyObject *addrs = PyList_New(iface->naddrs);

    for (size_t j = 0; addrs && j < iface->naddrs; j++) {
        virDomainIPAddressPtr a = &iface->addrs[j];
        PyObject *d = Py_BuildValue("{s:i,s:z,s:I}", "type", a->type, "addr", a->addr,
                                    "prefix", a->prefix);
        if (!d)
            Py_CLEAR(addrs);
        else
            PyList_SET_ITEM(addrs, j, d);
    }
    if (!addrs)
        return NULL;
    return Py_BuildValue("{s:z,s:N}", "hwaddr", iface->hwaddr, "addrs", addrs);
}

PyObject *
nuvpy_virDomainInterfaceAddresses(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int source, flags;
    virDomainInterfacePtr *ifaces = NULL;
    PyObject *dict;
    int n;
    NUVPY_PARSE("II:virDomainInterfaceAddresses", "virDomainPtr", dom, &source, &flags);

    NUVPY_CALL(n = virDomainInterfaceAddresses(dom, &ifaces, source, flags));
    if (n < 0)
        Py_RETURN_NONE;
    dict = PyDict_New();
    for (int i = 0; i < n; i++) {
        if (dict) {
            PyObject *d = iface_dict(ifaces[i]);
            if (!d || PyDict_SetItemString(dict, ifaces[i]->name, d) < 0)
                Py_CLEAR(dict);
            Py_XDECREF(d);
        }
        virDomainInterfaceFree(ifaces[i]);
    }
    g_free(ifaces);
    return dict;
}

PyObject *
nuvpy_virDomainGetIOThreadInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int flags;
    virDomainIOThreadInfoPtr *info = NULL;
    PyObject *list;
    int n, ncpus;
    NUVPY_PARSE("I:virDomainGetIOThreadInfo", "virDomainPtr", dom, &flags);

    if ((ncpus = nuvpyHostCPUs(virDomainGetConnect(dom))) < 0)
        Py_RETURN_NONE;
    NUVPY_CALL(n = virDomainGetIOThreadInfo(dom, &info, flags));
    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; i < n; i++) {
        if (list) {
            PyObject *t = Py_BuildValue("(IN)", info[i]->iothread_id,
                                        nuvpyCpumapBools(info[i]->cpumap, info[i]->cpumaplen,
                                                    ncpus, false));
            if (!t)
                Py_CLEAR(list);
            else
                PyList_SET_ITEM(list, i, t);
        }
        virDomainIOThreadInfoFree(info[i]);
    }
    g_free(info);
    return list;
}

PyObject *
nuvpy_virNetworkGetDHCPLeases(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virNetworkPtr net;
    const char *mac;
    unsigned int flags;
    virNetworkDHCPLeasePtr *leases = NULL;
    PyObject *list;
    int n;
    NUVPY_PARSE("zI:virNetworkGetDHCPLeases", "virNetworkPtr", net, &mac, &flags);

    NUVPY_CALL(n = virNetworkGetDHCPLeases(net, mac, &leases, flags));
    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; i < n; i++) {
        virNetworkDHCPLeasePtr l = leases[i];
        if (list) {
            PyObject *d = Py_BuildValue("{s:z,s:L,s:i,s:z,s:z,s:z,s:I,s:z,s:z}",
                                        "iface", l->iface, "expirytime", l->expirytime,
                                        "type", l->type, "mac", l->mac, "iaid", l->iaid,
                                        "ipaddr", l->ipaddr, "prefix", l->prefix,
                                        "hostname", l->hostname, "clientid", l->clientid);
            if (!d)
                Py_CLEAR(list);
            else
                PyList_SET_ITEM(list, i, d);
        }
        virNetworkDHCPLeaseFree(l);
    }
    g_free(leases);
    return list;
}

/* virNodeGetCPUStats and virNodeGetMemoryStats: same shape, {field: value}. */
#define NODE_STATS(NAME, TYPE) \
    PyObject *nuvpy_##NAME(PyObject *self G_GNUC_UNUSED, PyObject *args) \
    { \
        virConnectPtr conn; \
        int num, nparams = 0, rc; \
        unsigned int flags; \
        TYPE *params; \
        PyObject *dict; \
        NUVPY_PARSE("iI:" #NAME, "virConnectPtr", conn, &num, &flags); \
        NUVPY_CALL(rc = NAME(conn, num, NULL, &nparams, flags)); \
        if (rc < 0) \
            Py_RETURN_NONE; \
        params = g_new0(TYPE, nparams ? nparams : 1); \
        if (nparams > 0) \
            NUVPY_CALL(rc = NAME(conn, num, params, &nparams, flags)); \
        if (rc < 0) { \
            g_free(params); \
            Py_RETURN_NONE; \
        } \
        dict = PyDict_New(); \
        for (int i = 0; dict && i < nparams; i++) { \
            PyObject *v = PyLong_FromUnsignedLongLong(params[i].value); \
            if (!v || PyDict_SetItemString(dict, params[i].field, v) < 0) \
                Py_CLEAR(dict); \
            Py_XDECREF(v); \
        } \
        g_free(params); \
        return dict; \
    }

NODE_STATS(virNodeGetCPUStats, virNodeCPUStats)
NODE_STATS(virNodeGetMemoryStats, virNodeMemoryStats)

/* [(domain capsule, {stats}), ...]; the capsules own a new reference. */
static PyObject *
stats_records(virDomainStatsRecordPtr *recs, int n)
{
    PyObject *list;

    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++) {
        PyObject *d, *t;
        virDomainRef(recs[i]->dom);
        d = nuvpyTypedParamsToDict(recs[i]->params, recs[i]->nparams, false);
        t = d ? Py_BuildValue("(NN)", nuvpyWrap(recs[i]->dom, "virDomainPtr"), d) : NULL;
        if (!t) {
            if (!d)
                virDomainFree(recs[i]->dom);
            Py_CLEAR(list);
        } else {
            PyList_SET_ITEM(list, i, t);
        }
    }
    virDomainStatsRecordListFree(recs);
    return list;
}

PyObject *
nuvpy_virConnectGetAllDomainStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    unsigned int stats, flags;
    virDomainStatsRecordPtr *recs = NULL;
    int n;
    NUVPY_PARSE("II:virConnectGetAllDomainStats", "virConnectPtr", conn, &stats, &flags);

    NUVPY_CALL(n = virConnectGetAllDomainStats(conn, stats, &recs, flags));
    return stats_records(recs, n);
}

PyObject *
nuvpy_virDomainListGetStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_doms, *fast;
    unsigned int stats, flags;
    virDomainStatsRecordPtr *recs = NULL;
    virDomainPtr *doms;
    Py_ssize_t len;
    int n;
    NUVPY_PARSE("OII:virDomainListGetStats", "virConnectPtr", conn, &py_doms, &stats, &flags);

    (void)conn;
    if (!(fast = PySequence_Fast(py_doms, "doms must be a list")))
        return NULL;
    len = PySequence_Fast_GET_SIZE(fast);
    doms = g_new0(virDomainPtr, len + 1);
    for (Py_ssize_t i = 0; i < len; i++) {
        if (nuvpyUnwrap(PySequence_Fast_GET_ITEM(fast, i), "virDomainPtr",
                        (void **)&doms[i]) < 0 || !doms[i]) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "doms must not contain None");
            g_free(doms);
            Py_DECREF(fast);
            return NULL;
        }
    }
    NUVPY_CALL(n = virDomainListGetStats(doms, stats, &recs, flags));
    g_free(doms);
    Py_DECREF(fast);
    return stats_records(recs, n);
}

PyObject *
nuvpy_virNodeGetFreePages(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_pages, *dict;
    unsigned int *pages, npages, cells, flags;
    unsigned long long *counts;
    int start, rc;
    NUVPY_PARSE("OiII:virNodeGetFreePages", "virConnectPtr", conn, &py_pages, &start, &cells, &flags);

    if (nuvpyUInts(py_pages, &pages, &npages) < 0)
        return NULL;
    counts = g_new0(unsigned long long, (size_t)(npages ? npages : 1) * (cells ? cells : 1));
    NUVPY_CALL(rc = virNodeGetFreePages(conn, npages, pages, start, cells, counts, flags));
    if (rc < 0) {
        g_free(pages);
        g_free(counts);
        Py_RETURN_NONE;
    }
    /* {cell: {page size: free count}} for the cells answered. */
    dict = PyDict_New();
    for (int c = 0; dict && npages && c < rc / (int)npages; c++) {
        PyObject *per = PyDict_New(), *key;
        for (unsigned int p = 0; per && p < npages; p++) {
            PyObject *k = PyLong_FromUnsignedLong(pages[p]);
            PyObject *v = PyLong_FromUnsignedLongLong(counts[c * npages + p]);
            if (!k || !v || PyDict_SetItem(per, k, v) < 0)
                Py_CLEAR(per);
            Py_XDECREF(k);
            Py_XDECREF(v);
        }
        key = PyLong_FromLong(start + c);
        if (!per || !key || PyDict_SetItem(dict, key, per) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(per);
        Py_XDECREF(key);
    }
    g_free(pages);
    g_free(counts);
    return dict;
}
