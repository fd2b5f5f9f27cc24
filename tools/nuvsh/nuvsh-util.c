/*
 * nuvsh-util.c: helpers shared by the command files: reading XML files,
 * --xpath output, sizes in human units, and the editor loop of the
 * *-edit commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "nuvsh.h"

/* XML larger than this is surely a mistake (virsh has the same cap). */
#define NUVSH_MAX_XML_FILE (10 * 1024 * 1024)


/* Reads a file the user named into a string, printing why if it cannot. */
char *
nuvshReadFile(nuvshControl *ctl,
              const char *path)
{
    g_autoptr(GString) data = g_string_new(NULL);
    char buf[8192];
    FILE *fp;
    size_t got;

    if (!(fp = fopen(path, "r"))) {
        nuvshError(ctl, "Failed to open file '%s': %s", path, g_strerror(errno));
        return NULL;
    }

    while ((got = fread(buf, 1, sizeof(buf), fp)) > 0) {
        if (data->len + got > NUVSH_MAX_XML_FILE) {
            nuvshError(ctl, "File '%s' is larger than the %d bytes allowed",
                       path, NUVSH_MAX_XML_FILE);
            fclose(fp);
            return NULL;
        }
        g_string_append_len(data, buf, got);
    }

    if (ferror(fp)) {
        nuvshError(ctl, "Failed to read file '%s': %s", path, g_strerror(errno));
        fclose(fp);
        return NULL;
    }

    fclose(fp);
    return g_string_free(g_steal_pointer(&data), FALSE);
}


static void
nuvshXMLQuiet(void *ctx G_GNUC_UNUSED,
              const char *msg G_GNUC_UNUSED, ...)
{
}


/* Prints @xml, or with --xpath the nodes it selects, one after the other
 * (or inside <nodes> with --wrap), as the *-dumpxml commands of virsh do. */
bool
nuvshPrintXMLXPath(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *xml)
{
    const char *xpath = NULL;
    bool wrap = nuvshCommandOptBool(cmd, "wrap");
    xmlDocPtr doc = NULL;
    xmlXPathContextPtr xctx = NULL;
    xmlXPathObjectPtr res = NULL;
    xmlDocPtr out = NULL;
    bool ret = false;
    int i;

    if (nuvshCommandOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;

    if (!xpath) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }

    xmlSetGenericErrorFunc(NULL, nuvshXMLQuiet);
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        nuvshSetPendingError(ctl, "%s", "internal error: failed to parse the XML");
        goto cleanup;
    }
    xctx = xmlXPathNewContext(doc);
    res = xmlXPathEvalExpression((const xmlChar *) xpath, xctx);
    if (!res || res->type != XPATH_NODESET) {
        nuvshSetPendingError(ctl, "internal error: Incorrect xpath '%s'", xpath);
        goto cleanup;
    }

    if (wrap) {
        xmlNodePtr root;
        xmlChar *mem = NULL;
        int len = 0;

        out = xmlNewDoc((const xmlChar *) "1.0");
        root = xmlNewNode(NULL, (const xmlChar *) "nodes");
        xmlDocSetRootElement(out, root);
        for (i = 0; res->nodesetval && i < res->nodesetval->nodeNr; i++) {
            xmlNodePtr node = res->nodesetval->nodeTab[i];

            if (node->type == XML_ATTRIBUTE_NODE)
                xmlSetProp(root, node->name, xmlNodeGetContent(node));
            else
                xmlAddChild(root, xmlDocCopyNode(node, out, 1));
        }
        xmlDocDumpFormatMemory(out, &mem, &len, 1);
        /* without the XML declaration line */
        nuvshPrint(ctl, "%s", strchr((char *) mem, '\n') + 1);
        xmlFree(mem);
    } else {
        for (i = 0; res->nodesetval && i < res->nodesetval->nodeNr; i++) {
            xmlBufferPtr buf = xmlBufferCreate();

            xmlNodeDump(buf, doc, res->nodesetval->nodeTab[i], 0, 1);
            nuvshPrint(ctl, "%s\n", (const char *) xmlBufferContent(buf));
            xmlBufferFree(buf);
        }
    }
    ret = true;

 cleanup:
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    xmlFreeDoc(out);
    return ret;
}


/* @bytes in the largest binary unit that leaves a value of at least 1,
 * as virsh prints capacities ("1.50 GiB"). */
double
nuvshPrettyCapacityValue(unsigned long long bytes,
                         const char **unit)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double val = bytes;
    size_t i = 0;

    while (val >= 1024 && i + 1 < G_N_ELEMENTS(units)) {
        val /= 1024;
        i++;
    }
    *unit = units[i];
    return val;
}


/* virsh's progress line for a job, rewritten in place on standard error:
 * "\rLabel: [ 42 %]".  @remaining 0 means done; the percentage is cut,
 * not rounded, so it shows 100 only when the job has ended. */
void
nuvshPrintJobProgress(const char *label,
                      unsigned long long remaining,
                      unsigned long long total)
{
    int progress = 100;

    if (remaining != 0 && total != 0)
        progress = (int) ((1.0 - (double) remaining / (double) total) * 100);
    fflush(stdout);
    fprintf(stderr, "\r%s: [%3d %%]", label, progress);
    fflush(stderr);
}


char *
nuvshPrettyCapacity(unsigned long long bytes,
                    const char **unit)
{
    double val = nuvshPrettyCapacityValue(bytes, unit);

    return g_strdup_printf("%.2lf", val);
}


/* ---- the editor loop ------------------------------------------------- */

/* The characters of an editor command that need no shell. */
#define NUVSH_EDITOR_PLAIN_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@/"

/* Runs $VISUAL, else $EDITOR, else vi on @path.  A plain editor name is
 * run directly; one with arguments or other shell syntax through 'sh -c',
 * as virsh does, which then refuses a file name the shell would split.
 * A failure leaves virsh's message naming the command as run. */
static bool
nuvshRunEditor(nuvshControl *ctl,
               const char *path)
{
    const char *editor = g_getenv("VISUAL");
    g_autofree char *shcmd = NULL;
    g_autofree char *shown = NULL;
    int status;
    pid_t pid;

    if (!editor || !*editor)
        editor = g_getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";

    if (strspn(editor, NUVSH_EDITOR_PLAIN_CHARS) == strlen(editor)) {
        shown = g_strdup_printf("%s %s", editor, path);
    } else {
        g_autofree char *quoted = NULL;

        if (strspn(path, NUVSH_EDITOR_PLAIN_CHARS) != strlen(path)) {
            nuvshError(ctl, "%s: temporary filename contains shell meta or other "
                       "unacceptable characters (is $TMPDIR wrong?)", path);
            return false;
        }
        shcmd = g_strdup_printf("%s %s", editor, path);
        quoted = g_shell_quote(shcmd);
        shown = g_strdup_printf("sh -c %s", quoted);
    }

    fflush(stdout);
    if ((pid = fork()) < 0) {
        nuvshError(ctl, "cannot run the editor: %s", g_strerror(errno));
        return false;
    }
    if (pid == 0) {
        if (shcmd)
            execl("/bin/sh", "sh", "-c", shcmd, (char *) NULL);
        else
            execlp(editor, editor, path, (char *) NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            nuvshError(ctl, "cannot wait for the editor: %s", g_strerror(errno));
            return false;
        }
    }
    if (WIFSIGNALED(status)) {
        nuvshSetPendingError(ctl, "internal error: Child process (%s) unexpected "
                             "fatal signal %d", shown, WTERMSIG(status));
        return false;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        nuvshSetPendingError(ctl, "internal error: Child process (%s) "
                             "unexpected exit status %d", shown,
                             WIFEXITED(status) ? WEXITSTATUS(status) : 128);
        return false;
    }
    return true;
}


/* Whether to open the editor again after a failed definition, asked as
 * virsh asks: one key read with the terminal in raw mode (so the answer is
 * not echoed and needs no Enter), the prompt redrawn over itself after any
 * other key, the help lines ended by hand as raw mode does not translate
 * '\n'.  @relax offers 'i' (define again without validation).  Only on a
 * terminal; anything else, or the end of input, gives up. */
static int
nuvshAskReedit(nuvshControl *ctl,
               bool relax)
{
    struct termios saved;
    struct termios raw;
    int c;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0)
        return 'n';
    raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
        return 'n';

    while (true) {
        nuvshPrint(ctl, "\rFailed. Try again? %s: ", relax ? "[y,n,i,f,?]" : "[y,n,f,?]");
        fflush(stdout);
        if ((c = getchar()) == EOF) {
            c = 'n';
            break;
        }
        c = g_ascii_tolower(c);
        if (c == '?') {
            nuvshPrint(ctl, "\r\n%s\r\n%s\r\n", "y - yes, start editor again",
                       "n - no, throw away my changes");
            if (relax)
                nuvshPrint(ctl, "%s\r\n", "i - turn off validation and try to redefine again");
            nuvshPrint(ctl, "%s\r\n%s\r\n", "f - force, try to redefine again",
                       "? - print this help");
            continue;
        }
        if (c == 'y' || c == 'n' || c == 'f' || (relax && c == 'i'))
            break;
    }

    fflush(stdout);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    nuvshPrint(ctl, "\r\n");
    return c;
}


/* Writes @xml to a temporary file, lets the user edit it, and gives the
 * result to @define until it succeeds or the user gives up, as virsh's
 * edit commands do: a file that comes back as it was (compared with @xml,
 * also after editing again) changes nothing; a failed definition reports
 * its error and asks; 'f' defines the same text again, 'i' (offered when
 * @relax is given, once) sets *@relax for @define and defines again.
 * Returns 1 when defined, 0 when the file came back unchanged, -1 on
 * failure. */
int
nuvshEditXMLLoop(nuvshControl *ctl,
                 const char *xml,
                 bool (*define)(nuvshControl *ctl, const char *newxml, void *opaque),
                 void *opaque,
                 bool *relax)
{
    g_autofree char *path = NULL;
    g_autofree char *newxml = NULL;
    g_autoptr(GError) gerr = NULL;
    bool offer_relax = relax != NULL;
    int ret = -1;
    int fd;

    if ((fd = g_file_open_tmp("nuvshXXXXXX.xml", &path, &gerr)) < 0) {
        nuvshError(ctl, "cannot create a temporary file: %s", gerr->message);
        return -1;
    }
    close(fd);
    if (!g_file_set_contents(path, xml, -1, &gerr)) {
        nuvshError(ctl, "cannot write '%s': %s", path, gerr->message);
        goto cleanup;
    }

    while (true) {
        g_clear_pointer(&newxml, g_free);
        if (!nuvshRunEditor(ctl, path))
            goto cleanup;
        if (!(newxml = nuvshReadFile(ctl, path)))
            goto cleanup;
        if (g_str_equal(newxml, xml)) {
            ret = 0;
            goto cleanup;
        }

        /* define, and on failure ask until the user edits again or stops */
        while (!define(ctl, newxml, opaque)) {
            nuvshReportError(ctl);
            switch (nuvshAskReedit(ctl, offer_relax)) {
            case 'y':
                goto reedit;
            case 'f':
                continue;
            case 'i':
                *relax = true;
                offer_relax = false;
                continue;
            default:
                goto cleanup;
            }
        }
        ret = 1;
        goto cleanup;
     reedit:
        ;
    }

 cleanup:
    unlink(path);
    return ret;
}


/* The string value of XPath @expr in @xml, NULL when it selects nothing
 * (or the XML does not parse). */
char *
nuvshXPathString(const char *xml,
                 const char *expr)
{
    xmlDocPtr doc;
    xmlXPathContextPtr xctx;
    xmlXPathObjectPtr res;
    char *ret = NULL;

    xmlSetGenericErrorFunc(NULL, nuvshXMLQuiet);
    if (!(doc = xmlReadMemory(xml, strlen(xml), "object.xml", NULL, XML_PARSE_NONET)))
        return NULL;
    xctx = xmlXPathNewContext(doc);
    res = xmlXPathEvalExpression((const xmlChar *) expr, xctx);
    if (res && res->type == XPATH_STRING && res->stringval && *res->stringval)
        ret = g_strdup((const char *) res->stringval);
    else if (res && res->type == XPATH_NODESET && res->nodesetval &&
             res->nodesetval->nodeNr > 0) {
        xmlChar *content = xmlNodeGetContent(res->nodesetval->nodeTab[0]);

        ret = g_strdup((const char *) content);
        xmlFree(content);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    return ret;
}


/* Every match of XPath @expr in @xml as strings (empty array on none). */
GPtrArray *
nuvshXPathStrings(const char *xml,
                  const char *expr)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xmlDocPtr doc;
    xmlXPathContextPtr xctx;
    xmlXPathObjectPtr res;
    int i;

    xmlSetGenericErrorFunc(NULL, nuvshXMLQuiet);
    if (!(doc = xmlReadMemory(xml, strlen(xml), "object.xml", NULL, XML_PARSE_NONET)))
        return out;
    xctx = xmlXPathNewContext(doc);
    res = xmlXPathEvalExpression((const xmlChar *) expr, xctx);
    for (i = 0; res && res->type == XPATH_NODESET && res->nodesetval &&
         i < res->nodesetval->nodeNr; i++) {
        xmlChar *content = xmlNodeGetContent(res->nodesetval->nodeTab[i]);

        g_ptr_array_add(out, g_strdup((const char *) content));
        xmlFree(content);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    return out;
}


/* @xml with the text of the root's <name> child set to @name, as libxml
 * writes it back (no declaration, no final newline); NULL on bad XML. */
char *
nuvshXMLSetName(const char *xml,
                const char *name)
{
    xmlDocPtr doc;
    xmlNodePtr node;
    xmlBufferPtr buf;
    char *ret = NULL;

    xmlSetGenericErrorFunc(NULL, nuvshXMLQuiet);
    if (!(doc = xmlReadMemory(xml, strlen(xml), "object.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS)))
        return NULL;

    for (node = xmlDocGetRootElement(doc)->children; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, (const xmlChar *) "name"))
            break;
    }
    if (node) {
        xmlChar *escaped = xmlEncodeSpecialChars(doc, (const xmlChar *) name);

        xmlNodeSetContent(node, escaped);
        xmlFree(escaped);
        buf = xmlBufferCreate();
        xmlNodeDump(buf, doc, xmlDocGetRootElement(doc), 0, 1);
        ret = g_strdup((const char *) xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    xmlFreeDoc(doc);
    return ret;
}


gint
nuvshStrPtrCompare(gconstpointer a,
                   gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}


/* Prints the forest given by @names and @parents (NULL for a root) the way
 * virsh prints trees: each child on a "+- " line under a "|" line, '|'
 * continuing the column while siblings are still to come, and a blank
 * (indented) line after the last leaf of a branch. */
static void
nuvshTreePrintNode(nuvshControl *ctl,
                   GPtrArray *names,
                   GPtrArray *parents,
                   guint idx,
                   bool root,
                   bool lastsibling,
                   GString *indent)
{
    const char *name = g_ptr_array_index(names, idx);
    gssize lastchild = -1;
    gsize saved = indent->len;
    guint i;

    nuvshPrint(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", name);
    if (!root)
        g_string_append(indent, lastsibling ? "  " : "| ");

    for (i = 0; i < names->len; i++) {
        const char *parent = g_ptr_array_index(parents, i);

        if (parent && g_str_equal(parent, name))
            lastchild = i;
    }

    if (lastchild >= 0)
        nuvshPrint(ctl, "%s  |\n", indent->str);

    g_string_append(indent, "  ");
    for (i = 0; i < names->len; i++) {
        const char *parent = g_ptr_array_index(parents, i);

        if (parent && g_str_equal(parent, name))
            nuvshTreePrintNode(ctl, names, parents, i, false, (gssize) i == lastchild, indent);
    }
    g_string_truncate(indent, indent->len - 2);

    if (lastchild < 0 && lastsibling)
        nuvshPrint(ctl, "%s\n", indent->str);

    g_string_truncate(indent, saved);
}


void
nuvshTreePrint(nuvshControl *ctl,
               GPtrArray *names,
               GPtrArray *parents)
{
    g_autoptr(GString) indent = g_string_new(NULL);
    guint i;

    for (i = 0; i < names->len; i++) {
        if (!g_ptr_array_index(parents, i))
            nuvshTreePrintNode(ctl, names, parents, i, true, true, indent);
    }
}


/* --pass-fds N,M,...: the descriptor numbers, as given; the library
 * passes them on and they stay open here. */
bool
nuvshPassFds(nuvshControl *ctl,
             const nuvshCmd *cmd,
             int **fds,
             size_t *nfds)
{
    const char *list = nuvshCommandOptString(cmd, "pass-fds");
    g_auto(GStrv) words = NULL;
    g_autofree int *ret = NULL;
    size_t i;

    *fds = NULL;
    *nfds = 0;
    if (!list)
        return true;
    words = g_strsplit(list, ",", 0);
    ret = g_new0(int, g_strv_length(words) + 1);
    for (i = 0; words[i]; i++) {
        char *end = NULL;
        long fd;

        errno = 0;
        fd = strtol(words[i], &end, 10);
        if (!*words[i] || *end || errno != 0 || fd < 0 || fd > G_MAXINT) {
            nuvshError(ctl, "Unable to parse FD number '%s'", words[i]);
            return false;
        }
        ret[i] = fd;
    }
    *nfds = i;
    *fds = g_steal_pointer(&ret);
    return true;
}
