/*
 * nuvsh-domain-input.c: commands that hand something to a running
 * domain: key presses, file descriptors, a launch secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* ---- send-key --------------------------------------------------------- */

/* VIR_KEYCODE_SET_* by their names, in the enum's order; "rfb" is the old
 * name of qnum. */
static const char *const nuvshKeycodeSets[] = {
    "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb",
    "win32", "qnum",
};

/* Linux input event codes by name (linux/input-event-codes.h), the names
 * the default codeset accepts besides plain numbers. */
static const struct {
    const char *name;
    unsigned int code;
} nuvshLinuxKeys[] = {
    { "KEY_ESC", 1 }, { "KEY_1", 2 }, { "KEY_2", 3 }, { "KEY_3", 4 }, { "KEY_4", 5 },
    { "KEY_5", 6 }, { "KEY_6", 7 }, { "KEY_7", 8 }, { "KEY_8", 9 }, { "KEY_9", 10 },
    { "KEY_0", 11 }, { "KEY_MINUS", 12 }, { "KEY_EQUAL", 13 }, { "KEY_BACKSPACE", 14 },
    { "KEY_TAB", 15 }, { "KEY_Q", 16 }, { "KEY_W", 17 }, { "KEY_E", 18 }, { "KEY_R", 19 },
    { "KEY_T", 20 }, { "KEY_Y", 21 }, { "KEY_U", 22 }, { "KEY_I", 23 }, { "KEY_O", 24 },
    { "KEY_P", 25 }, { "KEY_LEFTBRACE", 26 }, { "KEY_RIGHTBRACE", 27 }, { "KEY_ENTER", 28 },
    { "KEY_LEFTCTRL", 29 }, { "KEY_A", 30 }, { "KEY_S", 31 }, { "KEY_D", 32 },
    { "KEY_F", 33 }, { "KEY_G", 34 }, { "KEY_H", 35 }, { "KEY_J", 36 }, { "KEY_K", 37 },
    { "KEY_L", 38 }, { "KEY_SEMICOLON", 39 }, { "KEY_APOSTROPHE", 40 }, { "KEY_GRAVE", 41 },
    { "KEY_LEFTSHIFT", 42 }, { "KEY_BACKSLASH", 43 }, { "KEY_Z", 44 }, { "KEY_X", 45 },
    { "KEY_C", 46 }, { "KEY_V", 47 }, { "KEY_B", 48 }, { "KEY_N", 49 }, { "KEY_M", 50 },
    { "KEY_COMMA", 51 }, { "KEY_DOT", 52 }, { "KEY_SLASH", 53 }, { "KEY_RIGHTSHIFT", 54 },
    { "KEY_KPASTERISK", 55 }, { "KEY_LEFTALT", 56 }, { "KEY_SPACE", 57 },
    { "KEY_CAPSLOCK", 58 }, { "KEY_F1", 59 }, { "KEY_F2", 60 }, { "KEY_F3", 61 },
    { "KEY_F4", 62 }, { "KEY_F5", 63 }, { "KEY_F6", 64 }, { "KEY_F7", 65 }, { "KEY_F8", 66 },
    { "KEY_F9", 67 }, { "KEY_F10", 68 }, { "KEY_NUMLOCK", 69 }, { "KEY_SCROLLLOCK", 70 },
    { "KEY_KP7", 71 }, { "KEY_KP8", 72 }, { "KEY_KP9", 73 }, { "KEY_KPMINUS", 74 },
    { "KEY_KP4", 75 }, { "KEY_KP5", 76 }, { "KEY_KP6", 77 }, { "KEY_KPPLUS", 78 },
    { "KEY_KP1", 79 }, { "KEY_KP2", 80 }, { "KEY_KP3", 81 }, { "KEY_KP0", 82 },
    { "KEY_KPDOT", 83 }, { "KEY_F11", 87 }, { "KEY_F12", 88 }, { "KEY_KPENTER", 96 },
    { "KEY_RIGHTCTRL", 97 }, { "KEY_KPSLASH", 98 }, { "KEY_SYSRQ", 99 },
    { "KEY_RIGHTALT", 100 }, { "KEY_HOME", 102 }, { "KEY_UP", 103 }, { "KEY_PAGEUP", 104 },
    { "KEY_LEFT", 105 }, { "KEY_RIGHT", 106 }, { "KEY_END", 107 }, { "KEY_DOWN", 108 },
    { "KEY_PAGEDOWN", 109 }, { "KEY_INSERT", 110 }, { "KEY_DELETE", 111 },
    { "KEY_POWER", 116 }, { "KEY_PAUSE", 119 }, { "KEY_LEFTMETA", 125 },
    { "KEY_RIGHTMETA", 126 }, { "KEY_COMPOSE", 127 },
};


/* A key given as a number (decimal, 0x hex or 0 octal) up to 0xffff, or
 * by name in the linux codeset; -1 when it is neither. */
static int
nuvshKeycode(int codeset,
             const char *word)
{
    char *end = NULL;
    unsigned long val;
    size_t i;

    errno = 0;
    val = strtoul(word, &end, 0);
    if (*word && *word != '-' && end != word && !*end && errno == 0 && val <= 0xffff)
        return val;
    if (codeset != VIR_KEYCODE_SET_LINUX)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(nuvshLinuxKeys); i++) {
        if (strcmp(nuvshLinuxKeys[i].name, word) == 0)
            return nuvshLinuxKeys[i].code;
    }
    return -1;
}


static const nuvshCmdOptDef opts_send_key[] = {
    NUVSH_OPT_DOMAIN,
    { "codeset", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "the keycodes' codeset (default linux)" },
    { "holdtime", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT, "how long to hold the keys, in milliseconds" },
    { "keycode", NUVSH_OT_ARGV, NUVSH_OFLAG_REQUIRED, "keys pressed together, by number or name" },
    { NULL },
};

static bool
cmdSendKey(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) keys = NULL;
    const char *codeset_name = "linux";
    unsigned int keycodes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    int holdtime = 0;
    int codeset = -1;
    size_t i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "codeset", &codeset_name) < 0 ||
        nuvshCommandOptInt(ctl, cmd, "holdtime", &holdtime) < 0)
        return false;
    if (!codeset_name)
        codeset_name = "linux";
    if (strcmp(codeset_name, "rfb") == 0)
        codeset_name = "qnum";
    for (i = 0; i < G_N_ELEMENTS(nuvshKeycodeSets); i++) {
        if (strcmp(nuvshKeycodeSets[i], codeset_name) == 0)
            codeset = i;
    }
    if (codeset < 0) {
        nuvshError(ctl, "unknown codeset: '%s'", codeset_name);
        return false;
    }

    keys = nuvshCommandOptArgv(cmd, "keycode");
    for (i = 0; i < keys->len; i++) {
        const char *word = g_ptr_array_index(keys, i);
        int code;

        if (i == VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
            nuvshError(ctl, "%s", "too many keycodes");
            return false;
        }
        if ((code = nuvshKeycode(codeset, word)) < 0) {
            nuvshError(ctl, "invalid keycode: '%s'", word);
            return false;
        }
        keycodes[i] = code;
    }
    return virDomainSendKey(dom, codeset, holdtime, keycodes, keys->len, 0) == 0;
}


/* ---- dom-fd-associate ------------------------------------------------- */

static const nuvshCmdOptDef opts_dom_fd_associate[] = {
    NUVSH_OPT_DOMAIN,
    { "name", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the descriptor group" },
    { "pass-fds", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "descriptors to pass, as N,M,..." },
    { "seclabel-writable", NUVSH_OT_BOOL, 0, "label the descriptors for writing" },
    { "seclabel-restore", NUVSH_OT_BOOL, 0, "restore the descriptors' labels after use" },
    { NULL },
};

static bool
cmdDomFDAssociate(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree int *fds = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    size_t nfds = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "name", &name) < 0)
        return false;
    if (!nuvshPassFds(ctl, cmd, &fds, &nfds))
        return false;
    if (nuvshCommandOptBool(cmd, "seclabel-writable"))
        flags |= VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE;
    if (nuvshCommandOptBool(cmd, "seclabel-restore"))
        flags |= VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE;

    return virDomainFDAssociate(dom, name, nfds, fds, flags) == 0;
}


/* ---- domsetlaunchsecstate --------------------------------------------- */

static const nuvshCmdOptDef opts_domsetlaunchsecstate[] = {
    NUVSH_OPT_DOMAIN,
    { "secrethdr", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "file with the secret's header" },
    { "secret", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "file with the secret" },
    { "set-address", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT,
      "guest physical address to put the secret at" },
    { NULL },
};

static bool
cmdDomSetLaunchSecState(nuvshControl *ctl,
                        const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *hdr = NULL;
    g_autofree char *secret = NULL;
    g_autofree char *hdr64 = NULL;
    g_autofree char *secret64 = NULL;
    virTypedParameterPtr params = NULL;
    const char *hdrfile = NULL;
    const char *secretfile = NULL;
    unsigned long long addr = 0;
    int nparams = 0;
    int maxparams = 0;
    int has_addr;
    bool ret = false;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "secrethdr", &hdrfile) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "secret", &secretfile) < 0 ||
        (has_addr = nuvshCommandOptULL(ctl, cmd, "set-address", &addr)) < 0)
        return false;
    if (!hdrfile || !secretfile) {
        nuvshError(ctl, "%s", "Both secret and the secret header are required");
        return false;
    }
    if (!(hdr = nuvshReadFile(ctl, hdrfile)) || !(secret = nuvshReadFile(ctl, secretfile)))
        return false;

    hdr64 = g_base64_encode((const guchar *) hdr, strlen(hdr));
    secret64 = g_base64_encode((const guchar *) secret, strlen(secret));
    virTypedParamsAddString(&params, &nparams, &maxparams,
                            VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER, hdr64);
    virTypedParamsAddString(&params, &nparams, &maxparams,
                            VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET, secret64);
    if (has_addr)
        virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS, addr);

    if (virDomainSetLaunchSecurityState(dom, params, nparams, 0) != 0)
        nuvshError(ctl, "%s", "Unable to set launch security state");
    else
        ret = true;
    virTypedParamsFree(params, nparams);
    return ret;
}


const nuvshCmdDef nuvshDomainInputCmds[] = {
    { "send-key", cmdSendKey, opts_send_key,
      "press keys in the guest",
      "Sends the given keys to the guest as if typed together.",
      0, NULL },
    { "dom-fd-associate", cmdDomFDAssociate, opts_dom_fd_associate,
      "hand file descriptors to the domain under a group name",
      "Passes this shell's descriptors to the hypervisor for the domain to use.",
      0, NULL },
    { "domsetlaunchsecstate", cmdDomSetLaunchSecState, opts_domsetlaunchsecstate,
      "put a secret into a launch-secured guest's memory",
      "Injects a secret and its header (files) into a SEV guest before it runs.",
      0, NULL },
    { NULL },
};
