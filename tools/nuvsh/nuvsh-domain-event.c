/*
 * nuvsh-domain-event.c: the 'event' command, and the event loop that it
 * and the net-, pool-, nodedev- and secret-event commands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nuvsh.h"


/* ---- the shared wait loop -------------------------------------------- */

static volatile sig_atomic_t nuvshEventInterrupted;

static void
nuvshEventSigint(int sig G_GNUC_UNUSED)
{
    nuvshEventInterrupted = 1;
}


static void
nuvshEventTimeoutCb(int timer G_GNUC_UNUSED,
                    void *opaque)
{
    bool *timedout = opaque;

    *timedout = true;
}


/* "YYYY-MM-DD HH:MM:SS.mmm+0000: " before an event line, with --timestamp */
void
nuvshEventPrintPrefix(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;

    if (!nuvshCommandOptBool(cmd, "timestamp"))
        return;
    now = g_date_time_new_now_utc();
    stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");
    nuvshPrint(ctl, "%s.%03d+0000: ", stamp, g_date_time_get_microsecond(now) / 1000);
}


/* Runs the event loop until one event arrived (all of them with --loop),
 * --timeout seconds passed or the user pressed Ctrl-C; then prints how it
 * ended.  @count is bumped by the callbacks. */
bool
nuvshEventWait(nuvshControl *ctl,
               const nuvshCmd *cmd,
               int *count)
{
    bool loop = nuvshCommandOptBool(cmd, "loop");
    bool timedout = false;
    struct sigaction sa = { 0 };
    struct sigaction old;
    int timeout = 0;
    int timer = -1;
    int rc;

    if ((rc = nuvshCommandOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0) {
        if (timeout < 1) {
            nuvshError(ctl, "%s", "invalid timeout");
            return false;
        }
        if ((timer = virEventAddTimeout(timeout * 1000, nuvshEventTimeoutCb,
                                        &timedout, NULL)) < 0)
            return false;
    }

    sa.sa_handler = nuvshEventSigint;
    sigaction(SIGINT, &sa, &old);
    nuvshEventInterrupted = 0;
    fflush(stdout);

    while (!timedout && !nuvshEventInterrupted && (loop || *count == 0)) {
        if (virEventRunDefaultImpl() < 0)
            break;
        fflush(stdout);
    }

    sigaction(SIGINT, &old, NULL);
    if (timer >= 0)
        virEventRemoveTimeout(timer);

    if (timedout)
        nuvshPrint(ctl, "%s\n", "event loop timed out");
    else if (nuvshEventInterrupted)
        nuvshPrint(ctl, "%s\n", "event loop interrupted");
    nuvshPrint(ctl, "events received: %d\n", *count);
    return *count > 0 || !timedout;
}


/* ---- domain events --------------------------------------------------- */

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    int count;
} nuvshDomainEventData;


static const char *const nuvshLifecycleEvents[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};

static const char *const *const nuvshLifecycleDetails[] = {
    (const char *const[]) { "Added", "Updated", "Renamed", "Snapshot", NULL },
    (const char *const[]) { "Removed", "Renamed", NULL },
    (const char *const[]) { "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup",
                            NULL },
    (const char *const[]) { "Paused", "Migrated", "I/O Error", "Watchdog", "Restored",
                            "Snapshot", "API error", "Post-copy", "Post-copy Error", NULL },
    (const char *const[]) { "Unpaused", "Migrated", "Snapshot", "Post-copy",
                            "Post-copy Error", NULL },
    (const char *const[]) { "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved",
                            "Failed", "Snapshot", NULL },
    (const char *const[]) { "Finished", "Finished after guest request",
                            "Finished after host request", NULL },
    (const char *const[]) { "Memory", "Disk", NULL },
    (const char *const[]) { "Panicked", "Crashloaded", NULL },
};


static const char *
nuvshPick(const char *const *names,
          int n,
          int idx)
{
    return idx >= 0 && idx < n && names[idx] ? names[idx] : "unknown";
}


static const char *
nuvshLifecycleDetail(int event,
                     int detail)
{
    const char *const *details;
    int i;

    if (event < 0 || event >= (int) G_N_ELEMENTS(nuvshLifecycleDetails))
        return "unknown";
    details = nuvshLifecycleDetails[event];
    for (i = 0; details[i]; i++) {
        if (i == detail)
            return details[i];
    }
    return "unknown";
}


static int
nuvshEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                    virDomainPtr dom,
                    int event,
                    int detail,
                    void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'lifecycle' for domain '%s': %s %s\n",
               virDomainGetName(dom),
               nuvshPick(nuvshLifecycleEvents, G_N_ELEMENTS(nuvshLifecycleEvents), event),
               nuvshLifecycleDetail(event, detail));
    data->count++;
    return 0;
}


static void
nuvshEventGeneric(virConnectPtr conn G_GNUC_UNUSED,
                  virDomainPtr dom,
                  void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'reboot' for domain '%s'\n", virDomainGetName(dom));
    data->count++;
}


static void
nuvshEventRTCChange(virConnectPtr conn G_GNUC_UNUSED,
                    virDomainPtr dom,
                    long long offset,
                    void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'rtc-change' for domain '%s': %lld\n",
               virDomainGetName(dom), offset);
    data->count++;
}


static void
nuvshEventWatchdog(virConnectPtr conn G_GNUC_UNUSED,
                   virDomainPtr dom,
                   int action,
                   void *opaque)
{
    static const char *const actions[] = {
        "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
    };
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'watchdog' for domain '%s': %s\n", virDomainGetName(dom),
               nuvshPick(actions, G_N_ELEMENTS(actions), action));
    data->count++;
}


static void
nuvshEventControlError(virConnectPtr conn G_GNUC_UNUSED,
                       virDomainPtr dom,
                       void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'control-error' for domain '%s'\n", virDomainGetName(dom));
    data->count++;
}


static void
nuvshEventDeviceAdded(virConnectPtr conn G_GNUC_UNUSED,
                      virDomainPtr dom,
                      const char *alias,
                      void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'device-added' for domain '%s': %s\n",
               virDomainGetName(dom), alias);
    data->count++;
}


static void
nuvshEventDeviceRemoved(virConnectPtr conn G_GNUC_UNUSED,
                        virDomainPtr dom,
                        const char *alias,
                        void *opaque)
{
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'device-removed' for domain '%s': %s\n",
               virDomainGetName(dom), alias);
    data->count++;
}


static void
nuvshEventMetadataChange(virConnectPtr conn G_GNUC_UNUSED,
                         virDomainPtr dom,
                         int type,
                         const char *nsuri,
                         void *opaque)
{
    static const char *const types[] = { "description", "title", "element" };
    nuvshDomainEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'metadata-change' for domain '%s': type %s, uri %s\n",
               virDomainGetName(dom), nuvshPick(types, G_N_ELEMENTS(types), type),
               nsuri ? nsuri : "n/a");
    data->count++;
}


/* Every domain event virsh knows, by name; a NULL callback is one nuvsh
 * cannot print yet, and asking for it says so. */
static const struct {
    const char *name;
    virConnectDomainEventGenericCallback cb;
} nuvshDomainEvents[] = {
    { "lifecycle", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventLifecycle) },
    { "reboot", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventGeneric) },
    { "rtc-change", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventRTCChange) },
    { "watchdog", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventWatchdog) },
    { "io-error", NULL },
    { "graphics", NULL },
    { "io-error-reason", NULL },
    { "control-error", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventControlError) },
    { "block-job", NULL },
    { "disk-change", NULL },
    { "tray-change", NULL },
    { "pm-wakeup", NULL },
    { "pm-suspend", NULL },
    { "balloon-change", NULL },
    { "pm-suspend-disk", NULL },
    { "device-removed", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventDeviceRemoved) },
    { "block-job-2", NULL },
    { "tunable", NULL },
    { "agent-lifecycle", NULL },
    { "device-added", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventDeviceAdded) },
    { "migration-iteration", NULL },
    { "job-completed", NULL },
    { "device-removal-failed", NULL },
    { "metadata-change", NUVSH_CB(virConnectDomainEventGenericCallback, nuvshEventMetadataChange) },
    { "block-threshold", NULL },
    { "memory-failure", NULL },
    { "memory-device-size-change", NULL },
};

G_STATIC_ASSERT(G_N_ELEMENTS(nuvshDomainEvents) == VIR_DOMAIN_EVENT_ID_LAST);


static const nuvshCmdOptDef opts_event[] = {
    { "domain", NUVSH_OT_STRING, 0, "domain name, id or UUID" },
    { "event", NUVSH_OT_STRING, 0, "which event to wait for" },
    { "all", NUVSH_OT_BOOL, 0, "include inactive objects as well as active ones" },
    { "loop", NUVSH_OT_BOOL, 0,
      "keep waiting for more events instead of stopping after the first" },
    { "timeout", NUVSH_OT_INT, 0, "give up after this many seconds" },
    { "list", NUVSH_OT_BOOL, 0, "list the known event names" },
    { "timestamp", NUVSH_OT_BOOL, 0, "print the time before each event" },
    { NULL },
};

static bool
cmdEvent(nuvshControl *ctl,
         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(int));
    nuvshDomainEventData data = { ctl, cmd, 0 };
    const char *eventname = NULL;
    bool all = nuvshCommandOptBool(cmd, "all");
    bool ret;
    size_t i;

    if (nuvshCommandOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(nuvshDomainEvents); i++)
            nuvshPrint(ctl, "%s\n", nuvshDomainEvents[i].name);
        return true;
    }

    if (nuvshCommandOptStringReq(ctl, cmd, "event", &eventname) < 0)
        return false;
    if (!eventname && !all) {
        nuvshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return false;
    }
    if (eventname && all) {
        nuvshError(ctl, "%s", "Options --event and --all are mutually exclusive");
        return false;
    }

    for (i = 0; i < G_N_ELEMENTS(nuvshDomainEvents); i++) {
        if (all ? nuvshDomainEvents[i].cb != NULL
                : g_str_equal(eventname, nuvshDomainEvents[i].name))
            break;
    }
    if (i == G_N_ELEMENTS(nuvshDomainEvents)) {
        nuvshError(ctl, "unknown event type %s", eventname);
        return false;
    }
    if (!all && !nuvshDomainEvents[i].cb) {
        nuvshError(ctl, "printing '%s' events is not supported by nuvsh yet", eventname);
        return false;
    }

    if (nuvshCommandOptString(cmd, "domain") &&
        !(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    for (; i < G_N_ELEMENTS(nuvshDomainEvents); i++) {
        int id;

        if (!nuvshDomainEvents[i].cb ||
            (!all && !g_str_equal(eventname, nuvshDomainEvents[i].name)))
            continue;
        if ((id = virConnectDomainEventRegisterAny(ctl->conn, dom, i,
                                                   nuvshDomainEvents[i].cb,
                                                   &data, NULL)) < 0)
            goto cleanup;
        g_array_append_val(ids, id);
        if (!all)
            break;
    }

    ret = nuvshEventWait(ctl, cmd, &data.count);

    for (i = 0; i < ids->len; i++)
        virConnectDomainEventDeregisterAny(ctl->conn, g_array_index(ids, int, i));
    return ret;

 cleanup:
    for (i = 0; i < ids->len; i++)
        virConnectDomainEventDeregisterAny(ctl->conn, g_array_index(ids, int, i));
    return false;
}


const nuvshCmdDef nuvshDomainEventCmds[] = {
    { "event", cmdEvent, opts_event,
      "wait for domain events and print them",
      "" },
    { NULL },
};
