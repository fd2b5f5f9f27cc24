/*
 * apibench.c: time a few public API calls on the in-process test driver
 *
 * The same source is built twice, once against nuvirt and once against stock
 * libvirt, so it may use nothing but the public API (libvirt.h,
 * virterror.h). See bench/README.md for what each row measures and
 * bench/run-apibench.sh for the comparison of the two builds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define BENCH_MAX_RUNS 1000

typedef struct {
    const char *uri;
    int runs;
    int json;
    long pairs;       /* row "lookup": lookup+getinfo pairs per run */
    long domains;     /* rows "list" and "define": defined domains */
    long listIters;   /* row "list": list calls timed per run */
} benchOpts;

typedef struct {
    char **xml;       /* one definition per domain, built before timing */
    virDomainPtr *doms;
    long ndoms;
} benchDomains;

typedef struct {
    const char *name;
    const char *alias;
    const char *title;
    /* what one timed sample covers, printed beside the seconds */
    const char *(*work)(const benchOpts *opts, char *buf, size_t len);
    /* rate shown to humans: units of work per second, or seconds per unit */
    const char *rateUnit;
    int (*setup)(virConnectPtr conn, const benchOpts *opts, benchDomains *data);
    int (*run)(virConnectPtr conn, const benchOpts *opts, benchDomains *data,
               double *seconds);
    double (*rate)(const benchOpts *opts, double seconds);
    void (*teardown)(virConnectPtr conn, benchDomains *data);
} benchRow;


static void
benchSilentError(void *opaque, virErrorPtr err)
{
    /* errors are fetched and printed by the caller, once, with context */
    (void)opaque;
    (void)err;
}


static void
benchFail(const char *fmt, ...)
{
    va_list ap;
    virErrorPtr err = virGetLastError();

    fprintf(stderr, "apibench: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (err && err->message)
        fprintf(stderr, ": %s\n", err->message);
    else
        fprintf(stderr, "\n");
}


static double
benchNow(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}


static int
benchCompareDouble(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}


static double
benchMedian(const double *samples, int n)
{
    double sorted[BENCH_MAX_RUNS];

    memcpy(sorted, samples, n * sizeof(*samples));
    qsort(sorted, n, sizeof(*sorted), benchCompareDouble);
    if (n % 2)
        return sorted[n / 2];
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}


/* ---- shared domain definitions (rows "list" and "define") ---- */

static int
benchDomainsPrepare(const benchOpts *opts, benchDomains *data)
{
    long i;

    data->ndoms = opts->domains;
    data->xml = calloc(data->ndoms, sizeof(*data->xml));
    data->doms = calloc(data->ndoms, sizeof(*data->doms));
    if (!data->xml || !data->doms) {
        fprintf(stderr, "apibench: out of memory\n");
        return -1;
    }

    for (i = 0; i < data->ndoms; i++) {
        /* unique name and UUID per domain; the UUID is a valid version 4 form */
        if (asprintf(&data->xml[i],
                     "<domain type='test'>"
                     "<name>apibench-%06ld</name>"
                     "<uuid>6170692d-6265-4e63-8800-%012lx</uuid>"
                     "<memory unit='KiB'>131072</memory>"
                     "<vcpu>1</vcpu>"
                     "<os><type>hvm</type></os>"
                     "</domain>", i, i) < 0) {
            data->xml[i] = NULL;
            fprintf(stderr, "apibench: out of memory\n");
            return -1;
        }
    }
    return 0;
}


static void
benchDomainsClear(benchDomains *data)
{
    long i;

    if (data->xml) {
        for (i = 0; i < data->ndoms; i++)
            free(data->xml[i]);
    }
    free(data->xml);
    free(data->doms);
    memset(data, 0, sizeof(*data));
}


static int
benchDomainsDefine(virConnectPtr conn, benchDomains *data)
{
    long i;

    for (i = 0; i < data->ndoms; i++) {
        if (!(data->doms[i] = virDomainDefineXML(conn, data->xml[i]))) {
            benchFail("defining domain %ld failed", i);
            return -1;
        }
    }
    return 0;
}


static int
benchDomainsUndefine(benchDomains *data)
{
    long i;
    int ret = 0;

    if (!data->doms)
        return 0;
    for (i = 0; i < data->ndoms; i++) {
        if (!data->doms[i])
            continue;
        if (virDomainUndefine(data->doms[i]) < 0) {
            benchFail("undefining domain %ld failed", i);
            ret = -1;
        }
        virDomainFree(data->doms[i]);
        data->doms[i] = NULL;
    }
    return ret;
}


/* Number of domains the connection holds, or -1. */
static int
benchCountDomains(virConnectPtr conn)
{
    virDomainPtr *doms = NULL;
    int n;
    int i;

    if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0) {
        benchFail("virConnectListAllDomains failed");
        return -1;
    }
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return n;
}


/* ---- row "lookup": virDomainLookupByName + virDomainGetInfo ---- */

static int
benchLookupPairs(virConnectPtr conn, long count)
{
    long i;

    for (i = 0; i < count; i++) {
        virDomainInfo info;
        virDomainPtr dom;

        if (!(dom = virDomainLookupByName(conn, "test"))) {
            benchFail("virDomainLookupByName('test') failed");
            return -1;
        }
        if (virDomainGetInfo(dom, &info) < 0) {
            benchFail("virDomainGetInfo('test') failed");
            virDomainFree(dom);
            return -1;
        }
        virDomainFree(dom);
    }
    return 0;
}


static int
benchLookupSetup(virConnectPtr conn, const benchOpts *opts, benchDomains *data)
{
    /* warm up caches and any lazily created state */
    return benchLookupPairs(conn, 1000);
}


static int
benchLookupRun(virConnectPtr conn, const benchOpts *opts, benchDomains *data,
               double *seconds)
{
    double start = benchNow();

    if (benchLookupPairs(conn, opts->pairs) < 0)
        return -1;
    *seconds = benchNow() - start;
    return 0;
}


static const char *
benchLookupWork(const benchOpts *opts, char *buf, size_t len)
{
    snprintf(buf, len, "%ld lookup+getinfo pairs", opts->pairs);
    return buf;
}


static double
benchLookupRate(const benchOpts *opts, double seconds)
{
    return opts->pairs / seconds;
}


/* ---- row "list": virConnectListAllDomains with many domains defined ---- */

static int
benchListSetup(virConnectPtr conn, const benchOpts *opts, benchDomains *data)
{
    int n;

    if (benchDomainsPrepare(opts, data) < 0 ||
        benchDomainsDefine(conn, data) < 0)
        return -1;

    /* the default test driver has one domain, "test", besides ours */
    if ((n = benchCountDomains(conn)) < 0)
        return -1;
    if (n != data->ndoms + 1) {
        fprintf(stderr, "apibench: expected %ld domains after defining, listed %d\n",
                data->ndoms + 1, n);
        return -1;
    }
    return 0;
}


static int
benchListRun(virConnectPtr conn, const benchOpts *opts, benchDomains *data,
             double *seconds)
{
    double start = benchNow();
    long it;

    for (it = 0; it < opts->listIters; it++) {
        virDomainPtr *doms = NULL;
        int n;
        int i;

        if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0) {
            benchFail("virConnectListAllDomains failed");
            return -1;
        }
        for (i = 0; i < n; i++)
            virDomainFree(doms[i]);
        free(doms);
    }
    /* a sample is the time of one list call (plus freeing its result) */
    *seconds = (benchNow() - start) / opts->listIters;
    return 0;
}


static void
benchListTeardown(virConnectPtr conn, benchDomains *data)
{
    benchDomainsUndefine(data);
    benchDomainsClear(data);
}


static const char *
benchListWork(const benchOpts *opts, char *buf, size_t len)
{
    snprintf(buf, len, "one list+free of %ld domains", opts->domains + 1);
    return buf;
}


static double
benchListRate(const benchOpts *opts, double seconds)
{
    return seconds * 1000;
}


/* ---- row "define": define then undefine many domains ---- */

static int
benchDefineSetup(virConnectPtr conn, const benchOpts *opts, benchDomains *data)
{
    return benchDomainsPrepare(opts, data);
}


static int
benchDefineRun(virConnectPtr conn, const benchOpts *opts, benchDomains *data,
               double *seconds)
{
    double start = benchNow();
    int n;

    if (benchDomainsDefine(conn, data) < 0) {
        benchDomainsUndefine(data);
        return -1;
    }
    if (benchDomainsUndefine(data) < 0)
        return -1;
    *seconds = benchNow() - start;

    /* only "test" may be left, or the next run would measure something else */
    if ((n = benchCountDomains(conn)) < 0)
        return -1;
    if (n != 1) {
        fprintf(stderr, "apibench: %d domains left after undefining\n", n);
        return -1;
    }
    return 0;
}


static void
benchDefineTeardown(virConnectPtr conn, benchDomains *data)
{
    benchDomainsUndefine(data);
    benchDomainsClear(data);
}


static const char *
benchDefineWork(const benchOpts *opts, char *buf, size_t len)
{
    snprintf(buf, len, "define+undefine of %ld domains", opts->domains);
    return buf;
}


static double
benchDefineRate(const benchOpts *opts, double seconds)
{
    return opts->domains / seconds;
}


static const benchRow benchRows[] = {
    { "lookup", "1", "lookupByName+getInfo", benchLookupWork, "pairs/s",
      benchLookupSetup, benchLookupRun, benchLookupRate, NULL },
    { "list", "2", "listAllDomains", benchListWork, "ms/call",
      benchListSetup, benchListRun, benchListRate, benchListTeardown },
    { "define", "3", "define+undefine", benchDefineWork, "domains/s",
      benchDefineSetup, benchDefineRun, benchDefineRate, benchDefineTeardown },
};

#define BENCH_NROWS (sizeof(benchRows) / sizeof(benchRows[0]))


static void
benchUsage(FILE *out)
{
    fprintf(out,
            "usage: apibench [OPTION]...\n"
            "Time public API calls on the in-process test driver.\n"
            "\n"
            "  --rows=LIST       rows to run, comma separated: lookup (1), list (2),\n"
            "                    define (3), or all (default all)\n"
            "  --runs=N          timed runs per row, the median is reported (default 5)\n"
            "  --json            print one JSON object instead of a table\n"
            "  --uri=URI         connection URI (default test:///default)\n"
            "  --pairs=N         lookup+getinfo pairs per run of row lookup (default 200000)\n"
            "  --domains=N       domains defined by rows list and define (default 10000)\n"
            "  --list-iters=N    list calls per run of row list (default 20)\n"
            "  --help            show this text\n");
}


static int
benchParseLong(const char *arg, const char *value, long min, long *out)
{
    char *end = NULL;
    long v;

    errno = 0;
    v = strtol(value, &end, 10);
    if (errno || end == value || *end || v < min) {
        fprintf(stderr, "apibench: invalid value '%s' for %s\n", value, arg);
        return -1;
    }
    *out = v;
    return 0;
}


/* Fill @selected from a comma separated list of row names or numbers. */
static int
benchParseRows(const char *list, int *selected)
{
    char *copy = strdup(list);
    char *save = NULL;
    char *tok;
    size_t i;
    int ret = 0;

    if (!copy)
        return -1;
    memset(selected, 0, BENCH_NROWS * sizeof(*selected));
    for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int found = 0;

        for (i = 0; i < BENCH_NROWS; i++) {
            if (strcmp(tok, "all") == 0 ||
                strcmp(tok, benchRows[i].name) == 0 ||
                strcmp(tok, benchRows[i].alias) == 0) {
                selected[i] = 1;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "apibench: unknown row '%s'\n", tok);
            ret = -1;
        }
    }
    free(copy);
    return ret;
}


/* Print @s as a JSON string; paths and messages here are plain ASCII or UTF-8. */
static void
benchJSONString(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = *s;

        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}


int
main(int argc, char **argv)
{
    benchOpts opts = {
        .uri = "test:///default",
        .runs = 5,
        .json = 0,
        .pairs = 200000,
        .domains = 10000,
        .listIters = 20,
    };
    int selected[BENCH_NROWS];
    double samples[BENCH_NROWS][BENCH_MAX_RUNS];
    int done[BENCH_NROWS] = { 0 };
    const char *libPath = "unknown";
    char libReal[PATH_MAX];
    unsigned long libVer = 0;
    virConnectPtr conn;
    Dl_info dli;
    size_t r;
    int i;
    int ret = 1;

    for (r = 0; r < BENCH_NROWS; r++)
        selected[r] = 1;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;

        if (strcmp(a, "--json") == 0) {
            opts.json = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            benchUsage(stdout);
            return 0;
        } else if (strncmp(a, "--rows=", 7) == 0) {
            if (benchParseRows(a + 7, selected) < 0)
                return 2;
        } else if (strncmp(a, "--runs=", 7) == 0) {
            if (benchParseLong("--runs", a + 7, 1, &v) < 0)
                return 2;
            if (v > BENCH_MAX_RUNS) {
                fprintf(stderr, "apibench: --runs is at most %d\n", BENCH_MAX_RUNS);
                return 2;
            }
            opts.runs = v;
        } else if (strncmp(a, "--uri=", 6) == 0) {
            opts.uri = a + 6;
        } else if (strncmp(a, "--pairs=", 8) == 0) {
            if (benchParseLong("--pairs", a + 8, 1, &opts.pairs) < 0)
                return 2;
        } else if (strncmp(a, "--domains=", 10) == 0) {
            if (benchParseLong("--domains", a + 10, 1, &opts.domains) < 0)
                return 2;
        } else if (strncmp(a, "--list-iters=", 13) == 0) {
            if (benchParseLong("--list-iters", a + 13, 1, &opts.listIters) < 0)
                return 2;
        } else {
            fprintf(stderr, "apibench: unknown option '%s'\n", a);
            benchUsage(stderr);
            return 2;
        }
    }

    /* Name the library actually loaded: both builds use the soname
     * libvirt.so.0, so LD_LIBRARY_PATH could silently swap one for the other. */
    if (dladdr((void *)virConnectOpen, &dli) && dli.dli_fname) {
        libPath = dli.dli_fname;
        if (realpath(dli.dli_fname, libReal))
            libPath = libReal;
    }
    virGetVersion(&libVer, NULL, NULL);

    if (virInitialize() < 0) {
        benchFail("virInitialize failed");
        return 1;
    }
    virSetErrorFunc(NULL, benchSilentError);

    if (!(conn = virConnectOpen(opts.uri))) {
        benchFail("cannot open '%s'", opts.uri);
        return 1;
    }

    for (r = 0; r < BENCH_NROWS; r++) {
        const benchRow *row = &benchRows[r];
        benchDomains data = { 0 };
        int failed = 0;

        if (!selected[r])
            continue;

        if (row->setup(conn, &opts, &data) < 0) {
            fprintf(stderr, "apibench: setup of row '%s' failed\n", row->name);
            failed = 1;
        }
        for (i = 0; !failed && i < opts.runs; i++) {
            if (row->run(conn, &opts, &data, &samples[r][i]) < 0) {
                fprintf(stderr, "apibench: run %d of row '%s' failed\n", i + 1, row->name);
                failed = 1;
            }
        }
        if (row->teardown)
            row->teardown(conn, &data);
        if (failed)
            goto cleanup;
        done[r] = 1;
    }

    if (opts.json) {
        int first = 1;

        printf("{\"lib\": ");
        benchJSONString(libPath);
        printf(", \"version\": \"%lu.%lu.%lu\", \"uri\": ",
               libVer / 1000000, libVer / 1000 % 1000, libVer % 1000);
        benchJSONString(opts.uri);
        printf(", \"rows\": [");
        for (r = 0; r < BENCH_NROWS; r++) {
            char buf[128];
            double med;

            if (!done[r])
                continue;
            med = benchMedian(samples[r], opts.runs);
            printf("%s\n  {\"row\": \"%s\", \"title\": \"%s\", \"work\": ",
                   first ? "" : ",", benchRows[r].name, benchRows[r].title);
            benchJSONString(benchRows[r].work(&opts, buf, sizeof(buf)));
            printf(", \"median_s\": %.9g, \"rate\": %.6g, \"rate_unit\": \"%s\", \"runs_s\": [",
                   med, benchRows[r].rate(&opts, med), benchRows[r].rateUnit);
            for (i = 0; i < opts.runs; i++)
                printf("%s%.9g", i ? ", " : "", samples[r][i]);
            printf("], \"runs_rate\": [");
            for (i = 0; i < opts.runs; i++)
                printf("%s%.9g", i ? ", " : "", benchRows[r].rate(&opts, samples[r][i]));
            printf("]}");
            first = 0;
        }
        printf("\n]}\n");
    } else {
        printf("library: %s (version %lu.%lu.%lu), uri %s, %d runs per row\n",
               libPath, libVer / 1000000, libVer / 1000 % 1000, libVer % 1000,
               opts.uri, opts.runs);
        printf("%-22s %-36s %12s %14s\n", "row", "one sample", "median s", "rate");
        for (r = 0; r < BENCH_NROWS; r++) {
            char buf[128];
            double med;

            if (!done[r])
                continue;
            med = benchMedian(samples[r], opts.runs);
            printf("%-22s %-36s %12.6f %14.6g %s\n",
                   benchRows[r].title, benchRows[r].work(&opts, buf, sizeof(buf)),
                   med, benchRows[r].rate(&opts, med), benchRows[r].rateUnit);
        }
    }
    ret = 0;

 cleanup:
    virConnectClose(conn);
    return ret;
}
