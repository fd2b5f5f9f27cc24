/*
 * nwfilter_def.c: network filter and filter binding XML.
 *
 * The documents are read and written by the schema engine (nwfilter.schema,
 * nwfilterbinding.schema); this file rewrites the tree to what libvirt
 * keeps.  The schema gives every rule attribute its value type; the
 * types' check functions are here (nuvNWFilterValue*): a value is tried
 * against the type's forms in libvirt's order (decimal before
 * hexadecimal, numbers before names), and kept as the text libvirt writes
 * for it: "0x1f" stays hexadecimal, masks become prefix lengths, names of
 * well-known numbers are spelled out.  What a protocol does beyond its
 * values (which attribute takes its match='no' from which, the port
 * check, the ipset fix-up) is protoTable's.
 */
#include <string.h>
#include <stdlib.h>
#include <errno.h>
#include <limits.h>
#include <arpa/inet.h>

#include "conf/nwfilter_def.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"
#include "conf/xnode.h"

#define VIR_FROM_THIS VIR_FROM_NWFILTER

extern const nuvXSElem nuvNWFilterSchema[];
extern const nuvXSElem nuvNWFilterBindingSchema[];

#define RULE_PRIORITY_MIN (-1000)
#define RULE_PRIORITY_MAX 1000
#define FILTER_PRIORITY_MIN (-1000)
#define FILTER_PRIORITY_MAX 1000
#define CHAIN_SUFFIX_MAX 12
#define COMMENT_MAX 256
#define IPSET_NAME_MAX 31

/* Value types, in the order libvirt tries them. */
enum {
    T_U16 = 1 << 0,
    T_U8 = 1 << 1,
    T_U16HEX = 1 << 2,
    T_U8HEX = 1 << 3,
    T_MAC = 1 << 4,
    T_MACMASK = 1 << 5,
    T_IP = 1 << 6,
    T_IPMASK = 1 << 7,
    T_STRING = 1 << 8,
    T_IP6 = 1 << 9,
    T_IP6MASK = 1 << 10,
    T_COMMENT = 1 << 11,
    T_BOOL = 1 << 12,
    T_U32 = 1 << 13,
    T_U32HEX = 1 << 14,
    T_IPSET = 1 << 15,
    T_IPSETFLAGS = 1 << 16,
    T_LAST = 1 << 17,
};

/* Checks beyond the plain type, and their own output form. */
typedef enum {
    V_NONE,
    V_ETHERTYPE,        /* mac protocolid: name or number >= 0x600 */
    V_VLANENCAP,        /* vlan encap-protocol: name or number >= 0x3c */
    V_VLANID,           /* 0..4095 */
    V_ARPOPCODE,
    V_IPPROTO,
    V_DSCP,             /* 0..63 */
    V_STATE,
    V_TCPFLAGS,
} attrCheck;

#define U8 (T_U8 | T_U8HEX)
#define U16 (T_U16 | T_U16HEX)
#define U32 (T_U32 | T_U32HEX)

typedef enum {
    P_ETHER,        /* no ipset fix-up, no port check */
    P_L3,           /* <ip>/<ipv6>: port check, ipset fix-up */
    P_IP,           /* layer 4 over IP: ipset fix-up */
    P_ALL,          /* <all>, <all-ipv6>: no ipset fix-up */
} protoKind;

typedef struct {
    const char *name;
    protoKind kind;
    const char *label;      /* in the port check message */
} protoDesc;

/* libvirt's protocols (the schema's rule children). */
static const protoDesc protoTable[] = {
    { "arp", P_ETHER, NULL },
    { "rarp", P_ETHER, NULL },
    { "mac", P_ETHER, NULL },
    { "vlan", P_ETHER, NULL },
    { "stp", P_ETHER, NULL },
    { "ip", P_L3, "IP" },
    { "ipv6", P_L3, "IPv6" },
    { "tcp", P_IP, NULL },
    { "udp", P_IP, NULL },
    { "udplite", P_IP, NULL },
    { "esp", P_IP, NULL },
    { "ah", P_IP, NULL },
    { "sctp", P_IP, NULL },
    { "icmp", P_IP, NULL },
    { "all", P_ALL, NULL },
    { "igmp", P_IP, NULL },
    { "tcp-ipv6", P_IP, NULL },
    { "udp-ipv6", P_IP, NULL },
    { "udplite-ipv6", P_IP, NULL },
    { "esp-ipv6", P_IP, NULL },
    { "ah-ipv6", P_IP, NULL },
    { "sctp-ipv6", P_IP, NULL },
    { "icmpv6", P_IP, NULL },
    { "all-ipv6", P_ALL, NULL },
};

static const char *const chainPrefixes[] = {
    "root", "mac", "vlan", "stp", "arp", "rarp", "ipv4", "ipv6",
};

typedef struct {
    int value;
    const char *name;
} numName;

static const numName etherTypes[] = {
    { 0x0806, "arp" }, { 0x8035, "rarp" }, { 0x0800, "ipv4" }, { 0x86dd, "ipv6" },
    { 0x8100, "vlan" }, { 0, NULL },
};
static const numName arpOpcodes[] = {
    { 1, "Request" }, { 2, "Reply" }, { 3, "Request_Reverse" }, { 4, "Reply_Reverse" },
    { 5, "DRARP_Request" }, { 6, "DRARP_Reply" }, { 7, "DRARP_Error" },
    { 8, "InARP_Request" }, { 9, "ARP_NAK" }, { 0, NULL },
};
static const numName ipProtocols[] = {
    { 1, "icmp" }, { 2, "igmp" }, { 6, "tcp" }, { 17, "udp" }, { 136, "udplite" },
    { 50, "esp" }, { 51, "ah" }, { 58, "icmpv6" }, { 132, "sctp" }, { 0, NULL },
};
static const numName stateNames[] = {
    { 1 << 0, "NEW" }, { 1 << 1, "ESTABLISHED" }, { 1 << 2, "RELATED" },
    { 1 << 3, "INVALID" }, { 1 << 4, "NONE" }, { 0, NULL },
};
static const numName tcpFlagNames[] = {
    { 0x1, "FIN" }, { 0x2, "SYN" }, { 0x4, "RST" }, { 0x8, "PSH" }, { 0x10, "ACK" },
    { 0x20, "URG" }, { 0x3f, "ALL" }, { 0x0, "NONE" }, { 0, NULL },
};
static const struct {
    const char *prefix;
    int priority;
} chainPriorities[] = {
    { "root", 0 }, { "mac", -800 }, { "vlan", -750 }, { "ipv4", -700 },
    { "ipv6", -600 }, { "arp", -500 }, { "rarp", -400 },
};


void
nuvNWFilterDefFree(nuvNWFilterDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    nuvXNodeFree(def->tree);
    g_free(def);
}

static void
setNumber(nuvXNode *node, const char *attr, long long v)
{
    g_autofree char *s = g_strdup_printf("%lld", v);

    nuvXNodeSet(node, attr, s);
}

/* ---- value parsing ---- */

/* strtoul over the whole string in @base; no sign allowed. */
static bool
parseUInt(const char *s, int base, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;

    if (!*s || strchr(s, '-'))
        return false;
    errno = 0;
    v = strtoull(s, &end, base);
    if (errno || end == s || *end || v > max)
        return false;
    *out = v;
    return true;
}

static bool
parseMAC(const char *s, unsigned char mac[6])
{
    for (int i = 0; i < 6; i++) {
        char *end;
        unsigned long b;

        if (!g_ascii_isxdigit(*s))
            return false;
        b = strtoul(s, &end, 16);
        if (end - s > 2 || b > 0xff)
            return false;
        mac[i] = b;
        s = end;
        if (i < 5) {
            if (*s != ':' && *s != '-')
                return false;
            s++;
        }
    }
    return *s == '\0';
}

/* A run of ones followed by zeros; the number of ones, or -1. */
static int
maskBits(const unsigned char *bytes, int len)
{
    int bits = 0;
    bool zeros = false;

    for (int i = 0; i < len * 8; i++) {
        bool one = bytes[i / 8] & (0x80 >> (i % 8));
        if (one && zeros)
            return -1;
        if (one)
            bits++;
        else
            zeros = true;
    }
    return bits;
}

static int
lookupName(const numName *map, const char *name, bool nocase)
{
    for (size_t i = 0; map[i].name; i++) {
        if (nocase ? g_ascii_strcasecmp(map[i].name, name) == 0
                   : strcmp(map[i].name, name) == 0)
            return map[i].value;
    }
    return -1;
}

static const char *
lookupValue(const numName *map, int value)
{
    for (size_t i = 0; map[i].name; i++) {
        if (map[i].value == value)
            return map[i].name;
    }
    return NULL;
}

/* "NEW,ESTABLISHED" or "SYN,ACK": a comma list of names into a bit set. */
static bool
parseNameList(const numName *map, const char *s, int *out)
{
    g_auto(GStrv) items = g_strsplit(s, ",", -1);
    int bits = 0;

    for (size_t i = 0; items[i]; i++) {
        int v = lookupName(map, items[i], true);
        if (v < 0)
            return false;
        bits |= v;
    }
    *out = bits;
    return true;
}

static void
printBitNames(GString *buf, const numName *map, int bits)
{
    bool first = true;

    for (size_t i = 0; map[i].name; i++) {
        /* only the single-bit names: ALL and NONE are written whole */
        if (map[i].value == 0 || (map[i].value & (map[i].value - 1)))
            continue;
        if (bits & map[i].value) {
            if (!first)
                g_string_append_c(buf, ',');
            g_string_append(buf, map[i].name);
            first = false;
        }
    }
}

static void
printTCPFlags(GString *buf, int flags)
{
    if (flags == 0)
        g_string_append(buf, "NONE");
    else if (flags == 0x3f)
        g_string_append(buf, "ALL");
    else
        printBitNames(buf, tcpFlagNames, flags);
}

/* A variable reference: $NAME, $NAME[N] or $NAME[@N]. */
static bool
isVariable(const char *s)
{
    size_t n;

    if (*s++ != '$')
        return false;
    n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    if (n == 0)
        return false;
    s += n;
    if (!*s)
        return true;
    if (*s++ != '[')
        return false;
    if (*s == '@')
        s++;
    n = strspn(s, "0123456789");
    if (n == 0)
        return false;
    s += n;
    return strcmp(s, "]") == 0;
}

/* One value of one type: the text to write back, or NULL (no match). */
static char *
parseAs(unsigned int type, const char *s)
{
    unsigned long long v;
    unsigned char bytes[16];

    switch (type) {
    case T_U8:
        return parseUInt(s, 10, 0xff, &v) ? g_strdup_printf("%llu", v) : NULL;
    case T_U8HEX:
        return parseUInt(s, 16, 0xff, &v) ? g_strdup_printf("0x%llx", v) : NULL;
    case T_U16:
        return parseUInt(s, 10, 0xffff, &v) ? g_strdup_printf("%llu", v) : NULL;
    case T_U16HEX:
        return parseUInt(s, 16, 0xffff, &v) ? g_strdup_printf("0x%llx", v) : NULL;
    case T_U32:
        return parseUInt(s, 10, 0xffffffffULL, &v) ? g_strdup_printf("%llu", v) : NULL;
    case T_U32HEX:
        return parseUInt(s, 16, 0xffffffffULL, &v) ? g_strdup_printf("0x%llx", v) : NULL;
    case T_MAC:
    case T_MACMASK:
        if (!parseMAC(s, bytes) || (type == T_MACMASK && maskBits(bytes, 6) < 0))
            return NULL;
        return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                               bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
    case T_IP:
    case T_IP6: {
        char out[INET6_ADDRSTRLEN];
        int af = type == T_IP ? AF_INET : AF_INET6;
        /* IPv4 as libvirt's numeric getaddrinfo reads it: "10.1" too */
        if (af == AF_INET ? (strpbrk(s, " \t\n") || inet_aton(s, (struct in_addr *) bytes) != 1)
                          : inet_pton(af, s, bytes) != 1)
            return NULL;
        return g_strdup(inet_ntop(af, bytes, out, sizeof(out)));
    }
    case T_IPMASK:
    case T_IP6MASK: {
        int af = type == T_IPMASK ? AF_INET : AF_INET6;
        int len = type == T_IPMASK ? 4 : 16;
        int bits;
        if (parseUInt(s, 10, len * 8, &v))
            return g_strdup_printf("%llu", v);
        if (inet_pton(af, s, bytes) != 1 || (bits = maskBits(bytes, len)) < 0)
            return NULL;
        return g_strdup_printf("%d", bits);
    }
    case T_COMMENT:
        return g_strndup(s, COMMENT_MAX);
    case T_BOOL:
        return g_strdup(strcmp(s, "true") == 0 || strcmp(s, "1") == 0 ||
                        strcmp(s, "yes") == 0 ? "true" : "false");
    case T_IPSET:
        /* too long or with other characters: libvirt's own complaint is
         * replaced by the generic one, as libvirt's is */
        if (strlen(s) > IPSET_NAME_MAX ||
            s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789_.:-+ ")] != '\0')
            return NULL;
        return g_strdup(s);
    case T_IPSETFLAGS: {
        g_auto(GStrv) items = g_strsplit(s, ",", -1);
        GString *out = g_string_new(NULL);
        size_t n = g_strv_length(items);
        for (size_t i = 0; i < n; i++) {
            if (n > 6 || (g_ascii_strcasecmp(items[i], "src") != 0 &&
                          g_ascii_strcasecmp(items[i], "dst") != 0)) {
                g_string_free(out, TRUE);
                return NULL;
            }
            if (i)
                g_string_append_c(out, ',');
            g_string_append(out, g_ascii_strcasecmp(items[i], "src") == 0 ? "src" : "dst");
        }
        return g_string_free(out, FALSE);
    }
    default:
        return NULL;
    }
}

/* A number as written: its value, and whether it was hexadecimal. */
static long
numberOf(const char *text, bool *hex)
{
    *hex = g_str_has_prefix(text, "0x");
    return strtol(text, NULL, *hex ? 16 : 10);
}

/* Apply @check to the parsed @text (of @type; the raw input is @raw).
 * Returns the text to keep, or NULL when the value is refused. */
static char *
applyCheck(attrCheck check, unsigned int type, char *text, const char *raw)
{
    g_autofree char *owned = text;
    bool hex;
    long v;
    int bits;

    switch (check) {
    case V_NONE:
        return g_steal_pointer(&owned);
    case V_ETHERTYPE:
    case V_VLANENCAP: {
        const char *name;
        if (type == T_STRING) {
            if ((v = lookupName(etherTypes, raw, true)) < 0)
                return NULL;
            hex = false;
        } else {
            v = numberOf(text, &hex);
            if (v < (check == V_ETHERTYPE ? 0x600 : 0x3c))
                return NULL;
        }
        if ((name = lookupValue(etherTypes, v)))
            return g_strdup(name);
        return g_strdup_printf(hex || type == T_STRING ? "0x%lx" : "%ld", v);
    }
    case V_VLANID:
        v = numberOf(text, &hex);
        return v <= 4095 ? g_steal_pointer(&owned) : NULL;
    case V_DSCP:
        v = numberOf(text, &hex);
        return v <= 63 ? g_steal_pointer(&owned) : NULL;
    case V_ARPOPCODE:
    case V_IPPROTO: {
        const numName *map = check == V_ARPOPCODE ? arpOpcodes : ipProtocols;
        const char *name;
        if (type == T_STRING) {
            if ((v = lookupName(map, raw, check == V_ARPOPCODE)) < 0)
                return NULL;
            hex = false;
        } else {
            v = numberOf(text, &hex);
        }
        if ((name = lookupValue(map, v)))
            return g_strdup(name);
        return g_strdup_printf(hex ? "0x%lx" : "%ld", v);
    }
    case V_STATE: {
        GString *out;
        if (!parseNameList(stateNames, raw, &bits))
            return NULL;
        out = g_string_new(NULL);
        printBitNames(out, stateNames, bits);
        return g_string_free(out, FALSE);
    }
    case V_TCPFLAGS: {
        const char *sep = strchr(raw, '/');
        g_autofree char *mask = NULL;
        int m, f;
        GString *out;
        if (!sep)
            return NULL;
        mask = g_strndup(raw, sep - raw);
        if (!parseNameList(tcpFlagNames, mask, &m) || !parseNameList(tcpFlagNames, sep + 1, &f))
            return NULL;
        out = g_string_new(NULL);
        printTCPFlags(out, m & 0x3f);
        g_string_append_c(out, '/');
        printTCPFlags(out, f & 0x3f);
        return g_string_free(out, FALSE);
    }
    }
    return NULL;
}

/* @raw as one of @types, checked by @check: 0 with the text libvirt keeps
 * in *@out, or -1 when it is not valid. */
static int
nwValue(const char *raw, unsigned int types, attrCheck check, char **out)
{
    unsigned int left = types;

    if (raw[0] == '$') {
        if (!isVariable(raw))
            return -1;
        *out = g_strdup(raw);
        return 0;
    }
    for (unsigned int t = 1; t < T_LAST; t <<= 1) {
        char *text;
        if (!(left & t))
            continue;
        left &= ~t;
        text = t == T_STRING ? g_strdup(raw) : parseAs(t, raw);
        if (text) {
            /* the checks decide, with no fallback to another type */
            if (!(*out = applyCheck(check, t, text, raw)))
                return -1;
            return 0;
        }
    }
    return -1;
}

/* The check functions of nwfilter.schema's value types. */
#define NW_VALUE_TYPE(Name, Types, Check) \
    int nuvNWFilterValue##Name(const char *value, char **out); \
    int nuvNWFilterValue##Name(const char *value, char **out) \
    { \
        return nwValue(value, Types, Check, out); \
    }

NW_VALUE_TYPE(MAC, T_MAC, V_NONE)
NW_VALUE_TYPE(MACMask, T_MACMASK, V_NONE)
NW_VALUE_TYPE(IP, T_IP, V_NONE)
NW_VALUE_TYPE(IPMask, T_IPMASK, V_NONE)
NW_VALUE_TYPE(IP6, T_IP6, V_NONE)
NW_VALUE_TYPE(IP6Mask, T_IP6MASK, V_NONE)
NW_VALUE_TYPE(U8, U8, V_NONE)
NW_VALUE_TYPE(U16, U16, V_NONE)
NW_VALUE_TYPE(U16Dec, T_U16, V_NONE)
NW_VALUE_TYPE(U32, U32, V_NONE)
NW_VALUE_TYPE(EtherType, U16 | T_STRING, V_ETHERTYPE)
NW_VALUE_TYPE(VlanEncap, U16 | T_STRING, V_VLANENCAP)
NW_VALUE_TYPE(VlanID, U16, V_VLANID)
NW_VALUE_TYPE(ArpOpcode, U16 | T_STRING, V_ARPOPCODE)
NW_VALUE_TYPE(IPProto, T_STRING | U8, V_IPPROTO)
NW_VALUE_TYPE(DSCP, U8, V_DSCP)
NW_VALUE_TYPE(State, T_STRING, V_STATE)
NW_VALUE_TYPE(TCPFlags, T_STRING, V_TCPFLAGS)
NW_VALUE_TYPE(Comment, T_COMMENT, V_NONE)
NW_VALUE_TYPE(Bool, T_BOOL, V_NONE)
NW_VALUE_TYPE(IPSet, T_IPSET, V_NONE)
NW_VALUE_TYPE(IPSetFlags, T_IPSETFLAGS, V_NONE)

/* ---- rules ---- */

static int
protoIndex(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(protoTable); i++) {
        if (strcmp(protoTable[i].name, name) == 0)
            return i;
    }
    return -1;
}

/* One protocol's values while a rule is read: per attribute of its schema
 * entry (in output order, match first), the text libvirt keeps (NULL:
 * absent) and its match. */
typedef struct {
    int proto;
    const nuvXSElem *elem;
    char **vals;
    bool *neg;
} ruleValues;

static void
ruleValuesClear(ruleValues *rv)
{
    for (size_t i = 0; rv->vals && i < rv->elem->nattrs; i++)
        g_free(rv->vals[i]);
    g_free(rv->vals);
    g_free(rv->neg);
}

static int
attrIndex(const ruleValues *rv, const char *name, size_t len)
{
    for (size_t i = 0; i < rv->elem->nattrs; i++) {
        if (strlen(rv->elem->attrs[i].name) == len &&
            strncmp(rv->elem->attrs[i].name, name, len) == 0)
            return i;
    }
    return -1;
}

static const char *
valueOf(const ruleValues *rv, const char *name)
{
    int i = attrIndex(rv, name, strlen(name));

    return i < 0 ? NULL : rv->vals[i];
}

/* Read one protocol element's values (the schema checked them and gave
 * them libvirt's spelling) into @rv: a later element of the same protocol
 * overrides what an earlier one set, as in libvirt. */
static void
readProtoElement(ruleValues *rv, const nuvXNode *node)
{
    bool neg = g_strcmp0(nuvXNodeGet(node, "match"), "no") == 0;

    for (size_t i = 0; i < rv->elem->nattrs; i++) {
        if (!node->vals[i] || strcmp(rv->elem->attrs[i].name, "match") == 0)
            continue;
        g_free(rv->vals[i]);
        rv->vals[i] = g_strdup(node->vals[i]);
        rv->neg[i] = neg;
    }
}

static int
checkPorts(const ruleValues *rv)
{
    const protoDesc *p = &protoTable[rv->proto];
    const char *proto;
    static const char *const ports[] = {
        "srcportstart", "srcportend", "dstportstart", "dstportend",
    };
    bool any = false;
    int v;

    if (p->kind != P_L3)
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(ports); i++)
        any |= valueOf(rv, ports[i]) != NULL;
    if (!any)
        return 0;
    proto = valueOf(rv, "protocol");
    if (proto && proto[0] != '$') {
        bool hex;
        v = lookupName(ipProtocols, proto, false);
        if (v < 0)
            v = numberOf(proto, &hex);
        if (v == 6 || v == 17 || v == 33 || v == 132)
            return 0;
    } else if (proto) {
        /* a variable's value is only known when the filter is applied */
        return 0;
    }
    nuvReportError(VIR_ERR_INTERNAL_ERROR,
                   "%s rule with port specification requires protocol specification "
                   "with protocol to be either one of tcp(6), udp(17), dccp(33), or "
                   "sctp(132)", p->label);
    return -1;
}

/* The attribute whose match='no' attribute @i of @rv follows (a mask its
 * address's, the end of a range its start's), or -1 for its own: libvirt
 * states this per protocol attribute; its rules are these. */
static int
negSource(const ruleValues *rv, size_t i)
{
    static const char *const pairs[][2] = {
        { "srcmacmask", "srcmacaddr" }, { "dstmacmask", "dstmacaddr" },
        { "srcipmask", "srcipaddr" }, { "dstipmask", "dstipaddr" },
        { "srcipto", "srcipfrom" }, { "dstipto", "dstipfrom" },
        { "root-address-mask", "root-address" },
        { "sender-address-mask", "sender-address" },
        { "typeend", "type" }, { "code", "type" }, { "codeend", "type" },
    };
    const protoDesc *p = &protoTable[rv->proto];
    const char *name = rv->elem->attrs[i].name;
    size_t len = strlen(name);

    /* an ARP rule's masks and addresses each keep their own match */
    if (strcmp(p->name, "arp") == 0 || strcmp(p->name, "rarp") == 0)
        return -1;
    for (size_t j = 0; j < G_N_ELEMENTS(pairs); j++) {
        if (strcmp(pairs[j][0], name) == 0)
            return attrIndex(rv, pairs[j][1], strlen(pairs[j][1]));
    }
    /* the high end of an STP range follows its low end */
    if (len > 3 && g_str_has_suffix(name, "-hi"))
        return attrIndex(rv, name, len - 3);
    /* over IP, the source port start decides for every port */
    if (p->kind == P_IP && (strcmp(name, "srcportend") == 0 ||
                            strcmp(name, "dstportstart") == 0 ||
                            strcmp(name, "dstportend") == 0))
        return attrIndex(rv, "srcportstart", strlen("srcportstart"));
    return -1;
}

/* The fix-ups libvirt applies after reading a rule. */
static void
fixupRule(ruleValues *rv)
{
    const protoDesc *p = &protoTable[rv->proto];
    int set, flags;

    for (size_t i = 0; i < rv->elem->nattrs; i++) {
        int from = negSource(rv, i);
        if (from >= 0)
            rv->neg[i] = rv->vals[from] ? rv->neg[from] : false;
    }

    if (p->kind != P_L3 && p->kind != P_IP)
        return;
    set = attrIndex(rv, "ipset", strlen("ipset"));
    flags = attrIndex(rv, "ipsetflags", strlen("ipsetflags"));
    if (set < 0 || flags < 0)
        return;
    /* an ipset without flags matches on the source; flags alone mean nothing */
    if (rv->vals[set] && !rv->vals[flags]) {
        rv->vals[flags] = g_strdup("src");
        rv->neg[flags] = false;
    } else if (!rv->vals[set] && rv->vals[flags]) {
        g_clear_pointer(&rv->vals[flags], g_free);
    }
}

/* Write @rv back under @rule: attributes of one match share an element;
 * when the match changes, libvirt starts another element of the same
 * name.  A protocol with no value at all is one empty element. */
static void
writeProto(nuvXNode *rule, const ruleValues *rv)
{
    const protoDesc *p = &protoTable[rv->proto];
    nuvXNode *cur = NULL;
    int shown = 0;          /* 0 none yet, 1 positive, -1 negated */

    for (size_t i = 0; i < rv->elem->nattrs; i++) {
        int sign;

        if (!rv->vals[i])
            continue;
        sign = rv->neg[i] ? -1 : 1;
        if (!cur || shown != sign) {
            cur = nuvXNodeAddChild(rule, p->name);
            nuvXNodeSet(cur, "match", sign < 0 ? "no" : NULL);
            shown = sign;
        }
        nuvXNodeSet(cur, rv->elem->attrs[i].name, rv->vals[i]);
    }
    if (!cur)
        nuvXNodeAddChild(rule, p->name);
}

static int
rewriteRuleValues(nuvXNode *rule)
{
    ruleValues rv = { -1, NULL, NULL, NULL };
    int ret = -1;

    /* the schema keeps the elements of the rule's first protocol only */
    for (size_t i = 0; i < rule->children->len; i++) {
        const nuvXNode *c = g_ptr_array_index(rule->children, i);

        if (!rv.elem) {
            rv.proto = protoIndex(nuvXNodeName(c));
            rv.elem = &c->table[c->elem];
            rv.vals = g_new0(char *, rv.elem->nattrs);
            rv.neg = g_new0(bool, rv.elem->nattrs);
        }
        readProtoElement(&rv, c);
        if (checkPorts(&rv) < 0)
            goto cleanup;
    }
    if (!rv.elem)
        return 0;
    fixupRule(&rv);
    g_ptr_array_set_size(rule->children, 0);
    writeProto(rule, &rv);
    ret = 0;

 cleanup:
    ruleValuesClear(&rv);
    return ret;
}

static int
rewriteRule(nuvXNode *rule)
{
    const char *action = nuvXNodeGet(rule, "action");
    const char *direction = nuvXNodeGet(rule, "direction");
    const char *prio = nuvXNodeGet(rule, "priority");
    const char *statematch = nuvXNodeGet(rule, "statematch");
    long long priority = RULE_PRIORITY_MAX / 2;

    /* their words are checked by the schema */
    if (!action) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "rule node requires action attribute");
        return -1;
    }
    if (!direction) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "rule node requires direction attribute");
        return -1;
    }
    /* an unreadable or out-of-range priority silently keeps the default */
    if (prio) {
        char *end;
        long long p;
        errno = 0;
        p = strtoll(prio, &end, 10);
        if (!errno && end != prio && !*end && p >= RULE_PRIORITY_MIN && p <= RULE_PRIORITY_MAX)
            priority = p;
    }
    setNumber(rule, "priority", priority);
    nuvXNodeSet(rule, "statematch",
                statematch && (strcmp(statematch, "0") == 0 ||
                               g_ascii_strcasecmp(statematch, "false") == 0) ? "false" : NULL);
    return rewriteRuleValues(rule);
}

/* ---- filter references ---- */

static gint
paramCompare(gconstpointer a, gconstpointer b)
{
    const nuvXNode *x = *(nuvXNode *const *) a;
    const nuvXNode *y = *(nuvXNode *const *) b;

    return strcmp(nuvXNodeGet(x, "name"), nuvXNodeGet(y, "name"));
}

/* A <filterref>: its filter name required (@missing otherwise), its
 * parameters without a name or value dropped, the rest checked and
 * sorted by name. */
static int
rewriteRef(nuvXNode *ref, const char *missing)
{
    g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func((GDestroyNotify) nuvXNodeFree);

    if (!nuvXNodeGet(ref, "filter")) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", missing);
        return -1;
    }
    while (ref->children->len) {
        nuvXNode *p = g_ptr_array_index(ref->children, 0);
        const char *name = nuvXNodeGet(p, "name");

        nuvXNodeDetach(p);
        if (!name || !nuvXNodeGet(p, "value")) {
            nuvXNodeFree(p);
            continue;
        }
        g_ptr_array_add(params, p);
        if (!*name || name[strspn(name, "abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")]) {
            nuvReportError(VIR_ERR_INVALID_ARG, "invalid parameter name '%s'", name);
            return -1;
        }
    }
    g_ptr_array_sort(params, paramCompare);
    while (params->len)
        nuvXNodeInsert(ref, g_ptr_array_steal_index(params, 0));
    return 0;
}

/* ---- filters ---- */

static int
checkChain(const char *chain, int *defaultPriority)
{
    if (strlen(chain) > CHAIN_SUFFIX_MAX) {
        nuvReportError(VIR_ERR_INVALID_ARG, "Name of chain is longer than %u characters",
                       CHAIN_SUFFIX_MAX);
        return -1;
    }
    if (chain[strspn(chain, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-")]) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "Chain name contains invalid characters");
        return -1;
    }
    /* "root" is allowed as the whole name only, the others as prefixes */
    if (strcmp(chain, "root") == 0) {
        *defaultPriority = 0;
        return 0;
    }
    for (size_t i = 1; i < G_N_ELEMENTS(chainPrefixes) && !g_str_has_prefix(chain, "root"); i++) {
        if (!g_str_has_prefix(chain, chainPrefixes[i]))
            continue;
        *defaultPriority = (FILTER_PRIORITY_MAX + FILTER_PRIORITY_MIN) / 2;
        for (size_t j = 0; j < G_N_ELEMENTS(chainPriorities); j++) {
            if (strcmp(chainPriorities[j].prefix, chainPrefixes[i]) == 0)
                *defaultPriority = chainPriorities[j].priority;
        }
        return 0;
    }
    nuvReportError(VIR_ERR_INVALID_ARG,
                   "Invalid chain name '%s'. Please use a chain name called 'root' or any "
                   "of the following prefixes: mac, vlan, stp, arp, rarp, ipv4, ipv6", chain);
    return -1;
}

/* The filter's name, chain and priority as libvirt keeps them. */
static int
rewriteFilterAttrs(nuvNWFilterDef *def)
{
    const char *prio = nuvXNodeGet(def->tree, "priority");
    const char *chain = nuvXNodeGet(def->tree, "chain");
    long long priority = 0;
    int defPrio = 0;

    if (!(def->name = g_strdup(nuvXNodeGet(def->tree, "name")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter has no name");
        return -1;
    }
    if (prio) {
        char *end;
        errno = 0;
        priority = strtoll(prio, &end, 10);
        if (errno || end == prio || *end || priority < INT_MIN || priority > INT_MAX) {
            nuvReportError(VIR_ERR_INVALID_ARG, "Could not parse chain priority '%s'", prio);
            return -1;
        }
        if (priority < FILTER_PRIORITY_MIN || priority > FILTER_PRIORITY_MAX) {
            nuvReportError(VIR_ERR_INVALID_ARG, "Priority '%lld' is outside valid range of [%d,%d]",
                           priority, FILTER_PRIORITY_MIN, FILTER_PRIORITY_MAX);
            return -1;
        }
    }
    if (chain) {
        if (checkChain(chain, &defPrio) < 0)
            return -1;
        if (!prio)
            priority = defPrio;
    } else {
        /* without a chain libvirt drops the priority too */
        nuvXNodeSet(def->tree, "chain", "root");
        priority = 0;
    }
    if (priority)
        setNumber(def->tree, "priority", priority);
    else
        nuvXNodeSet(def->tree, "priority", NULL);
    return 0;
}

static int
rewriteFilter(nuvNWFilterDef *def)
{
    g_autofree char *uuid = NULL;
    nuvXNode *n;

    if (rewriteFilterAttrs(def) < 0)
        return -1;
    /* the first <uuid> with text is the one libvirt reads */
    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "uuid") && !uuid; i++) {
        n = nuvXNodeNthChild(def->tree, "uuid", i);
        if (n->text && *n->text)
            uuid = g_strdup(n->text);
    }
    nuvXNodeRemoveChildren(def->tree, "uuid");
    for (size_t i = 0; i < def->tree->children->len; i++) {
        n = g_ptr_array_index(def->tree->children, i);
        if (strcmp(nuvXNodeName(n), "rule") == 0 ? rewriteRule(n) < 0 :
            rewriteRef(n, "rule node requires action attribute") < 0)
            return -1;
    }
    if ((def->uuidSpecified = uuid != NULL)) {
        if (nuvUUIDParse(uuid, def->uuid) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "malformed uuid element");
            return -1;
        }
    } else {
        nuvUUIDGenerate(def->uuid);
    }
    /* written first, from def->uuid (the driver may give it another) */
    nuvXNodeInsertFirst(def->tree, nuvXNodeNew(def->tree->table,
                                               nuvXNodeChildElem(def->tree, "uuid")));
    return 0;
}

/* Read @xml, whose root must be @root, with @table.  Errors go to the
 * nwfilter domain; with VALIDATE content the table does not know is a
 * schema error. */
static nuvXNode *
readTree(const char *xml, const char *url, const char *root, const char *rootMsg,
         const nuvXSElem *table, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = nuvXMLParseString(xml, url, NULL);
    nuvXNode *tree;

    if (!doc) {
        nuvXNodeRetagError(VIR_FROM_NWFILTER, true);
        return NULL;
    }
    if (!xmlStrEqual(xmlDocGetRootElement(doc)->name, BAD_CAST root)) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", rootMsg);
        return NULL;
    }
    if (!(tree = nuvXNodeParse(table, 0, xmlDocGetRootElement(doc)))) {
        if (flags & NUV_NWFILTER_DEF_PARSE_VALIDATE)
            nuvXNodeReportSchemaError();
        else
            nuvXNodeRetagError(VIR_FROM_NWFILTER, true);
    }
    return tree;
}

/* VALIDATE: what libvirt's schema check says of values it refuses. */
static void
asSchemaError(unsigned int flags)
{
    if ((flags & NUV_NWFILTER_DEF_PARSE_VALIDATE) &&
        nuvErrorCurrentCode() == VIR_ERR_XML_ERROR)
        nuvXNodeReportSchemaError();
}

nuvNWFilterDef *
nuvNWFilterDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(nuvNWFilterDef) def = g_new0(nuvNWFilterDef, 1);

    if (!(def->tree = readTree(xml, "(nwfilter_definition)", "filter",
                               "unknown root element for nw filter", nuvNWFilterSchema, flags)))
        return NULL;
    if (rewriteFilter(def) < 0) {
        asSchemaError(flags);
        return NULL;
    }
    return g_steal_pointer(&def);
}

char *
nuvNWFilterDefFormat(const nuvNWFilterDef *def)
{
    g_autoptr(nuvXNode) tree = nuvXNodeCopy(def->tree);
    GString *buf = g_string_new(NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    nuvXNodeSetText(nuvXNodeChild(tree, "uuid"), nuvUUIDFormat(def->uuid, uuid));
    nuvXNodeFormat(tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}

GPtrArray *
nuvNWFilterDefRefs(const nuvNWFilterDef *def)
{
    GPtrArray *refs = g_ptr_array_new();

    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "filterref"); i++)
        g_ptr_array_add(refs, (char *) nuvXNodeGet(nuvXNodeNthChild(def->tree, "filterref", i),
                                                   "filter"));
    return refs;
}

/* ---- bindings ---- */

void
nuvNWFilterBindingDefFree(nuvNWFilterBindingDef *def)
{
    if (!def)
        return;
    g_free(def->ownerName);
    g_free(def->portdev);
    g_free(def->linkdev);
    g_free(def->filter);
    nuvXNodeFree(def->tree);
    g_free(def);
}

static int
rewriteBinding(nuvNWFilterBindingDef *def)
{
    nuvXNode *tree = def->tree;
    nuvXNode *owner = nuvXNodeChild(tree, "owner");
    const char *uuid, *mac;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    unsigned char bytes[6];
    nuvXNode *n;

    if (!(def->portdev = g_strdup(nuvXNodeGet(nuvXNodeChild(tree, "portdev"), "name")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no port dev name");
        return -1;
    }
    if ((n = nuvXNodeChild(tree, "linkdev")) && !(def->linkdev = g_strdup(nuvXNodeGet(n, "name")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no link dev name");
        return -1;
    }
    if (!(def->ownerName = g_strdup(nuvXNodeChildText(owner, "name")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no owner name");
        return -1;
    }
    if (!(uuid = nuvXNodeChildText(owner, "uuid"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no owner UUID");
        return -1;
    }
    if (!(mac = nuvXNodeGet(nuvXNodeChild(tree, "mac"), "address"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no MAC address");
        return -1;
    }
    /* the schema has checked both (nwfilterbinding.schema): read them */
    if (nuvUUIDParse(uuid, def->ownerUUID) < 0 || !parseMAC(mac, bytes)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding values left unchecked");
        return -1;
    }
    g_snprintf(def->mac, sizeof(def->mac), "%02x:%02x:%02x:%02x:%02x:%02x",
               bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
    if (!(n = nuvXNodeChild(tree, "filterref"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "filter binding has no filter reference");
        return -1;
    }
    if (rewriteRef(n, "filter binding has no filter reference") < 0)
        return -1;
    def->filter = g_strdup(nuvXNodeGet(n, "filter"));

    /* libvirt keeps one of each, in its own spelling */
    nuvXNodeDetach(n);
    nuvXNodeRemoveChildren(tree, "filterref");
    nuvXNodeInsert(tree, n);
    nuvXNodeRemoveChildren(tree, "owner");
    owner = nuvXNodeAddChild(tree, "owner");
    nuvXNodeSetText(nuvXNodeAddChild(owner, "name"), def->ownerName);
    nuvXNodeSetText(nuvXNodeAddChild(owner, "uuid"), nuvUUIDFormat(def->ownerUUID, uuidstr));
    nuvXNodeRemoveChildren(tree, "portdev");
    nuvXNodeSet(nuvXNodeAddChild(tree, "portdev"), "name", def->portdev);
    nuvXNodeRemoveChildren(tree, "linkdev");
    if (def->linkdev)
        nuvXNodeSet(nuvXNodeAddChild(tree, "linkdev"), "name", def->linkdev);
    nuvXNodeRemoveChildren(tree, "mac");
    nuvXNodeSet(nuvXNodeAddChild(tree, "mac"), "address", def->mac);
    return 0;
}

nuvNWFilterBindingDef *
nuvNWFilterBindingDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(nuvNWFilterBindingDef) def = g_new0(nuvNWFilterBindingDef, 1);

    if (!(def->tree = readTree(xml, "(nwfilterbinding_definition)", "filterbinding",
                               "unknown root element for nwfilter binding",
                               nuvNWFilterBindingSchema, flags)))
        return NULL;
    if (rewriteBinding(def) < 0) {
        asSchemaError(flags);
        return NULL;
    }
    return g_steal_pointer(&def);
}

char *
nuvNWFilterBindingDefFormat(const nuvNWFilterBindingDef *def)
{
    GString *buf = g_string_new(NULL);

    nuvXNodeFormat(def->tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}
