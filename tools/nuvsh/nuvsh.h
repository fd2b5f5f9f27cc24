/*
 * nuvsh.h: the command engine shared by every nuvsh command file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef enum {
    NUVSH_OT_BOOL,      /* --flag, no value */
    NUVSH_OT_STRING,    /* --name value */
    NUVSH_OT_INT,       /* --name number */
    NUVSH_OT_DATA,      /* a value usually given positionally */
    NUVSH_OT_ARGV,      /* every remaining word */
} nuvshOptType;

typedef enum {
    NUVSH_OFLAG_REQUIRED = 1 << 0,
    NUVSH_OFLAG_POSITIONAL = 1 << 1,
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

typedef struct {
    const char *title;
    const char *keyword;
    const nuvshCmdDef *cmds;        /* terminated by an entry with name NULL */
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
    bool imode;                     /* interactive loop */
    bool quit;                      /* 'quit' ran; stop reading commands */

    /* Last error raised by the library, copied by our error callback,
     * because any later call (even virDomainFree) resets the library's. */
    int last_error_code;
    char *last_error;
};

/* engine: nuvsh.c */
extern const nuvshCmdGroup nuvshGroups[];

const nuvshCmdDef *nuvshCommandLookup(const char *name);

void nuvshPrint(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshPrintExtra(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshError(nuvshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void nuvshResetLibvirtError(nuvshControl *ctl);
void nuvshReportError(nuvshControl *ctl);
bool nuvshConnect(nuvshControl *ctl, const char *uri, bool readonly);

bool nuvshCommandOptBool(const nuvshCmd *cmd, const char *name);
const char *nuvshCommandOptString(const nuvshCmd *cmd, const char *name);
int nuvshCommandOptInt(nuvshControl *ctl, const nuvshCmd *cmd, const char *name,
                       int *value);
GPtrArray *nuvshCommandOptArgv(const nuvshCmd *cmd, const char *name);
bool nuvshCommandOptExclusive(nuvshControl *ctl, const nuvshCmd *cmd,
                              const char *a, const char *b);

/* table output: nuvsh-table.c */
typedef struct _nuvshTable nuvshTable;
nuvshTable *nuvshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
void nuvshTableAddRow(nuvshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
void nuvshTablePrint(nuvshControl *ctl, nuvshTable *table, bool header);
void nuvshTableFree(nuvshTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvshTable, nuvshTableFree);

/* domains: nuvsh-domain.c */
typedef enum {
    NUVSH_BYID = 1 << 0,
    NUVSH_BYUUID = 1 << 1,
    NUVSH_BYNAME = 1 << 2,
} nuvshLookupFlags;

#define NUVSH_BYANY (NUVSH_BYID | NUVSH_BYUUID | NUVSH_BYNAME)

virDomainPtr nuvshCommandOptDomain(nuvshControl *ctl, const nuvshCmd *cmd,
                                   const char **name, unsigned int flags);
const char *nuvshDomainStateToString(int state);
const char *nuvshDomainStateReasonToString(int state, int reason);

/* the command tables, one per file */
extern const nuvshCmdDef nuvshDomainManagementCmds[];
extern const nuvshCmdDef nuvshDomainMonitoringCmds[];
extern const nuvshCmdDef nuvshHostCmds[];
extern const nuvshCmdDef nuvshShellCmds[];

/* Frees a domain handle on scope exit; NULL is fine. */
static inline void
nuvshDomainFree(virDomainPtr dom)
{
    if (dom)
        virDomainFree(dom);
}

/* g_autoptr(nuvshDomain) dom: a virDomainPtr released on scope exit */
typedef virDomain nuvshDomain;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvshDomain, nuvshDomainFree);
