/* Calls that fill C structs or arrays the generator has no shape for
 * (job stats, memory stats, vcpus and cpumaps, time, cell memory),
 * returned as python3-libvirt 9.0 returns them.  Plain structs are
 * generated (STRUCT_RESULTS in gen-python.py). */
#include "libvirtmod.h"

PyObject *
nuvpy_virDomainGetJobStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *dict, *type;
    virDomainPtr dom;
    unsigned int flags;
    virTypedParameterPtr params = NULL;
    int nparams = 0, jobtype = 0, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetJobStats", &py_dom, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(rc = virDomainGetJobStats(dom, &jobtype, &params, &nparams, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    dict = nuvpyTypedParamsToDict(params, nparams, true);
    type = PyLong_FromLong(jobtype);
    if (!dict || !type || PyDict_SetItemString(dict, "type", type) < 0)
        Py_CLEAR(dict);
    Py_XDECREF(type);
    return dict;
}

PyObject *
nuvpy_virDomainGetBlockJobInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *disk;
    unsigned int flags;
    virDomainBlockJobInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "OzI:virDomainGetBlockJobInfo", &py_dom, &disk, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(rc = virDomainGetBlockJobInfo(dom, disk, &info, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    if (rc == 0)          /* no job on that disk */
        return PyDict_New();
    return Py_BuildValue("{s:i,s:k,s:K,s:K}", "type", info.type, "bandwidth", info.bandwidth,
                         "cur", (unsigned long long)info.cur, "end", (unsigned long long)info.end);
}

/* python3-libvirt's keys for the memory statistics tags. */
static const char *const memstat_keys[VIR_DOMAIN_MEMORY_STAT_NR] = {
    [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
    [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
    [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
    [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
    [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
    [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
    [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
    [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
    [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
    [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
    [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
};

PyObject *
nuvpy_virDomainMemoryStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *dict;
    virDomainPtr dom;
    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    int n;

    if (!PyArg_ParseTuple(args, "O:virDomainMemoryStats", &py_dom))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(n = virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, 0));
    if (n < 0)
        Py_RETURN_NONE;
    dict = PyDict_New();
    for (int i = 0; dict && i < n; i++) {
        PyObject *v;
        if (st[i].tag < 0 || st[i].tag >= VIR_DOMAIN_MEMORY_STAT_NR || !memstat_keys[st[i].tag])
            continue;
        v = PyLong_FromUnsignedLongLong(st[i].val);
        if (!v || PyDict_SetItemString(dict, memstat_keys[st[i].tag], v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    return dict;
}

PyObject *
nuvpy_virDomainGetSecurityLabelList(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *list;
    virDomainPtr dom;
    virSecurityLabelPtr labels = NULL;
    int n;

    if (!PyArg_ParseTuple(args, "O:virDomainGetSecurityLabelList", &py_dom))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(n = virDomainGetSecurityLabelList(dom, &labels));
    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++) {
        PyObject *item = Py_BuildValue("[sO]", labels[i].label,
                                       labels[i].enforcing ? Py_True : Py_False);
        if (!item)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, item);
    }
    free(labels);
    return list;
}

PyObject *
nuvpy_virDomainGetTime(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    unsigned int flags, nseconds = 0;
    long long seconds = 0;
    int rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetTime", &py_dom, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(rc = virDomainGetTime(dom, &seconds, &nseconds, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("{s:L,s:I}", "seconds", seconds, "nseconds", nseconds);
}

PyObject *
nuvpy_virDomainGetSchedulerType(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    char *type;
    int nparams = 0;

    if (!PyArg_ParseTuple(args, "O:virDomainGetSchedulerType", &py_dom))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    NUVPY_CALL(type = virDomainGetSchedulerType(dom, &nparams));
    if (type == NULL)
        Py_RETURN_NONE;
    PyObject *ret = Py_BuildValue("(si)", type, nparams);
    free(type);
    return ret;
}

PyObject *
nuvpy_virDomainGetVcpus(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *infos = NULL, *maps = NULL;
    virDomainPtr dom;
    virDomainInfo dinfo;
    virVcpuInfoPtr info = NULL;
    unsigned char *cpumaps = NULL;
    int ncpus, maplen, n, rc;

    if (!PyArg_ParseTuple(args, "O:virDomainGetVcpus", &py_dom))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = nuvpyHostCPUs(virDomainGetConnect(dom))) < 0)
        Py_RETURN_NONE;
    NUVPY_CALL(rc = virDomainGetInfo(dom, &dinfo));
    if (rc < 0)
        Py_RETURN_NONE;
    maplen = VIR_CPU_MAPLEN(ncpus);
    info = g_new0(virVcpuInfo, dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1);
    cpumaps = g_new0(unsigned char, (dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1) * maplen);
    NUVPY_CALL(n = virDomainGetVcpus(dom, info, dinfo.nrVirtCpu, cpumaps, maplen));
    if (n < 0) {
        g_free(info);
        g_free(cpumaps);
        Py_RETURN_NONE;
    }
    infos = PyList_New(n);
    maps = PyList_New(n);
    for (int i = 0; infos && maps && i < n; i++) {
        PyObject *t = Py_BuildValue("(iiKi)", (int)info[i].number, info[i].state,
                                    info[i].cpuTime, info[i].cpu);
        PyObject *m = nuvpyCpumapBools(cpumaps + i * maplen, VIR_CPU_MAPLEN(ncpus), ncpus, true);
        if (!t || !m) {
            Py_XDECREF(t);
            Py_XDECREF(m);
            Py_CLEAR(infos);
            break;
        }
        PyList_SET_ITEM(infos, i, t);
        PyList_SET_ITEM(maps, i, m);
    }
    g_free(info);
    g_free(cpumaps);
    if (!infos || !maps) {
        Py_XDECREF(infos);
        Py_XDECREF(maps);
        return NULL;
    }
    return Py_BuildValue("(NN)", infos, maps);
}

PyObject *
nuvpy_virDomainGetVcpuPinInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *list;
    virDomainPtr dom;
    unsigned int flags;
    virDomainInfo dinfo;
    unsigned char *maps;
    int ncpus, maplen, n, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetVcpuPinInfo", &py_dom, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = nuvpyHostCPUs(virDomainGetConnect(dom))) < 0)
        Py_RETURN_NONE;
    NUVPY_CALL(rc = virDomainGetInfo(dom, &dinfo));
    if (rc < 0)
        Py_RETURN_NONE;
    maplen = VIR_CPU_MAPLEN(ncpus);
    maps = g_new0(unsigned char, (dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1) * maplen);
    NUVPY_CALL(n = virDomainGetVcpuPinInfo(dom, dinfo.nrVirtCpu, maps, maplen, flags));
    if (n < 0) {
        g_free(maps);
        Py_RETURN_NONE;
    }
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++) {
        PyObject *m = nuvpyCpumapBools(maps + i * maplen, VIR_CPU_MAPLEN(ncpus), ncpus, true);
        if (!m)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, m);
    }
    g_free(maps);
    return list;
}

PyObject *
nuvpy_virDomainGetEmulatorPinInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *ret;
    virDomainPtr dom;
    unsigned int flags;
    unsigned char *map;
    int ncpus, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetEmulatorPinInfo", &py_dom, &flags))
        return NULL;
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = nuvpyHostCPUs(virDomainGetConnect(dom))) < 0)
        Py_RETURN_NONE;
    map = g_new0(unsigned char, VIR_CPU_MAPLEN(ncpus));
    NUVPY_CALL(rc = virDomainGetEmulatorPinInfo(dom, map, VIR_CPU_MAPLEN(ncpus), flags));
    if (rc < 0) {
        g_free(map);
        Py_RETURN_NONE;
    }
    ret = nuvpyCpumapBools(map, VIR_CPU_MAPLEN(ncpus), ncpus, true);
    g_free(map);
    return ret;
}

PyObject *
nuvpy_virNodeGetCPUMap(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *bools;
    virConnectPtr conn;
    unsigned int flags, online = 0;
    unsigned char *map = NULL;
    int n;

    if (!PyArg_ParseTuple(args, "OI:virNodeGetCPUMap", &py_conn, &flags))
        return NULL;
    NUVPY_UNWRAP(py_conn, "virConnectPtr", conn);
    NUVPY_CALL(n = virNodeGetCPUMap(conn, &map, &online, flags));
    if (n < 0)
        Py_RETURN_NONE;
    bools = PyList_New(n);
    for (int i = 0; bools && i < n; i++)
        PyList_SET_ITEM(bools, i, PyBool_FromLong(VIR_CPU_USED(map, i)));
    free(map);
    if (!bools)
        return NULL;
    return Py_BuildValue("(iNI)", n, bools, online);
}

PyObject *
nuvpy_virNodeGetCellsFreeMemory(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *list;
    virConnectPtr conn;
    int start, max, n;
    unsigned long long *mems;

    if (!PyArg_ParseTuple(args, "Oii:virNodeGetCellsFreeMemory", &py_conn, &start, &max))
        return NULL;
    NUVPY_UNWRAP(py_conn, "virConnectPtr", conn);
    if (max <= 0 || max > 1024)
        max = 1024;
    mems = g_new0(unsigned long long, max);
    NUVPY_CALL(n = virNodeGetCellsFreeMemory(conn, mems, start, max));
    if (n < 0) {
        g_free(mems);
        Py_RETURN_NONE;
    }
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++)
        PyList_SET_ITEM(list, i, PyLong_FromUnsignedLongLong(mems[i]));
    g_free(mems);
    return list;
}
