/*
 * nuvsh-shell.c: commands about the shell itself (help, quit, echo, ...)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nuvsh.h"

static const nuvshCmdOptDef opts_none[] = {
    { NULL },
};


/* ---- help ------------------------------------------------------------ */

static const nuvshCmdOptDef opts_help[] = {
    { "command", NUVSH_OT_STRING, 0,
      "a command, or a group keyword as shown by 'help' alone" },
    { NULL },
};


static void
nuvshHelpGroup(nuvshControl *ctl,
               const nuvshCmdGroup *grp)
{
    const nuvshCmdDef *const *table;

    nuvshPrint(ctl, " %s (help keyword '%s'):\n", grp->title, grp->keyword);
    for (table = grp->tables; *table; table++) {
        const nuvshCmdDef *def;

        for (def = *table; def->name; def++) {
            if (def->flags & (NUVSH_CMD_FLAG_ALIAS | NUVSH_CMD_FLAG_HIDDEN))
                continue;
            nuvshPrint(ctl, "    %-30s %s\n", def->name, def->summary);
        }
    }
    nuvshPrint(ctl, "\n");
}


/* The SYNOPSIS and OPTIONS sections follow virsh's layout rules, so the
 * same option table prints the same usage lines. */
static void
nuvshHelpCommand(nuvshControl *ctl,
                 const nuvshCmdDef *def)
{
    g_autoptr(GString) synopsis = g_string_new(def->name);
    g_autoptr(GString) options = g_string_new(NULL);
    const nuvshCmdOptDef *opt;
    bool shortopt = false;

    for (opt = def->opts; opt && opt->name; opt++) {
        bool required = opt->flags & NUVSH_OFLAG_REQUIRED;
        bool named_only = opt->flags & NUVSH_OFLAG_REQ_OPT;
        g_autofree char *label = NULL;

        switch (opt->type) {
        case NUVSH_OT_ALIAS:
            continue;
        case NUVSH_OT_BOOL:
            g_string_append_printf(synopsis, " [--%s]", opt->name);
            label = g_strdup_printf("--%s", opt->name);
            break;
        case NUVSH_OT_INT:
            if (required)
                g_string_append_printf(synopsis, " <%s>", opt->name);
            else
                g_string_append_printf(synopsis, " [--%s <number>]", opt->name);
            label = g_strdup_printf(required ? "[--%s] <number>" : "--%s <number>",
                                    opt->name);
            shortopt |= !named_only;
            break;
        case NUVSH_OT_STRING:
            if (required && !named_only)
                g_string_append_printf(synopsis, " <%s>", opt->name);
            else if (required)
                g_string_append_printf(synopsis, " --%s <string>", opt->name);
            else
                g_string_append_printf(synopsis, " [--%s <string>]", opt->name);
            label = g_strdup_printf("--%s <string>", opt->name);
            shortopt |= !named_only;
            break;
        case NUVSH_OT_DATA:
            g_string_append_printf(synopsis, required ? " <%s>" : " [<%s>]", opt->name);
            label = g_strdup_printf("[--%s] <string>", opt->name);
            shortopt |= !named_only;
            break;
        case NUVSH_OT_ARGV:
            if (shortopt) {
                g_string_append_printf(synopsis, required ? " {[--%s] <string>}..."
                                                          : " [[--%s] <string>]...",
                                       opt->name);
                label = g_strdup_printf("[--%s] <string>", opt->name);
            } else {
                g_string_append_printf(synopsis, required ? " <%s>..." : " [<%s>]...",
                                       opt->name);
                label = g_strdup_printf("<%s>", opt->name);
            }
            break;
        }
        g_string_append_printf(options, "    %-15s  %s\n", label, opt->help);
    }

    nuvshPrint(ctl, "  NAME\n    %s - %s\n\n", def->name, def->summary);
    nuvshPrint(ctl, "  SYNOPSIS\n    %s\n\n", synopsis->str);
    if (def->description && *def->description)
        nuvshPrint(ctl, "  DESCRIPTION\n    %s\n\n", def->description);
    if (options->len)
        nuvshPrint(ctl, "  OPTIONS\n%s\n", options->str);
}


static bool
cmdHelp(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    const char *name = nuvshCommandOptString(cmd, "command");
    const nuvshCmdGroup *grp;
    const nuvshCmdDef *def;

    if (!name) {
        nuvshPrint(ctl, "Grouped commands:\n\n");
        for (grp = nuvshGroups; grp->title; grp++)
            nuvshHelpGroup(ctl, grp);
        return true;
    }

    if ((def = nuvshCommandLookup(name))) {
        nuvshHelpCommand(ctl, def);
        return true;
    }

    for (grp = nuvshGroups; grp->title; grp++) {
        if (g_str_equal(grp->keyword, name)) {
            nuvshHelpGroup(ctl, grp);
            return true;
        }
    }

    nuvshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}


/* ---- quit, exit ------------------------------------------------------ */

static bool
cmdQuit(nuvshControl *ctl,
        const nuvshCmd *cmd G_GNUC_UNUSED)
{
    ctl->quit = true;
    return true;
}


/* ---- echo ------------------------------------------------------------ */

static const nuvshCmdOptDef opts_echo[] = {
    { "shell", NUVSH_OT_BOOL, 0, "quote each word so that a POSIX shell reads it back" },
    { "xml", NUVSH_OT_BOOL, 0, "escape each word for use in XML text" },
    { "split", NUVSH_OT_BOOL, 0, "print the comma separated parts of each word on "
      "lines of their own (a doubled comma stands for one comma)" },
    { "err", NUVSH_OT_BOOL, 0, "print as an error message on standard error" },
    { "str", NUVSH_OT_ALIAS, 0, "string" },
    { "hi", NUVSH_OT_ALIAS, 0, "string=hello" },
    { "string", NUVSH_OT_ARGV, 0, "the words to print" },
    { NULL },
};


/* Splits @word at single commas into lines, each ended by a newline;
 * ",," is one literal comma and an empty word gives nothing. */
static char *
nuvshEchoSplit(const char *word)
{
    g_autoptr(GString) out = g_string_new(NULL);
    const char *p;

    for (p = word; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(out, ',');
            p++;
        } else if (*p == ',') {
            g_string_append_c(out, '\n');
        } else {
            g_string_append_c(out, *p);
        }
    }
    if (*word)
        g_string_append_c(out, '\n');
    return g_string_free(g_steal_pointer(&out), FALSE);
}


static void
nuvshEchoQuoteShell(GString *buf,
                    const char *word)
{
    const char *p;

    /* Words made only of these characters mean the same to a shell unquoted. */
    if (*word && strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789-_.,/:@+=%") == strlen(word)) {
        g_string_append(buf, word);
        return;
    }

    g_string_append_c(buf, '\'');
    for (p = word; *p; p++) {
        if (*p == '\'')
            g_string_append(buf, "'\\''");
        else
            g_string_append_c(buf, *p);
    }
    g_string_append_c(buf, '\'');
}


static bool
cmdEcho(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    g_autoptr(GPtrArray) args = nuvshCommandOptArgv(cmd, "string");
    g_autoptr(GString) out = g_string_new(NULL);
    bool shell = nuvshCommandOptBool(cmd, "shell");
    bool xml = nuvshCommandOptBool(cmd, "xml");
    bool split = nuvshCommandOptBool(cmd, "split");
    guint i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "shell", "xml") ||
        !nuvshCommandOptExclusive(ctl, cmd, "shell", "split") ||
        !nuvshCommandOptExclusive(ctl, cmd, "xml", "split"))
        return false;

    for (i = 0; i < args->len; i++) {
        g_autofree char *word = g_strdup(g_ptr_array_index(args, i));

        if (i > 0)
            g_string_append_c(out, ' ');

        if (split) {
            g_autofree char *lines = nuvshEchoSplit(word);

            g_free(word);
            word = g_steal_pointer(&lines);
        }

        if (xml) {
            g_autofree char *escaped = g_markup_escape_text(word, -1);

            g_free(word);
            word = g_steal_pointer(&escaped);
        }

        if (shell)
            nuvshEchoQuoteShell(out, word);
        else
            g_string_append(out, word);
    }

    /* No newline: the blank line that follows every command ends it. */
    if (nuvshCommandOptBool(cmd, "err"))
        nuvshError(ctl, "%s", out->str);
    else
        nuvshPrint(ctl, "%s", out->str);
    return true;
}


/* ---- pwd, cd --------------------------------------------------------- */

static bool
cmdPwd(nuvshControl *ctl,
       const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *cwd = g_get_current_dir();

    nuvshPrint(ctl, "%s\n", cwd);
    return true;
}


static const nuvshCmdOptDef opts_cd[] = {
    { "dir", NUVSH_OT_STRING, 0,
      "the new directory; without it, the home directory" },
    { NULL },
};

static bool
cmdCd(nuvshControl *ctl,
      const nuvshCmd *cmd)
{
    const char *dir = nuvshCommandOptString(cmd, "dir");

    /* In a one-shot command line a directory change would outlive nothing. */
    if (!ctl->imode) {
        nuvshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }

    if (!dir)
        dir = g_get_home_dir();

    if (chdir(dir) < 0) {
        nuvshError(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}


/* ---- connect --------------------------------------------------------- */

static const nuvshCmdOptDef opts_connect[] = {
    { "name", NUVSH_OT_STRING, 0,
      "URI of the hypervisor; without it, the current or default one" },
    { "readonly", NUVSH_OT_BOOL, 0, "open the connection read-only" },
    { NULL },
};

static bool
cmdConnect(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    const char *name = nuvshCommandOptString(cmd, "name");
    g_autofree char *uri = g_strdup(name ? name : ctl->connname);

    return nuvshConnect(ctl, uri, nuvshCommandOptBool(cmd, "readonly"));
}


/* ---- complete -------------------------------------------------------- */

static const nuvshCmdOptDef opts_complete[] = {
    { "string", NUVSH_OT_ARGV, NUVSH_OFLAG_EMPTY_OK,
      "the partly typed command line; candidates for its last word are printed" },
    { NULL },
};


/* What bash completion asks: one candidate per line for the last word. */
static bool
cmdComplete(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(GPtrArray) words = nuvshCommandOptArgv(cmd, "string");
    g_autoptr(GPtrArray) matches = NULL;
    g_autofree char *line = NULL;
    guint i;

    /* names come from the connection when there is one; without, the
     * command and option names are still offered */
    if (!ctl->conn && ctl->connname)
        nuvshConnect(ctl, ctl->connname, ctl->readonly);
    nuvshResetLibvirtError(ctl);

    g_ptr_array_add(words, NULL);
    line = g_strjoinv(" ", (char **) words->pdata);
    matches = nuvshCompleteLine(ctl, line);
    for (i = 0; i < matches->len; i++)
        nuvshPrint(ctl, "%s\n", (const char *) g_ptr_array_index(matches, i));
    return true;
}


const nuvshCmdDef nuvshShellCmds[] = {
    { "complete", cmdComplete, opts_complete,
      "list completions for a partly typed command line", "",
      NUVSH_CMD_FLAG_NOCONNECT | NUVSH_CMD_FLAG_HIDDEN, NULL },
    { "cd", cmdCd, opts_cd,
      "change the working directory of the shell", NULL, NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "echo", cmdEcho, opts_echo,
      "print its arguments back, optionally quoted; meant for testing the parser",
      NULL, NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "exit", cmdQuit, opts_none,
      "leave the shell", NULL, NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "help", cmdHelp, opts_help,
      "list the commands, or explain one command or group",
      "Without an argument lists every command by group; with a command name "
      "explains that command; with a group keyword lists that group.",
      NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "pwd", cmdPwd, opts_none,
      "print the working directory of the shell", NULL, NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "quit", cmdQuit, opts_none,
      "leave the shell", NULL, NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { "connect", cmdConnect, opts_connect,
      "open a new connection to a hypervisor, replacing the current one",
      "Opens the connection given by the URI; if that fails the current one stays.",
      NUVSH_CMD_FLAG_NOCONNECT, NULL },
    { NULL },
};
