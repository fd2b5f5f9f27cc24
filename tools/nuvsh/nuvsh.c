/*
 * nuvsh.c: the nuvsh command engine and main program
 *
 * A command line is cut into words (quotes and backslashes as in a POSIX
 * shell, ';' and newlines end a command, '#' starts a comment), each command
 * is matched against the tables of the nuvsh-*.c files, its words are bound
 * to the command's option definitions, and only when a whole script parsed
 * cleanly are its commands run, one after the other.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "nuvsh.h"

static const nuvshCmdDef *const nuvshDomainTables[] = {
    nuvshDomainManagementCmds, nuvshDomainSaveCmds, nuvshDomainConfigCmds,
    nuvshDomainTuneCmds,
    nuvshDomainDeviceCmds, nuvshDomainDeviceEditCmds, nuvshDomainBlockJobCmds, nuvshDomainInputCmds, nuvshDomainMigrateCmds,
    nuvshHypervisorCmds, nuvshDomainAdminCmds, nuvshDomainAgentCmds, NULL,
};
static const nuvshCmdDef *const nuvshMonitorTables[] = {
    nuvshDomainMonitoringCmds, nuvshDomainStatsCmds, NULL,
};
static const nuvshCmdDef *const nuvshEventTables[] = { nuvshDomainEventCmds, NULL };
static const nuvshCmdDef *const nuvshHostTables[] = { nuvshHostCmds, nuvshHostCPUCmds, NULL };
static const nuvshCmdDef *const nuvshCheckpointTables[] = { nuvshCheckpointCmds, NULL };
static const nuvshCmdDef *const nuvshInterfaceTables[] = {
    nuvshInterfaceCmds, nuvshInterfaceBridgeCmds, NULL,
};
static const nuvshCmdDef *const nuvshNWFilterTables[] = { nuvshNWFilterCmds, NULL };
static const nuvshCmdDef *const nuvshNetworkTables[] = { nuvshNetworkCmds, NULL };
static const nuvshCmdDef *const nuvshNodeDeviceTables[] = { nuvshNodeDeviceCmds, NULL };
static const nuvshCmdDef *const nuvshSecretTables[] = { nuvshSecretCmds, NULL };
static const nuvshCmdDef *const nuvshSnapshotTables[] = { nuvshSnapshotCmds, NULL };
static const nuvshCmdDef *const nuvshBackupTables[] = { nuvshBackupCmds, NULL };
static const nuvshCmdDef *const nuvshPoolTables[] = { nuvshPoolCmds, NULL };
static const nuvshCmdDef *const nuvshVolumeTables[] = { nuvshVolumeCmds, NULL };
static const nuvshCmdDef *const nuvshShellTables[] = { nuvshShellCmds, NULL };

/* virsh's groups, titles and help keywords, in virsh's order. */
const nuvshCmdGroup nuvshGroups[] = {
    { "Domain Management", "domain", nuvshDomainTables },
    { "Domain Monitoring", "monitor", nuvshMonitorTables },
    { "Domain Events", "events", nuvshEventTables },
    { "Host and Hypervisor", "host", nuvshHostTables },
    { "Checkpoint", "checkpoint", nuvshCheckpointTables },
    { "Interface", "interface", nuvshInterfaceTables },
    { "Network Filter", "filter", nuvshNWFilterTables },
    { "Networking", "network", nuvshNetworkTables },
    { "Node Device", "nodedev", nuvshNodeDeviceTables },
    { "Secret", "secret", nuvshSecretTables },
    { "Snapshot", "snapshot", nuvshSnapshotTables },
    { "Backup", "backup", nuvshBackupTables },
    { "Storage Pool", "pool", nuvshPoolTables },
    { "Storage Volume", "volume", nuvshVolumeTables },
    { "Virsh itself", "virsh", nuvshShellTables },
    { NULL, NULL, NULL },
};


/* ---- output ---------------------------------------------------------- */

void
nuvshPrint(nuvshControl *ctl G_GNUC_UNUSED,
           const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}


/* Decoration (headers, the blank line after each command) that -q drops. */
void
nuvshPrintExtra(nuvshControl *ctl,
                const char *fmt, ...)
{
    va_list ap;

    if (ctl->quiet)
        return;

    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}


void
nuvshError(nuvshControl *ctl G_GNUC_UNUSED,
           const char *fmt, ...)
{
    va_list ap;

    /* Scripts read stdout and stderr merged: keep them in program order. */
    fflush(stdout);
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}


/* Text on standard error without the "error: " prefix (warnings, prompts). */
void
nuvshErrorRaw(nuvshControl *ctl G_GNUC_UNUSED,
              const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}


/* An error to print after the command's own message, where virsh shows the
 * library error left over from a helper (e.g. a bad unit suffix). */
void
nuvshSetPendingError(nuvshControl *ctl,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_free(ctl->last_error);
    ctl->last_error = g_strdup_vprintf(fmt, ap);
    ctl->last_error_code = VIR_ERR_INTERNAL_ERROR;
    va_end(ap);
}


/* ---- library errors -------------------------------------------------- */

static void
nuvshErrorCallback(void *opaque,
                   virErrorPtr err)
{
    /* a job thread (nuvsh-job.c) may fail at the same time as the
     * thread that watches it */
    static GMutex lock;
    nuvshControl *ctl = opaque;

    if (!err || err->code == VIR_ERR_OK)
        return;

    g_mutex_lock(&lock);
    g_free(ctl->last_error);
    ctl->last_error = g_strdup(err->message ? err->message : "unknown error");
    ctl->last_error_code = err->code;
    g_mutex_unlock(&lock);
}


void
nuvshResetLibvirtError(nuvshControl *ctl)
{
    g_clear_pointer(&ctl->last_error, g_free);
    ctl->last_error_code = VIR_ERR_OK;
    virResetLastError();
}


/* Keep the library's last error for nuvshReportError even if cleanup
 * calls (which reset it) run before the command returns. */
void
nuvshSaveLibvirtError(nuvshControl *ctl)
{
    virErrorPtr err = virGetLastError();

    if (err && err->code != VIR_ERR_OK)
        nuvshErrorCallback(ctl, err);
}


/* Print the library error that made a command fail, once. */
void
nuvshReportError(nuvshControl *ctl)
{
    if (!ctl->last_error) {
        virErrorPtr err = virGetLastError();

        if (err && err->code != VIR_ERR_OK)
            nuvshErrorCallback(ctl, err);
    }

    if (ctl->last_error)
        nuvshError(ctl, "%s", ctl->last_error);

    nuvshResetLibvirtError(ctl);
}


bool
nuvshConnect(nuvshControl *ctl,
             const char *uri,
             bool readonly)
{
    virConnectPtr conn;

    conn = virConnectOpenAuth(uri, virConnectAuthPtrDefault,
                              readonly ? VIR_CONNECT_RO : 0);
    if (!conn) {
        /* The old connection, if any, stays usable. */
        nuvshError(ctl, "%s", "failed to connect to the hypervisor");
        nuvshReportError(ctl);
        return false;
    }

    if (ctl->keepalive_interval > 0 &&
        virConnectSetKeepAlive(conn, ctl->keepalive_interval,
                               ctl->keepalive_count >= 0 ? ctl->keepalive_count : 6) < 0) {
        nuvshSaveLibvirtError(ctl);
        virConnectClose(conn);
        nuvshError(ctl, "%s", "Cannot setup keepalive on connection as requested, disconnecting");
        nuvshError(ctl, "%s", "failed to connect to the hypervisor");
        nuvshReportError(ctl);
        return false;
    }

    if (ctl->conn)
        virConnectClose(ctl->conn);
    ctl->conn = conn;
    ctl->readonly = readonly;
    if (uri != ctl->connname) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(uri);
    }
    return true;
}


/* ---- interactive mode ------------------------------------------------ */

static nuvshControl *nuvshCompletionCtl;

static char *
nuvshCompletionGenerator(const char *text G_GNUC_UNUSED,
                         int state)
{
    static GPtrArray *matches;
    static guint next;

    if (state == 0) {
        g_autofree char *line = g_strndup(rl_line_buffer, rl_point);

        g_clear_pointer(&matches, g_ptr_array_unref);
        matches = nuvshCompleteLine(nuvshCompletionCtl, line);
        next = 0;
    }
    if (!matches || next >= matches->len)
        return NULL;
    return strdup(g_ptr_array_index(matches, next++));
}


static char **
nuvshCompletion(const char *text,
                int start G_GNUC_UNUSED,
                int end G_GNUC_UNUSED)
{
    /* Our candidates only; never fall back to file names. */
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, nuvshCompletionGenerator);
}


static char *
nuvshHistoryPath(void)
{
    return g_build_filename(g_get_user_cache_dir(), "nuvsh", "history", NULL);
}


static void
nuvshInteractive(nuvshControl *ctl)
{
    g_autofree char *histfile = nuvshHistoryPath();
    g_autofree char *histdir = g_path_get_dirname(histfile);
    const char *prompt = ctl->readonly ? "nuvsh > " : "nuvsh # ";

    nuvshCompletionCtl = ctl;
    rl_readline_name = "nuvsh";
    rl_attempted_completion_function = nuvshCompletion;
    rl_basic_word_break_characters = (char *) " \t\n\"'`@$><=;|&{(";
    stifle_history(500);
    read_history(histfile);

    nuvshPrintExtra(ctl,
                    "Welcome to nuvsh, the interactive shell of nuvirt.\n\n"
                    "Enter 'help' for the list of commands, 'quit' to leave.\n\n");

    while (!ctl->quit) {
        g_autofree char *line = NULL;

        fflush(stdout);
        if (!(line = readline(prompt)))
            break;
        if (*line)
            add_history(line);
        nuvshRunString(ctl, line);
    }

    /* Kept between sessions, as virsh keeps its own. */
    if (g_mkdir_with_parents(histdir, 0755) == 0)
        write_history(histfile);

    /* leave the terminal on a fresh line, whether by 'quit' or end of input */
    nuvshPrint(ctl, "\n");
}


/* ---- main ------------------------------------------------------------ */

static void
nuvshUsage(const char *progname)
{
    printf("Usage: %s [OPTION]... [COMMAND_STRING]\n"
           "       %s [OPTION]... COMMAND [ARG]...\n"
           "\n"
           "Options:\n"
           "  -c, --connect=URI     connect to this hypervisor URI\n"
           "  -d, --debug=NUM       accepted for virsh compatibility, ignored\n"
           "  -h, --help            show this help and exit\n"
           "  -q, --quiet           print results only, without headers\n"
           "  -r, --readonly        open a read-only connection\n"
           "  -v, --version[=short] print the library version and exit\n"
           "  -V, --version=long    print the version and build details and exit\n"
           "\n"
           "Without a command, commands are read from standard input, one per line.\n"
           "'%s help' lists the commands, '%s help COMMAND' explains one.\n",
           progname, progname, progname, progname);
}


static void
nuvshVersion(bool verbose)
{
    unsigned long version = 0;

    virGetVersion(&version, NULL, NULL);
    if (!verbose) {
        printf("%lu.%lu.%lu\n", version / 1000000, (version / 1000) % 1000,
               version % 1000);
        return;
    }
    printf("nuvsh, the nuvirt shell, using library version %lu.%lu.%lu\n",
           version / 1000000, (version / 1000) % 1000, version % 1000);
}


static const struct option nuvshLongOpts[] = {
    { "connect", required_argument, NULL, 'c' },
    { "debug", required_argument, NULL, 'd' },
    { "escape", required_argument, NULL, 'e' },
    { "help", no_argument, NULL, 'h' },
    { "keepalive-interval", required_argument, NULL, 'k' },
    { "keepalive-count", required_argument, NULL, 'K' },
    { "log", required_argument, NULL, 'l' },
    { "quiet", no_argument, NULL, 'q' },
    { "readonly", no_argument, NULL, 'r' },
    { "timing", no_argument, NULL, 't' },
    { "version", optional_argument, NULL, 'v' },
    { NULL, 0, NULL, 0 },
};


static const char *
nuvshLongOptName(int val)
{
    const struct option *o;

    for (o = nuvshLongOpts; o->name; o++) {
        if (o->val == val)
            return o->name;
    }
    return "?";
}


int
main(int argc,
     char **argv)
{
    nuvshControl ctl = { .escape_char = 0x1d, .keepalive_interval = -1,
                         .keepalive_count = -1 };
    g_autofree char *progname = g_path_get_basename(argv[0]);
    const char *env;
    bool ret = true;
    int c;

    if (virInitialize() < 0) {
        fprintf(stderr, "%s: failed to initialize the library\n", progname);
        return EXIT_FAILURE;
    }
    virSetErrorFunc(&ctl, nuvshErrorCallback);
    /* before any connection, so event commands can register callbacks */
    virEventRegisterDefaultImpl();

    /* LIBVIRT_DEFAULT_URI is the library's to read when we pass no URI. */
    if ((env = g_getenv("NUVSH_DEFAULT_CONNECT_URI")) ||
        (env = g_getenv("VIRSH_DEFAULT_CONNECT_URI")))
        ctl.connname = g_strdup(env);

    /* '+': the first word that is not an option starts the command */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV",
                            nuvshLongOpts, NULL)) != -1) {
        switch (c) {
        case 'c':
            g_free(ctl.connname);
            ctl.connname = g_strdup(optarg);
            break;
        case 'd': {
            gint64 level;

            if (!g_ascii_string_to_signed(optarg, 10, G_MININT, G_MAXINT, &level, NULL)) {
                nuvshError(&ctl, "option %s takes a numeric argument", "-d");
                return EXIT_FAILURE;
            }
            /* the library logs through its own settings; only the range is ours */
            if (level < 0 || level > 4)
                nuvshError(&ctl, "ignoring debug level %d out of range [0-4]", (int) level);
            break;
        }
        case 'e':
            if (optarg[0] && !optarg[1] && optarg[0] != '^') {
                ctl.escape_char = optarg[0];
            } else if (optarg[0] == '^' && optarg[1] && !optarg[2]) {
                ctl.escape_char = optarg[1] & 0x1f;
            } else {
                nuvshError(&ctl, "Invalid string '%s' for escape sequence", optarg);
                return EXIT_FAILURE;
            }
            break;
        case 'k': case 'K': {
            gint64 num;

            if (!g_ascii_string_to_signed(optarg, 10, G_MININT, G_MAXINT, &num, NULL)) {
                nuvshError(&ctl, "Invalid value for option -%c", c);
                return EXIT_FAILURE;
            }
            if (num < 0) {
                nuvshError(&ctl, "option -%c requires a positive integer argument", c);
                return EXIT_FAILURE;
            }
            if (c == 'k')
                ctl.keepalive_interval = num;
            else
                ctl.keepalive_count = num;
            break;
        }
        case 'l':
            if (ctl.log)
                fclose(ctl.log);
            if (!(ctl.log = fopen(optarg, "a"))) {
                nuvshError(&ctl, "failed to open the log file '%s': %s",
                           optarg, g_strerror(errno));
                return EXIT_FAILURE;
            }
            break;
        case 't':
            ctl.timing = true;
            break;
        case 'h':
            nuvshUsage(progname);
            return EXIT_SUCCESS;
        case 'q':
            ctl.quiet = true;
            break;
        case 'r':
            ctl.readonly = true;
            break;
        case 'v':
            nuvshVersion(optarg && g_str_equal(optarg, "long"));
            return EXIT_SUCCESS;
        case 'V':
            nuvshVersion(true);
            return EXIT_SUCCESS;
        case ':':
            nuvshError(&ctl, "option '-%c'/'--%s' requires an argument",
                       optopt, nuvshLongOptName(optopt));
            return EXIT_FAILURE;
        case '?':
        default:
            if (optopt)
                nuvshError(&ctl, "unsupported option '-%c'. See --help.", optopt);
            else
                nuvshError(&ctl, "unsupported option '%s'. See --help.",
                           argv[optind - 1]);
            return EXIT_FAILURE;
        }
    }

    /* With a URI named, a bad one is fatal before anything runs; without,
     * the first command that needs a connection opens the default one. */
    if (ctl.connname && !nuvshConnect(&ctl, ctl.connname, ctl.readonly))
        return EXIT_FAILURE;

    if (optind == argc) {
        ctl.imode = true;
        nuvshInteractive(&ctl);
    } else if (argc - optind == 1) {
        /* virsh fails an empty command string, though not a blank one */
        ret = *argv[optind] && nuvshRunString(&ctl, argv[optind]);
    } else {
        ret = nuvshRunArgv(&ctl, argc - optind, argv + optind);
    }

    fflush(stdout);
    if (ctl.conn)
        virConnectClose(ctl.conn);
    g_free(ctl.connname);
    g_free(ctl.last_error);
    if (ctl.log)
        fclose(ctl.log);
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
