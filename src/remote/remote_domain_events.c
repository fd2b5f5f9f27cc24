/*
 * remote_domain_events.c: domain event messages from the daemon, decoded
 * into local events that run the application's callbacks on its event
 * loop (registration is in remote_driver.c).
 *
 * The decoded body travels with the event: each kind's call function
 * (generated into remote_client_events.c from src/api/libvirt.api's
 * callback signatures, or written here) hands its fields to the callback.
 * Written here: lifecycle, which the old registration form's callbacks
 * also hear, and graphics, whose callback takes structures.
 */
#include <stddef.h>

#include "remote/remote_driver.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static void
remoteDomainEventCallGraphics(void (*fn)(void), virConnectPtr conn, void *dom, void *body,
                              void *opaque)
{
    const nuvRemoteDomainEventGraphicsMsg *m = &((nuvRemoteDomainEventCallbackGraphicsMsg *)body)->msg;
    virDomainEventGraphicsAddress local = { m->local.family, m->local.node, m->local.service };
    virDomainEventGraphicsAddress remote = { m->remote.family, m->remote.node,
                                             m->remote.service };
    g_autofree virDomainEventGraphicsSubjectIdentity *ids =
        g_new0(virDomainEventGraphicsSubjectIdentity, m->subject.n + 1);
    virDomainEventGraphicsSubject subject = { (int)m->subject.n, ids };

    for (uint32_t i = 0; i < m->subject.n; i++) {
        ids[i].type = m->subject.v[i].type;
        ids[i].name = m->subject.v[i].name;
    }
    ((virConnectDomainEventGraphicsCallback) fn)(conn, dom, m->phase, &local, &remote,
                                                 m->authScheme, &subject, opaque);
}

static const remoteDomainEventRecv remoteDomainEventHandRecvs[] = {
    { NUV_REMOTE_PROC_DOMAIN_EVENT_CALLBACK_GRAPHICS, VIR_DOMAIN_EVENT_ID_GRAPHICS,
      nuvRemoteDomainEventCallbackGraphicsMsgFilter,
      sizeof(nuvRemoteDomainEventCallbackGraphicsMsg),
      offsetof(nuvRemoteDomainEventCallbackGraphicsMsg, msg.dom),
      remoteDomainEventCallGraphics },
    { 0 }
};

static const remoteDomainEventRecv *
remoteDomainEventRecvFind(int proc, int eventID)
{
    const remoteDomainEventRecv *tables[] = { remoteDomainEventRecvs,
                                              remoteDomainEventHandRecvs };

    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const remoteDomainEventRecv *r = tables[t]; r->proc; r++) {
            if (r->proc == proc || (proc < 0 && r->eventID == eventID))
                return r;
        }
    }
    return NULL;
}

bool
remoteDomainEventReceivable(int eventID)
{
    return eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE ||
           remoteDomainEventRecvFind(-1, eventID) != NULL;
}

/* The decoded body of one message, and how to free it. */
typedef struct {
    const remoteDomainEventRecv *recv;
    void *body;
} remoteDomainEventBody;

static void
remoteDomainEventBodyFree(void *opaque)
{
    remoteDomainEventBody *b = opaque;

    nuvXdrFreeObj(b->recv->filter, b->body);
    g_free(b->body);
    g_free(b);
}

static void
remoteDomainEventBodyCall(void (*fn)(void), virConnectPtr conn, void *dom, void *payload,
                          void *opaque)
{
    remoteDomainEventBody *b = payload;

    b->recv->call(fn, conn, dom, b->body, opaque);
}

nuvEvent *
remoteDomainEventFromMessage(nuvRpcMessage *msg)
{
    const remoteDomainEventRecv *r;
    remoteDomainEventBody *b;
    const nuvRemoteDomain *dom;

    if (msg->header.prog != NUV_REMOTE_PROGRAM)
        return NULL;
    if (msg->header.proc == NUV_REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        nuvRemoteDomainEventCallbackLifecycleMsg m = { 0 };
        nuvEvent *ev = NULL;

        if (nuvRpcMessageDecodeBody(msg, nuvRemoteDomainEventCallbackLifecycleMsgFilter,
                                    &m) == 0)
            ev = nuvDomainEventLifecycleNew(m.msg.dom.name, m.msg.dom.uuid, m.msg.dom.id,
                                            m.msg.event, m.msg.detail);
        nuvXdrFreeObj(nuvRemoteDomainEventCallbackLifecycleMsgFilter, &m);
        return ev;
    }
    if (!(r = remoteDomainEventRecvFind(msg->header.proc, -1)))
        return NULL;
    b = g_new0(remoteDomainEventBody, 1);
    b->recv = r;
    b->body = g_malloc0(r->size);
    if (nuvRpcMessageDecodeBody(msg, r->filter, b->body) < 0) {
        NUV_DEBUG("dropping event procedure %d: %s", msg->header.proc,
                  nuvErrorCurrent()->message);
        remoteDomainEventBodyFree(b);
        return NULL;
    }
    dom = (const nuvRemoteDomain *)((const char *)b->body + r->domOffset);
    return nuvDomainEventPayloadNew(r->eventID, dom->name, dom->uuid, dom->id,
                                    remoteDomainEventBodyCall, b, remoteDomainEventBodyFree);
}
