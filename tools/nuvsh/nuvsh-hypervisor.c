/*
 * nuvsh-hypervisor.c: the hypervisor-specific commands, which go through
 * the QEMU and LXC libraries (libvirt-qemu, libvirt-lxc) rather than the
 * main API: monitor and agent commands, monitor events, attaching to a
 * QEMU process, running a command inside a container's namespaces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-qemu.h>

#include "nuvsh.h"


/* The words of an argv option joined by single spaces: a monitor or
 * agent command may be given unquoted. */
static char *
nuvshJoinArgv(const nuvshCmd *cmd,
              const char *name)
{
    g_autoptr(GPtrArray) words = nuvshCommandOptArgv(cmd, name);

    g_ptr_array_add(words, NULL);
    return g_strjoinv(" ", (char **) words->pdata);
}


/* @text reformatted as indented JSON; with @return_only, only the value
 * of its "return" key.  NULL after an error. */
static char *
nuvshJSONReformat(nuvshControl *ctl,
                  const char *text,
                  bool pretty,
                  bool return_only)
{
    json_object *obj = json_tokener_parse(text);
    json_object *val = obj;
    char *ret = NULL;

    if (!obj) {
        nuvshError(ctl, "%s", "failed to parse JSON output");
        return NULL;
    }
    if (return_only && !json_object_object_get_ex(obj, "return", &val)) {
        nuvshError(ctl, "%s", "'return' member missing");
        goto cleanup;
    }
    ret = g_strdup(json_object_to_json_string_ext(val, JSON_C_TO_STRING_NOSLASHESCAPE |
                                                  (pretty ? JSON_C_TO_STRING_PRETTY |
                                                            JSON_C_TO_STRING_SPACED
                                                          : JSON_C_TO_STRING_PLAIN)));

 cleanup:
    json_object_put(obj);
    return ret;
}


/* ---- qemu-attach ------------------------------------------------------ */

static const nuvshCmdOptDef opts_qemu_attach[] = {
    { "pid", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "process id of the QEMU to attach" },
    { NULL },
};

static bool
cmdQemuAttach(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int pid = 0;

    if (nuvshCommandOptUInt(ctl, cmd, "pid", &pid) <= 0)
        return false;
    if (!(dom = virDomainQemuAttach(ctl->conn, pid, 0))) {
        nuvshError(ctl, "Failed to attach to pid %u", pid);
        return false;
    }
    nuvshPrint(ctl, "Domain '%s' attached to pid %u\n", virDomainGetName(dom), pid);
    return true;
}


/* ---- qemu-monitor-command --------------------------------------------- */

static const nuvshCmdOptDef opts_qemu_monitor_command[] = {
    NUVSH_OPT_DOMAIN,
    { "hmp", NUVSH_OT_BOOL, 0, "the command is for the human monitor" },
    { "pretty", NUVSH_OT_BOOL, 0, "indent the JSON reply" },
    { "return-value", NUVSH_OT_BOOL, 0, "print only the reply's 'return' value" },
    { "pass-fds", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "descriptors to pass along, N,M,..." },
    { "cmd", NUVSH_OT_ARGV, NUVSH_OFLAG_REQUIRED, "the monitor command" },
    { NULL },
};

static bool
cmdQemuMonitorCommand(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *monitor_cmd = NULL;
    g_autofree char *result = NULL;
    g_autofree char *shown = NULL;
    g_autofree int *fds = NULL;
    bool pretty = nuvshCommandOptBool(cmd, "pretty");
    bool return_value = nuvshCommandOptBool(cmd, "return-value");
    unsigned int flags = 0;
    size_t nfds = 0;
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "hmp", "pretty") ||
        !nuvshCommandOptExclusive(ctl, cmd, "hmp", "return-value"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptBool(cmd, "hmp"))
        flags |= VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP;
    monitor_cmd = nuvshJoinArgv(cmd, "cmd");
    if (!nuvshPassFds(ctl, cmd, &fds, &nfds))
        return false;

    if (nfds)
        rc = virDomainQemuMonitorCommandWithFiles(dom, monitor_cmd, nfds, fds, NULL, NULL,
                                                  &result, flags);
    else
        rc = virDomainQemuMonitorCommand(dom, monitor_cmd, &result, flags);
    if (rc < 0)
        return false;

    if (pretty || return_value) {
        if (!(shown = nuvshJSONReformat(ctl, result, pretty, return_value)))
            return false;
    } else {
        shown = g_steal_pointer(&result);
    }
    nuvshPrint(ctl, "%s\n", shown);
    return true;
}


/* ---- qemu-agent-command ----------------------------------------------- */

static const nuvshCmdOptDef opts_qemu_agent_command[] = {
    NUVSH_OPT_DOMAIN,
    { "timeout", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT, "seconds to wait for the reply (positive)" },
    { "async", NUVSH_OT_BOOL, 0, "do not wait for the reply" },
    { "block", NUVSH_OT_BOOL, 0, "wait for the reply however long it takes" },
    { "pretty", NUVSH_OT_BOOL, 0, "indent the JSON reply" },
    { "cmd", NUVSH_OT_ARGV, NUVSH_OFLAG_REQUIRED, "the agent command" },
    { NULL },
};

static bool
cmdQemuAgentCommand(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *agent_cmd = NULL;
    g_autofree char *result = NULL;
    g_autofree char *shown = NULL;
    int timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT;
    int chosen = 0;
    int rc;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    agent_cmd = nuvshJoinArgv(cmd, "cmd");

    if ((rc = nuvshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0) {
        if (timeout < 1) {
            nuvshError(ctl, "%s", "timeout must be positive");
            return false;
        }
        chosen++;
    }
    if (nuvshCommandOptBool(cmd, "async")) {
        timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT;
        chosen++;
    }
    if (nuvshCommandOptBool(cmd, "block")) {
        timeout = VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK;
        chosen++;
    }
    if (chosen > 1) {
        nuvshError(ctl, "%s", "timeout, async and block options are exclusive");
        return false;
    }

    if (!(result = virDomainQemuAgentCommand(dom, agent_cmd, timeout, 0)))
        return false;
    if (nuvshCommandOptBool(cmd, "pretty")) {
        if (!(shown = nuvshJSONReformat(ctl, result, true, false)))
            return false;
    } else {
        shown = g_steal_pointer(&result);
    }
    nuvshPrint(ctl, "%s\n", shown);
    return true;
}


/* ---- qemu-monitor-event ----------------------------------------------- */

static const nuvshCmdOptDef opts_qemu_monitor_event[] = {
    { "domain", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "only this domain's events" },
    { "event", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "only events of this name" },
    { "pretty", NUVSH_OT_BOOL, 0, "indent the JSON details" },
    { "loop", NUVSH_OT_BOOL, 0, "keep printing events until the timeout or Ctrl-C" },
    { "timeout", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT, "stop after this many seconds" },
    { "regex", NUVSH_OT_BOOL, 0, "--event is a regular expression" },
    { "no-case", NUVSH_OT_BOOL, 0, "match --event regardless of case" },
    { "timestamp", NUVSH_OT_BOOL, 0, "start each line with the time" },
    { NULL },
};

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    bool pretty;
    int count;
} nuvshQemuEventData;

static void
nuvshQemuEventPrint(virConnectPtr conn G_GNUC_UNUSED,
                    virDomainPtr dom,
                    const char *event,
                    long long seconds,
                    unsigned int micros,
                    const char *details,
                    void *opaque)
{
    nuvshQemuEventData *data = opaque;
    g_autofree char *shown = NULL;

    if (details && data->pretty)
        shown = nuvshJSONReformat(data->ctl, details, true, false);
    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event %s at %lld.%06u for domain '%s': %s\n", event, seconds,
               micros, virDomainGetName(dom), shown ? shown : details ? details : "<null>");
    data->count++;
}

static bool
cmdQemuMonitorEvent(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    nuvshQemuEventData data = { ctl, cmd, nuvshCommandOptBool(cmd, "pretty"), 0 };
    const char *event = NULL;
    unsigned int flags = 0;
    bool ok;
    int id;

    if (nuvshCommandOptBool(cmd, "regex"))
        flags |= VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX;
    if (nuvshCommandOptBool(cmd, "no-case"))
        flags |= VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE;
    if (nuvshCommandOptStringReq(ctl, cmd, "event", &event) < 0)
        return false;
    if (nuvshCommandOptString(cmd, "domain") &&
        !(dom = nuvshCommandOptDomainBy(ctl, cmd, "domain", NULL, NUVSH_BYANY)))
        return false;

    if ((id = virConnectDomainQemuMonitorEventRegister(ctl->conn, dom, event,
                                                       nuvshQemuEventPrint, &data,
                                                       NULL, flags)) < 0)
        return false;
    ok = nuvshEventWait(ctl, cmd, &data.count);
    virConnectDomainQemuMonitorEventDeregister(ctl->conn, id);
    if (ok)
        nuvshPrint(ctl, "events received: %d\n", data.count);
    return ok;
}


/* ---- lxc-enter-namespace ---------------------------------------------- */

static const nuvshCmdOptDef opts_lxc_enter_namespace[] = {
    NUVSH_OPT_DOMAIN,
    { "noseclabel", NUVSH_OT_BOOL, 0, "keep this process's security label" },
    { "cmd", NUVSH_OT_ARGV, NUVSH_OFLAG_REQUIRED, "the program and its arguments" },
    { NULL },
};

static bool
cmdLxcEnterNamespace(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) argv = NULL;
    g_autofree int *fds = NULL;
    bool setlabel = !nuvshCommandOptBool(cmd, "noseclabel");
    virSecurityModel secmodel = { 0 };
    virSecurityLabel seclabel = { 0 };
    int nfds;
    int status;
    pid_t pid;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    argv = nuvshCommandOptArgv(cmd, "cmd");
    g_ptr_array_add(argv, NULL);

    if ((nfds = virDomainLxcOpenNamespace(dom, &fds, 0)) < 0)
        return false;
    if (setlabel &&
        (virNodeGetSecurityModel(ctl->conn, &secmodel) < 0 ||
         virDomainGetSecurityLabel(dom, &seclabel) < 0))
        goto error;

    /* the child enters the namespaces and runs the command; a second
     * fork makes it a child of the namespaces' own PID 1 view */
    if ((pid = fork()) < 0) {
        nuvshError(ctl, "%s", "Failed to fork");
        goto error;
    }
    if (pid == 0) {
        if (setlabel && virDomainLxcEnterSecurityLabel(&secmodel, &seclabel, NULL, 0) < 0)
            _exit(125);
        if (virDomainLxcEnterCGroup(dom, 0) < 0 ||
            virDomainLxcEnterNamespace(dom, nfds, fds, NULL, NULL, 0) < 0)
            _exit(125);
        if ((pid = fork()) < 0)
            _exit(125);
        if (pid == 0) {
            execv((const char *) argv->pdata[0], (char **) argv->pdata);
            _exit(255);
        }
        if (waitpid(pid, &status, 0) < 0)
            _exit(125);
        _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 125);
    }
    for (i = 0; i < nfds; i++)
        close(fds[i]);
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        nuvshError(ctl, "%s", "internal error: Child process exited with error");
        return false;
    }
    return true;

 error:
    for (i = 0; i < nfds; i++)
        close(fds[i]);
    return false;
}


const nuvshCmdDef nuvshHypervisorCmds[] = {
    { "qemu-attach", cmdQemuAttach, opts_qemu_attach,
      "take an already running QEMU process under management",
      "Attaches the QEMU process with the given id as a new domain.",
      0, NULL },
    { "qemu-monitor-command", cmdQemuMonitorCommand, opts_qemu_monitor_command,
      "send a command to a domain's QEMU monitor",
      "Sends a QMP (or, with --hmp, a human monitor) command and prints the reply.",
      0, NULL },
    { "qemu-agent-command", cmdQemuAgentCommand, opts_qemu_agent_command,
      "send a command to a domain's guest agent",
      "Sends a guest agent command (JSON) and prints the reply.",
      0, NULL },
    { "qemu-monitor-event", cmdQemuMonitorEvent, opts_qemu_monitor_event,
      "print a domain's QEMU monitor events",
      "Waits for QEMU monitor events and prints each one.",
      0, NULL },
    { "lxc-enter-namespace", cmdLxcEnterNamespace, opts_lxc_enter_namespace,
      "run a command inside a container's namespaces",
      "Runs a program in the domain's namespaces and security label.",
      0, NULL },
    { NULL },
};
