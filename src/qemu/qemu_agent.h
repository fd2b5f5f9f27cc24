/*
 * qemu_agent.h: commands to the QEMU guest agent in the guest.
 */
#pragma once

#include "conf/domain_obj.h"

/* virDomainQemuAgentCommand for @obj (locked, running, in a job; the lock
 * is dropped while the agent is waited for): the agent's whole reply.
 * No agent channel: VIR_ERR_ARGUMENT_UNSUPPORTED; an agent the guest has
 * not opened, or one that does not answer within @timeout seconds
 * (VIR_DOMAIN_QEMU_AGENT_COMMAND_*): VIR_ERR_AGENT_UNRESPONSIVE. */
char *qemuAgentCommand(nuvDomainObj *obj, const char *cmd, int timeout);
