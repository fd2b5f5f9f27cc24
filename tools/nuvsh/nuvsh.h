/*
 * nuvsh.h: the command engine shared by every nuvsh command file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <json-c/json.h>

typedef enum {
    NUVSH_OT_BOOL,      /* --flag, no value */
    NUVSH_OT_STRING,    /* --name value; also positional unless REQ_OPT */
    NUVSH_OT_INT,       /* --name number; also positional unless REQ_OPT */
    NUVSH_OT_DATA,      /* a required value, usually given positionally */
    NUVSH_OT_ARGV,      /* every remaining word */
    NUVSH_OT_ALIAS,     /* another name: 'help' holds "target" or "target=value" */
} nuvshOptType;

typedef enum {
    NUVSH_OFLAG_REQUIRED = 1 << 0,  /* the command cannot run without it */
    NUVSH_OFLAG_REQ_OPT = 1 << 1,   /* only as --name value, never positional */
    NUVSH_OFLAG_EMPTY_OK = 1 << 2,  /* an empty string is a valid value */
} nuvshOptFlags;

typedef struct {
    const char *name;
    nuvshOptType type;
    unsigned int flags;         /* nuvshOptFlags */
    const char *help;
} nuvshCmdOptDef;

typedef enum {
    NUVSH_CMD_FLAG_NOCONNECT = 1 << 0,  /* runs without a connection */
    NUVSH_CMD_FLAG_ALIAS = 1 << 1,      /* other name of 'alias'; not listed */
    NUVSH_CMD_FLAG_HIDDEN = 1 << 2,     /* works, but 'help' does not list it */
} nuvshCmdFlags;

typedef struct _nuvshControl nuvshControl;
typedef struct _nuvshCmd nuvshCmd;

typedef bool (*nuvshCmdHandler)(nuvshControl *ctl, const nuvshCmd *cmd);

typedef struct {
    const char *name;
    nuvshCmdHandler handler;
    const nuvshCmdOptDef *opts;     /* terminated by an entry with name NULL */
    const char *summary;
    const char *description;
    unsigned int flags;             /* nuvshCmdFlags */
    const char *alias;
} nuvshCmdDef;

/* A group may be spread over several files, each with its own table. */
typedef struct {
    const char *title;
    const char *keyword;
    const nuvshCmdDef *const *tables;   /* NULL-terminated */
} nuvshCmdGroup;

/* One option as given on the command line. */
typedef struct {
    const nuvshCmdOptDef *def;
    char *value;                    /* NULL for booleans */
} nuvshCmdOpt;

struct _nuvshCmd {
    const nuvshCmdDef *def;
    GPtrArray *opts;                /* of nuvshCmdOpt *, in the order given */
};

struct _nuvshControl {
    char *connname;                 /* URI asked for, NULL: library default */
    virConnectPtr conn;
    bool readonly;
    bool quiet;
    bool timing;                    /* -t: print how long each command took */
    bool imode;                     /* interactive loop */
    bool quit;                      /* 'quit' ran; stop reading commands */
    char escape_char;               /* console escape, -e */
    int keepalive_interval;         /* -k, -1: library default */
    int keepalive_count;            /* -K, -1: library default */
    FILE *log;                      /* -l FILE, NULL: no log */

    /* Last error raised by the library, copied by our error callback,
     * because any later call (even virDomainFree) resets the library's. */
    int last_error_code;
    char *last_error;
};

/* engine: nuvsh.c, nuvsh-parse.c */
extern const nuvshCmdGroup nuvshGroups[];

const nuvshCmdDef *nuvshCommandLookup(const char *name);
const nuvshCmdOptDef *nuvshCommandOptDefLookup(const nuvshCmdDef *def, const char *name);
bool nuvshRunString(nuvshControl *ctl, const char *str);
bool nuvshRunArgv(nuvshControl *ctl, int argc, char **argv);
GPtrArray *nuvshStringSplit(nuvshControl *ctl, const char *str, bool report);

void nuvshPrint(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshPrintExtra(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshError(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshErrorRaw(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshSetPendingError(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshResetLibvirtError(nuvshControl *ctl);
void nuvshSaveLibvirtError(nuvshControl *ctl);
void nuvshReportError(nuvshControl *ctl);
bool nuvshConnect(nuvshControl *ctl, const char *uri, bool readonly);

extern const nuvshCmdOptDef nuvshOptsNone[];

/* option access: nuvsh-opt.c.  The int-returning getters give 1 when the
 * option was given and valid, 0 when absent, -1 after printing an error. */
bool nuvshCommandOptBool(const nuvshCmd *cmd, const char *name);
const char *nuvshCommandOptString(const nuvshCmd *cmd, const char *name);
int nuvshCommandOptStringReq(nuvshControl *ctl, const nuvshCmd *cmd,
                             const char *name, const char **value);
int nuvshCommandOptInt(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                       int *value);
int nuvshCommandOptUInt(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                        unsigned int *value);
int nuvshCommandOptUL(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                      unsigned long *value);
int nuvshCommandOptULL(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                       unsigned long long *value);
int nuvshCommandOptLongLong(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                            long long *value);
int nuvshCommandOptScaledInt(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                             unsigned long long *value, int scale,
                             unsigned long long max);
GPtrArray *nuvshCommandOptArgv(const nuvshCmd *cmd, const char *name);
bool nuvshCommandOptExclusive(nuvshControl *ctl, const nuvshCmd *cmd,
                              const char *a, const char *b);
bool nuvshCommandOptRequires(nuvshControl *ctl, const nuvshCmd *cmd,
                             const char *needs, const char *needed);
unsigned int nuvshCommandOptFlags(const nuvshCmd *cmd, const char *const *names,
                                  const unsigned int *values, size_t n);
unsigned int nuvshCommandOptModifyFlags(nuvshControl *ctl, const nuvshCmd *cmd,
                                        bool *ok);
int nuvshScaleInteger(nuvshControl *ctl, unsigned long long *value,
                      const char *suffix, unsigned long long scale,
                      unsigned long long limit);

/* long jobs: nuvsh-job.c.  Runs @fn(@opaque) in a thread; while it runs,
 * prints "\rLABEL: [ NN %]" from the domain's job info when @verbose,
 * aborts the job on Ctrl-C, and calls @on_timeout once after @timeout_ms
 * (0: never).  Returns what @fn returned, its error saved for
 * nuvshReportError. */
typedef int (*nuvshJobFunc)(void *opaque);
typedef void (*nuvshJobTimeoutFunc)(nuvshControl *ctl, virDomainPtr dom, void *opaque);
int nuvshJobWatch(nuvshControl *ctl, virDomainPtr dom, const char *label, bool verbose,
                  int timeout_ms, nuvshJobTimeoutFunc on_timeout,
                  nuvshJobFunc fn, void *opaque);

/* console: nuvsh-console.c.  Relays the terminal to the domain's console
 * stream until the escape character or the stream's end. */
bool nuvshRunConsole(nuvshControl *ctl, virDomainPtr dom, const char *devname,
                     unsigned int flags);

/* completion: nuvsh-complete.c */
GPtrArray *nuvshCompleteLine(nuvshControl *ctl, const char *line);

/* shared helpers: nuvsh-util.c */
char *nuvshReadFile(nuvshControl *ctl, const char *path);
bool nuvshPrintXMLXPath(nuvshControl *ctl, const nuvshCmd *cmd, const char *xml);
char *nuvshPrettyCapacity(unsigned long long bytes, const char **unit);
char *nuvshXPathString(const char *xml, const char *expr);
GPtrArray *nuvshXPathStrings(const char *xml, const char *expr);
char *nuvshXMLSetName(const char *xml, const char *name);
gint nuvshStrPtrCompare(gconstpointer a, gconstpointer b);
bool nuvshPassFds(nuvshControl *ctl, const nuvshCmd *cmd, int **fds, size_t *nfds);
void nuvshTreePrint(nuvshControl *ctl, GPtrArray *names, GPtrArray *parents);

/* events: nuvsh-domain-event.c.  Callbacks of every event kind are passed
 * as the generic type; going through void (*)(void) says the cast is meant. */
#define NUVSH_CB(type, fn) ((type) (void (*)(void)) (fn))
void nuvshEventPrintPrefix(nuvshControl *ctl, const nuvshCmd *cmd);
bool nuvshEventWait(nuvshControl *ctl, const nuvshCmd *cmd, int *count);
double nuvshPrettyCapacityValue(unsigned long long bytes, const char **unit);
void nuvshPrintJobProgress(const char *label, unsigned long long remaining,
                           unsigned long long total);
int nuvshEditXMLLoop(nuvshControl *ctl, const char *xml,
                     bool (*define)(nuvshControl *ctl, const char *newxml, void *opaque),
                     void *opaque, bool *relax);

/* --json output: nuvsh-json.c.  Commands that take --json list
 * NUVSH_OPT_JSON in their options; docs/nuvsh-json.md has each shape. */
#define NUVSH_OPT_JSON \
    { "json", NUVSH_OT_BOOL, 0, "print one JSON document instead of text" }
bool nuvshJSONWanted(const nuvshCmd *cmd);
void nuvshJSONStr(json_object *obj, const char *key, const char *value);
void nuvshJSONInt(json_object *obj, const char *key, long long value);
void nuvshJSONUInt(json_object *obj, const char *key, unsigned long long value);
void nuvshJSONDouble(json_object *obj, const char *key, double value);
void nuvshJSONBool(json_object *obj, const char *key, bool value);
void nuvshJSONNull(json_object *obj, const char *key);
void nuvshJSONTristate(json_object *obj, const char *key, int answer);
void nuvshJSONEpoch(json_object *obj, const char *key, const char *secs);
json_object *nuvshJSONRow(json_object *arr);
void nuvshJSONTypedParam(json_object *obj, const virTypedParameter *param);
json_object *nuvshJSONTypedParams(json_object *obj, virTypedParameterPtr params, int nparams);
void nuvshJSONCPUMap(json_object *obj, const char *key, const unsigned char *map, int maplen,
                     int maxcpu);
bool nuvshJSONPrint(nuvshControl *ctl, json_object *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put);

/* table output: nuvsh-table.c */
typedef struct _nuvshTable nuvshTable;
nuvshTable *nuvshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
void nuvshTableAddRow(nuvshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
void nuvshTableAddRowv(nuvshTable *table, const char *const *cells);
void nuvshTablePrint(nuvshControl *ctl, nuvshTable *table, bool header);
void nuvshTableFree(nuvshTable *table);
void nuvshTableSetKeys(nuvshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
bool nuvshTableOutput(nuvshControl *ctl, const nuvshCmd *cmd, nuvshTable *table,
                      bool header);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvshTable, nuvshTableFree);

/* host CPUs: nuvsh-domain-config.c.  A CPU bitmap as virsh shows it, and
 * how many host CPUs a map covers. */
char *nuvshCPUMapToString(const unsigned char *map, int maxcpu, bool ranges);
int nuvshHostCPUCount(nuvshControl *ctl);

/* typed parameters as virsh's "name : value" lines: nuvsh-domain-tune.c;
 * @unlimited_ull prints the no-limit value as "unlimited" */
void nuvshPrintTypedParams(nuvshControl *ctl, virTypedParameterPtr params, int nparams,
                           bool unlimited_ull);

/* domains: nuvsh-domain.c */
typedef enum {
    NUVSH_BYID = 1 << 0,
    NUVSH_BYUUID = 1 << 1,
    NUVSH_BYNAME = 1 << 2,
} nuvshLookupFlags;

#define NUVSH_BYANY (NUVSH_BYID | NUVSH_BYUUID | NUVSH_BYNAME)

virDomainPtr nuvshCommandOptDomain(nuvshControl *ctl, const nuvshCmd *cmd,
                                   const char **name, unsigned int flags);
virDomainPtr nuvshCommandOptDomainBy(nuvshControl *ctl, const nuvshCmd *cmd,
                                     const char *optname, const char **name,
                                     unsigned int flags);
const char *nuvshDomainStateToString(int state);
const char *nuvshDomainStateReasonToString(int state, int reason);

/* other objects: nuvsh-lookup.c */
virNetworkPtr nuvshCommandOptNetwork(nuvshControl *ctl, const nuvshCmd *cmd,
                                     const char *optname, const char **name);
virStoragePoolPtr nuvshCommandOptPool(nuvshControl *ctl, const nuvshCmd *cmd,
                                      const char *optname, const char **name);
virStorageVolPtr nuvshCommandOptVol(nuvshControl *ctl, const nuvshCmd *cmd,
                                    const char *optname, const char *pooloptname,
                                    const char **name);
virInterfacePtr nuvshCommandOptInterface(nuvshControl *ctl, const nuvshCmd *cmd,
                                         const char *optname, const char **name);
virSecretPtr nuvshCommandOptSecret(nuvshControl *ctl, const nuvshCmd *cmd,
                                   const char **name);
virNodeDevicePtr nuvshCommandOptNodeDevice(nuvshControl *ctl, const nuvshCmd *cmd,
                                           const char *optname);
virNWFilterPtr nuvshCommandOptNWFilter(nuvshControl *ctl, const nuvshCmd *cmd,
                                       const char **name);
virDomainSnapshotPtr nuvshCommandOptSnapshot(nuvshControl *ctl, const nuvshCmd *cmd,
                                             virDomainPtr dom, const char *optname);
virDomainCheckpointPtr nuvshCommandOptCheckpoint(nuvshControl *ctl, const nuvshCmd *cmd,
                                                 virDomainPtr dom, const char *optname);

/* the command tables, one per file */
extern const nuvshCmdDef nuvshDomainManagementCmds[];
extern const nuvshCmdDef nuvshDomainSaveCmds[];
extern const nuvshCmdDef nuvshDomainAdminCmds[];
extern const nuvshCmdDef nuvshDomainAgentCmds[];
extern const nuvshCmdDef nuvshDomainConfigCmds[];
extern const nuvshCmdDef nuvshDomainTuneCmds[];
extern const nuvshCmdDef nuvshDomainDeviceCmds[];
extern const nuvshCmdDef nuvshDomainBlockJobCmds[];
extern const nuvshCmdDef nuvshDomainDeviceEditCmds[];
extern const nuvshCmdDef nuvshDomainInputCmds[];
extern const nuvshCmdDef nuvshDomainMigrateCmds[];
extern const nuvshCmdDef nuvshHypervisorCmds[];
extern const nuvshCmdDef nuvshDomainMonitoringCmds[];
extern const nuvshCmdDef nuvshDomainStatsCmds[];
extern const nuvshCmdDef nuvshDomainEventCmds[];
extern const nuvshCmdDef nuvshHostCmds[];
extern const nuvshCmdDef nuvshHostCPUCmds[];
extern const nuvshCmdDef nuvshCheckpointCmds[];
extern const nuvshCmdDef nuvshInterfaceCmds[];
extern const nuvshCmdDef nuvshInterfaceBridgeCmds[];
extern const nuvshCmdDef nuvshNWFilterCmds[];
extern const nuvshCmdDef nuvshNetworkCmds[];
extern const nuvshCmdDef nuvshNodeDeviceCmds[];
extern const nuvshCmdDef nuvshSecretCmds[];
extern const nuvshCmdDef nuvshSnapshotCmds[];
extern const nuvshCmdDef nuvshBackupCmds[];
extern const nuvshCmdDef nuvshPoolCmds[];
extern const nuvshCmdDef nuvshVolumeCmds[];
extern const nuvshCmdDef nuvshShellCmds[];

/* Handles released on scope exit with g_autoptr(nuvshX); NULL is fine. */
#define NUVSH_DEFINE_HANDLE(Type, ptrtype, freefn) \
    typedef ptrtype Type; \
    static inline void Type##Release(Type *p) { if (p) freefn(p); } \
    G_DEFINE_AUTOPTR_CLEANUP_FUNC(Type, Type##Release)

NUVSH_DEFINE_HANDLE(nuvshDomain, virDomain, virDomainFree);
NUVSH_DEFINE_HANDLE(nuvshNetwork, virNetwork, virNetworkFree);
NUVSH_DEFINE_HANDLE(nuvshNetworkPort, virNetworkPort, virNetworkPortFree);
NUVSH_DEFINE_HANDLE(nuvshPool, virStoragePool, virStoragePoolFree);
NUVSH_DEFINE_HANDLE(nuvshVol, virStorageVol, virStorageVolFree);
NUVSH_DEFINE_HANDLE(nuvshInterface, virInterface, virInterfaceFree);
NUVSH_DEFINE_HANDLE(nuvshSecret, virSecret, virSecretFree);
NUVSH_DEFINE_HANDLE(nuvshNodeDevice, virNodeDevice, virNodeDeviceFree);
NUVSH_DEFINE_HANDLE(nuvshNWFilter, virNWFilter, virNWFilterFree);
NUVSH_DEFINE_HANDLE(nuvshNWFilterBinding, virNWFilterBinding, virNWFilterBindingFree);
NUVSH_DEFINE_HANDLE(nuvshSnapshot, virDomainSnapshot, virDomainSnapshotFree);
NUVSH_DEFINE_HANDLE(nuvshCheckpoint, virDomainCheckpoint, virDomainCheckpointFree);
NUVSH_DEFINE_HANDLE(nuvshStream, virStream, virStreamFree);

/* A NULL-terminated option list with only a domain, shared by many commands. */
#define NUVSH_OPT_DOMAIN \
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "domain name, id or UUID" }
#define NUVSH_OPT_DOMAIN_CONFIG \
    { "config", NUVSH_OT_BOOL, 0, "act on the persistent definition" }
#define NUVSH_OPT_DOMAIN_LIVE \
    { "live", NUVSH_OT_BOOL, 0, "act on the running domain" }
#define NUVSH_OPT_DOMAIN_CURRENT \
    { "current", NUVSH_OT_BOOL, 0, "act on the domain's current state" }
/* --config, --live and --current, read by nuvshCommandOptModifyFlags */
#define NUVSH_OPT_DOMAIN_MODIFY \
    { "config", NUVSH_OT_BOOL, 0, "act on the persistent definition" }, \
    { "live", NUVSH_OT_BOOL, 0, "act on the running domain" }, \
    { "current", NUVSH_OT_BOOL, 0, \
      "act on the current state (live if running, else persistent)" }
#define NUVSH_OPT_FILE(help) \
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, help }
