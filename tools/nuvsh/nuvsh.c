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

const nuvshCmdGroup nuvshGroups[] = {
    { "Domain Management", "domain", nuvshDomainManagementCmds },
    { "Domain Monitoring", "monitor", nuvshDomainMonitoringCmds },
    { "Host and Hypervisor", "host", nuvshHostCmds },
    { "Virsh itself", "virsh", nuvshShellCmds },
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


/* ---- library errors -------------------------------------------------- */

static void
nuvshErrorCallback(void *opaque,
                   virErrorPtr err)
{
    nuvshControl *ctl = opaque;

    if (!err || err->code == VIR_ERR_OK)
        return;

    g_free(ctl->last_error);
    ctl->last_error = g_strdup(err->message ? err->message : "unknown error");
    ctl->last_error_code = err->code;
}


void
nuvshResetLibvirtError(nuvshControl *ctl)
{
    g_clear_pointer(&ctl->last_error, g_free);
    ctl->last_error_code = VIR_ERR_OK;
    virResetLastError();
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


/* ---- option access --------------------------------------------------- */

static const nuvshCmdOpt *
nuvshCommandOptFind(const nuvshCmd *cmd,
                    const char *name)
{
    guint i;

    for (i = 0; i < cmd->opts->len; i++) {
        const nuvshCmdOpt *opt = g_ptr_array_index(cmd->opts, i);

        if (g_str_equal(opt->def->name, name))
            return opt;
    }
    return NULL;
}


bool
nuvshCommandOptBool(const nuvshCmd *cmd,
                    const char *name)
{
    return nuvshCommandOptFind(cmd, name) != NULL;
}


const char *
nuvshCommandOptString(const nuvshCmd *cmd,
                      const char *name)
{
    const nuvshCmdOpt *opt = nuvshCommandOptFind(cmd, name);

    return opt ? opt->value : NULL;
}


/* Returns 1 and sets @value when the option was given and is a number,
 * 0 when it was not given, -1 (after printing why) when it is not a number. */
int
nuvshCommandOptInt(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *name,
                   int *value)
{
    const char *str = nuvshCommandOptString(cmd, name);
    gint64 num;

    if (!str)
        return 0;

    if (!g_ascii_string_to_signed(str, 10, G_MININT, G_MAXINT, &num, NULL)) {
        nuvshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                   str, name);
        return -1;
    }
    *value = num;
    return 1;
}


/* Every value given to an argv option, in order; free the array only. */
GPtrArray *
nuvshCommandOptArgv(const nuvshCmd *cmd,
                    const char *name)
{
    GPtrArray *values = g_ptr_array_new();
    guint i;

    for (i = 0; i < cmd->opts->len; i++) {
        const nuvshCmdOpt *opt = g_ptr_array_index(cmd->opts, i);

        if (g_str_equal(opt->def->name, name))
            g_ptr_array_add(values, opt->value);
    }
    return values;
}


bool
nuvshCommandOptExclusive(nuvshControl *ctl,
                         const nuvshCmd *cmd,
                         const char *a,
                         const char *b)
{
    if (nuvshCommandOptFind(cmd, a) && nuvshCommandOptFind(cmd, b)) {
        nuvshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}


/* ---- command lookup -------------------------------------------------- */

const nuvshCmdDef *
nuvshCommandLookup(const char *name)
{
    const nuvshCmdGroup *grp;

    for (grp = nuvshGroups; grp->title; grp++) {
        const nuvshCmdDef *def;

        for (def = grp->cmds; def->name; def++) {
            if (!g_str_equal(def->name, name))
                continue;
            if (def->flags & NUVSH_CMD_FLAG_ALIAS)
                return nuvshCommandLookup(def->alias);
            return def;
        }
    }
    return NULL;
}


/* ---- parsing --------------------------------------------------------- */

static void
nuvshCmdOptFree(nuvshCmdOpt *opt)
{
    g_free(opt->value);
    g_free(opt);
}


static nuvshCmd *
nuvshCmdNew(const nuvshCmdDef *def)
{
    nuvshCmd *cmd = g_new0(nuvshCmd, 1);

    cmd->def = def;
    cmd->opts = g_ptr_array_new_with_free_func((GDestroyNotify) nuvshCmdOptFree);
    return cmd;
}


static void
nuvshCmdFree(nuvshCmd *cmd)
{
    if (!cmd)
        return;
    g_ptr_array_unref(cmd->opts);
    g_free(cmd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvshCmd, nuvshCmdFree);


static void
nuvshCmdAddOpt(nuvshCmd *cmd,
               const nuvshCmdOptDef *def,
               const char *value)
{
    nuvshCmdOpt *opt = g_new0(nuvshCmdOpt, 1);

    opt->def = def;
    opt->value = g_strdup(value);
    g_ptr_array_add(cmd->opts, opt);
}


static bool
nuvshOptIsPositional(const nuvshCmdOptDef *def)
{
    return def->type == NUVSH_OT_DATA || def->type == NUVSH_OT_ARGV ||
           (def->flags & NUVSH_OFLAG_POSITIONAL);
}


static const char *
nuvshOptTypeWord(const nuvshCmdOptDef *def)
{
    return def->type == NUVSH_OT_INT ? "number" : "string";
}


/* Bind @words (command name first) to a command of the tables. */
static nuvshCmd *
nuvshCommandParseWords(nuvshControl *ctl,
                       char **words,
                       guint nwords)
{
    g_autoptr(nuvshCmd) cmd = NULL;
    const nuvshCmdDef *def;
    const nuvshCmdOptDef *odef;
    bool endopts = false;
    guint i;

    if (!(def = nuvshCommandLookup(words[0]))) {
        nuvshError(ctl, "unknown command: '%s'", words[0]);
        return NULL;
    }
    cmd = nuvshCmdNew(def);

    for (i = 1; i < nwords; i++) {
        const char *word = words[i];

        if (!endopts && g_str_has_prefix(word, "--")) {
            g_autofree char *name = NULL;
            const char *eq;

            if (word[2] == '\0') {
                endopts = true;
                continue;
            }

            if ((eq = strchr(word, '=')))
                name = g_strndup(word + 2, eq - word - 2);
            else
                name = g_strdup(word + 2);

            for (odef = def->opts; odef && odef->name; odef++) {
                if (g_str_equal(odef->name, name))
                    break;
            }
            if (!odef || !odef->name) {
                nuvshError(ctl, "command '%s' doesn't support option --%s",
                           def->name, name);
                return NULL;
            }
            if (odef->type != NUVSH_OT_ARGV && nuvshCommandOptFind(cmd, name)) {
                nuvshError(ctl, "option --%s already seen", name);
                return NULL;
            }

            if (odef->type == NUVSH_OT_BOOL) {
                if (eq) {
                    nuvshError(ctl, "invalid '=' after option --%s", name);
                    return NULL;
                }
                nuvshCmdAddOpt(cmd, odef, NULL);
            } else if (eq) {
                nuvshCmdAddOpt(cmd, odef, eq + 1);
            } else if (i + 1 < nwords) {
                nuvshCmdAddOpt(cmd, odef, words[++i]);
            } else {
                nuvshError(ctl, "expected syntax: --%s <%s>",
                           name, nuvshOptTypeWord(odef));
                return NULL;
            }
            continue;
        }

        /* A bare word fills the first positional option still empty. */
        for (odef = def->opts; odef && odef->name; odef++) {
            if (!nuvshOptIsPositional(odef))
                continue;
            if (odef->type == NUVSH_OT_ARGV ||
                !nuvshCommandOptFind(cmd, odef->name))
                break;
        }
        if (!odef || !odef->name) {
            nuvshError(ctl, "unexpected data '%s'", word);
            return NULL;
        }
        nuvshCmdAddOpt(cmd, odef, word);
    }

    for (odef = def->opts; odef && odef->name; odef++) {
        if (!(odef->flags & NUVSH_OFLAG_REQUIRED) ||
            nuvshCommandOptFind(cmd, odef->name))
            continue;
        if (nuvshOptIsPositional(odef))
            nuvshError(ctl, "command '%s' requires <%s> option",
                       def->name, odef->name);
        else
            nuvshError(ctl, "command '%s' requires --%s option",
                       def->name, odef->name);
        return NULL;
    }

    return g_steal_pointer(&cmd);
}


/* @words holds the words of a script; a NULL entry separates commands.
 * On success returns the parsed commands in order; on the first error
 * prints it and returns NULL, so nothing of a bad script runs. */
static GPtrArray *
nuvshCommandParse(nuvshControl *ctl,
                  GPtrArray *words)
{
    g_autoptr(GPtrArray) cmds = g_ptr_array_new_with_free_func((GDestroyNotify) nuvshCmdFree);
    guint start = 0;
    guint i;

    for (i = 0; i <= words->len; i++) {
        nuvshCmd *cmd;

        if (i < words->len && g_ptr_array_index(words, i))
            continue;

        if (i > start) {
            if (!(cmd = nuvshCommandParseWords(ctl, (char **) words->pdata + start,
                                               i - start)))
                return NULL;
            g_ptr_array_add(cmds, cmd);
        }
        start = i + 1;
    }

    return g_steal_pointer(&cmds);
}


/* Cut @str into words; NULL entries in the result end commands. */
static GPtrArray *
nuvshStringSplit(nuvshControl *ctl,
                 const char *str)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    const char *p = str;

    while (true) {
        g_autoptr(GString) word = NULL;
        bool squote = false;
        bool dquote = false;

        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;

        if (*p == '\0')
            break;

        if (*p == ';' || *p == '\n') {
            g_ptr_array_add(words, NULL);
            p++;
            continue;
        }

        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            continue;
        }

        word = g_string_new(NULL);
        for (; *p; p++) {
            if (squote) {
                if (*p == '\'')
                    squote = false;
                else
                    g_string_append_c(word, *p);
                continue;
            }

            if (*p == '\\') {
                if (p[1] == '\0') {
                    nuvshError(ctl, "%s", "dangling \\");
                    return NULL;
                }
                g_string_append_c(word, *++p);
                continue;
            }

            if (*p == '"') {
                dquote = !dquote;
                continue;
            }

            if (dquote) {
                g_string_append_c(word, *p);
                continue;
            }

            if (*p == '\'') {
                squote = true;
                continue;
            }

            if (*p == ' ' || *p == '\t' || *p == '\r' || *p == ';' || *p == '\n')
                break;

            g_string_append_c(word, *p);
        }

        /* virsh forgives a single quote left open at the end, not a double one */
        if (dquote) {
            nuvshError(ctl, "%s", "missing \"");
            return NULL;
        }

        g_ptr_array_add(words, g_string_free(g_steal_pointer(&word), FALSE));
    }

    return g_steal_pointer(&words);
}


/* ---- running --------------------------------------------------------- */

static bool
nuvshCommandRun(nuvshControl *ctl,
                GPtrArray *cmds)
{
    bool ret = true;
    guint i;

    for (i = 0; i < cmds->len; i++) {
        const nuvshCmd *cmd = g_ptr_array_index(cmds, i);

        nuvshResetLibvirtError(ctl);

        if (!(cmd->def->flags & NUVSH_CMD_FLAG_NOCONNECT) && !ctl->conn &&
            !nuvshConnect(ctl, ctl->connname, ctl->readonly)) {
            nuvshError(ctl, "%s", "no valid connection");
            ret = false;
        } else {
            ret = cmd->def->handler(ctl, cmd);
        }

        if (!ret)
            nuvshReportError(ctl);

        if (ctl->quit)
            break;

        nuvshPrintExtra(ctl, "\n");
        fflush(stdout);
    }

    return ret;
}


static bool
nuvshRunString(nuvshControl *ctl,
               const char *str)
{
    g_autoptr(GPtrArray) words = NULL;
    g_autoptr(GPtrArray) cmds = NULL;

    if (!(words = nuvshStringSplit(ctl, str)))
        return false;
    if (!(cmds = nuvshCommandParse(ctl, words)))
        return false;
    return nuvshCommandRun(ctl, cmds);
}


/* Words given as separate program arguments are taken as they are:
 * no quoting and no ';', the caller's shell has done that already. */
static bool
nuvshRunArgv(nuvshControl *ctl,
             int argc,
             char **argv)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new();
    g_autoptr(GPtrArray) cmds = NULL;
    int i;

    for (i = 0; i < argc; i++)
        g_ptr_array_add(words, argv[i]);
    if (!(cmds = nuvshCommandParse(ctl, words)))
        return false;
    return nuvshCommandRun(ctl, cmds);
}


/* ---- interactive mode ------------------------------------------------ */

static char *
nuvshCompleteCommand(const char *text,
                     int state)
{
    static const nuvshCmdGroup *grp;
    static const nuvshCmdDef *def;
    size_t len = strlen(text);

    if (state == 0) {
        grp = nuvshGroups;
        def = grp->cmds;
    }

    while (grp->title) {
        while (def->name) {
            const nuvshCmdDef *cur = def++;

            if (strncmp(cur->name, text, len) == 0)
                return strdup(cur->name);
        }
        grp++;
        if (grp->title)
            def = grp->cmds;
    }
    return NULL;
}


static char **
nuvshCompletion(const char *text,
                int start,
                int end G_GNUC_UNUSED)
{
    /* Only the command word is completed; options fall back to nothing
     * rather than to file names, which would mostly be noise. */
    rl_attempted_completion_over = 1;
    if (start != 0)
        return NULL;
    return rl_completion_matches(text, nuvshCompleteCommand);
}


static void
nuvshInteractive(nuvshControl *ctl)
{
    rl_readline_name = "nuvsh";
    rl_attempted_completion_function = nuvshCompletion;

    nuvshPrintExtra(ctl,
                    "Welcome to nuvsh, the interactive shell of nuvirt.\n\n"
                    "Enter 'help' for the list of commands, 'quit' to leave.\n\n");

    while (!ctl->quit) {
        g_autofree char *line = NULL;

        fflush(stdout);
        if (!(line = readline("nuvsh # ")))
            break;
        if (*line)
            add_history(line);
        nuvshRunString(ctl, line);
    }

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
    nuvshControl ctl = { 0 };
    g_autofree char *progname = g_path_get_basename(argv[0]);
    const char *env;
    bool ret = true;
    int c;

    if (virInitialize() < 0) {
        fprintf(stderr, "%s: failed to initialize the library\n", progname);
        return EXIT_FAILURE;
    }
    virSetErrorFunc(&ctl, nuvshErrorCallback);

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
        case 'd': case 'e': case 'k': case 'K': case 'l': case 't':
            /* accepted so that virsh command lines work unchanged */
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
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
