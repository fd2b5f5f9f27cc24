/*
 * compat.h: libvirt 9.0's private ABI, as far as Debian's prebuilt virsh
 * imports it (see README.md in this directory).
 *
 * The struct layouts below are ABI facts: virsh embeds these structs on its
 * own stack or in its own objects, so their sizes and field offsets must be
 * exactly libvirt's.  Nothing in nuvirt outside src/compat and its test may
 * include this header; nuvirt code uses its own nuv* helpers.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"

/* Whatever visibility the rest of nuvirt is built with, these symbols must
 * reach the version script of libvirt.so.0. */
#pragma GCC visibility push(default)

/* ---- virbuffer ---- */
typedef struct _virBuffer virBuffer;
struct _virBuffer {
    GString *str;
    int indent;
};
#define VIR_BUFFER_INITIALIZER { NULL, 0 }

const char *virBufferCurrentContent(virBuffer *buf);
char *virBufferContentAndReset(virBuffer *buf);
void virBufferFreeAndReset(virBuffer *buf);
size_t virBufferUse(const virBuffer *buf);
void virBufferAdd(virBuffer *buf, const char *str, int len);
void virBufferAddChar(virBuffer *buf, char c);
void virBufferAddStr(virBuffer *buf, const char *str);
void virBufferAsprintf(virBuffer *buf, const char *format, ...) G_GNUC_PRINTF(2, 3);
void virBufferVasprintf(virBuffer *buf, const char *format, va_list ap) G_GNUC_PRINTF(2, 0);
void virBufferStrcat(virBuffer *buf, ...) G_GNUC_NULL_TERMINATED;
void virBufferEscape(virBuffer *buf, char escape, const char *toescape,
                     const char *format, const char *str);
void virBufferEscapeString(virBuffer *buf, const char *format, const char *str);
void virBufferEscapeShell(virBuffer *buf, const char *str);
void virBufferAdjustIndent(virBuffer *buf, int indent);
void virBufferTrim(virBuffer *buf, const char *trim);
void virBufferTrimLen(virBuffer *buf, int len);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(virBuffer, virBufferFreeAndReset);

/* ---- virbitmap ---- */
typedef struct _virBitmap virBitmap;

virBitmap *virBitmapNew(size_t size);
void virBitmapFree(virBitmap *bitmap);
int virBitmapSetBit(virBitmap *bitmap, size_t b);
void virBitmapSetAll(virBitmap *bitmap);
size_t virBitmapSize(virBitmap *bitmap);
bool virBitmapIsAllClear(virBitmap *bitmap);
ssize_t virBitmapNextSetBit(virBitmap *bitmap, ssize_t pos);
ssize_t virBitmapLastSetBit(virBitmap *bitmap);
size_t virBitmapCountBits(virBitmap *bitmap);
char *virBitmapDataFormat(const void *data, int len);
int virBitmapToData(virBitmap *bitmap, unsigned char **data, int *dataLen);
int virBitmapParse(const char *str, virBitmap **bitmap, size_t bitmapSize);
virBitmap *virBitmapParseUnlimited(const char *str);

/* ---- strings, allocation, misc ---- */
int virStrToLong_i(const char *s, char **end_ptr, int base, int *result);
int virStrToLong_ui(const char *s, char **end_ptr, int base, unsigned int *result);
int virStrToLong_uip(const char *s, char **end_ptr, int base, unsigned int *result);
int virStrToLong_ul(const char *s, char **end_ptr, int base, unsigned long *result);
int virStrToLong_ulp(const char *s, char **end_ptr, int base, unsigned long *result);
int virStrToLong_ll(const char *s, char **end_ptr, int base, long long *result);
int virStrToLong_ull(const char *s, char **end_ptr, int base, unsigned long long *result);
int virStrToLong_ullp(const char *s, char **end_ptr, int base, unsigned long long *result);
int virScaleInteger(unsigned long long *value, const char *suffix,
                    unsigned long long scale, unsigned long long limit);
void virTrimSpaces(char *str, char **endp);
void virSkipSpaces(const char **str);
int virStrcpy(char *dest, const char *src, size_t destbytes);
bool virValidateWWN(const char *wwn);
void virSecureErase(void *ptr, size_t size);
void virSecureEraseString(char *str);
void virGSListStringFree(GSList *l);

void virReallocN(void *ptrptr, size_t size, size_t count);
void virExpandN(void *ptrptr, size_t size, size_t *countptr, size_t add);
void virShrinkN(void *ptrptr, size_t size, size_t *countptr, size_t toremove);
int virInsertElementsN(void *ptrptr, size_t size, size_t at, size_t *countptr,
                       size_t add, void *newelems, bool clearOriginal, bool inPlace);
void virAppendElement(void *ptrptr, size_t size, size_t *countptr, size_t add,
                      void *newelem, bool clearOriginal, bool inPlace);

int virEnumFromString(const char * const *types, unsigned int ntypes, const char *type);
const char *virEnumToString(const char * const *types, unsigned int ntypes, int type);

/* enum tables (virsh only ever passes the plain int) */
const char *virArchToString(int arch);
const char *virDomainHostdevSubsysPCIBackendTypeToString(int type);
const char *virDomainNetTypeToString(int type);
int virDomainNetTypeFromString(const char *type);
const char *virDomainNumatuneMemModeTypeToString(int type);
int virDomainNumatuneMemModeTypeFromString(const char *type);
const char *virDomainVirtTypeToString(int type);
const char *virNodeDevCapTypeToString(int type);
int virNodeDevCapTypeFromString(const char *type);
const char *virPerfEventTypeToString(int type);
const char *virSecretUsageTypeToString(int type);
const char *virStorageFileFormatTypeToString(int type);
const char *virStoragePoolTypeToString(int type);
int virStoragePoolTypeFromString(const char *type);
const char *virKeycodeSetTypeToString(int type);
int virKeycodeSetTypeFromString(const char *type);
int virKeycodeValueFromString(int codeset, const char *keyname);

/* ---- errors ---- */
void virRaiseErrorFull(const char *filename, const char *funcname, size_t linenr,
                       int domain, int code, virErrorLevel level,
                       const char *str1, const char *str2, const char *str3,
                       int int1, int int2, const char *fmt, ...) G_GNUC_PRINTF(12, 13);
void virReportErrorHelper(int domcode, int errorcode, const char *filename,
                          const char *funcname, size_t linenr,
                          const char *fmt, ...) G_GNUC_PRINTF(6, 7);
void virReportSystemErrorFull(int domcode, int theerrno, const char *filename,
                              const char *funcname, size_t linenr,
                              const char *fmt, ...) G_GNUC_PRINTF(6, 7);
int virSetError(virErrorPtr newerr);
void virErrorPreserveLast(virErrorPtr *saveerr);
void virErrorRestore(virErrorPtr *savederr);

/* ---- threads ---- */
typedef struct virMutex virMutex;
struct virMutex {
    pthread_mutex_t lock;
};
typedef struct virCond virCond;
struct virCond {
    pthread_cond_t cond;
};
typedef struct virThread virThread;
struct virThread {
    pthread_t thread;
};
typedef struct virOnceControl virOnceControl;
struct virOnceControl {
    pthread_once_t once;
};
typedef struct virLockGuard virLockGuard;
struct virLockGuard {
    virMutex *mutex;
};
typedef void (*virOnceFunc)(void);
typedef void (*virThreadFunc)(void *opaque);

int virMutexInit(virMutex *m);
void virMutexDestroy(virMutex *m);
int virCondInit(virCond *c);
int virCondDestroy(virCond *c);
int virCondWait(virCond *c, virMutex *m);
void virCondSignal(virCond *c);
int virThreadCreateFull(virThread *thread, bool joinable, virThreadFunc func,
                        const char *name, bool worker, void *opaque);
void virThreadJoin(virThread *thread);
int virOnce(virOnceControl *once, virOnceFunc init);
virLockGuard virLockGuardLock(virMutex *m);
void virLockGuardUnlock(virLockGuard *l);

/* ---- objects ---- */
typedef struct _virClass virClass;
typedef void (*virObjectDisposeCallback)(void *obj);

/* libvirt 9.0 builds virObject on a GObject (24 bytes on LP64).  We keep
 * the same size with our own fields; virsh never looks inside. */
typedef struct _virObject virObject;
struct _virObject {
    virClass *klass;
    int refs;
    unsigned int magic;
    void *reserved;
};
typedef struct _virObjectLockable virObjectLockable;
struct _virObjectLockable {
    virObject parent;
    virMutex lock;
};

virClass *virClassForObjectLockable(void);
virClass *virClassNew(virClass *parent, const char *name, size_t objectSize,
                      size_t parentSize, virObjectDisposeCallback dispose);
void *virObjectLockableNew(virClass *klass);
void *virObjectRef(void *obj);
void virObjectUnref(void *obj);
void virObjectLock(void *obj);
void virObjectUnlock(void *obj);
void virObjectListFree(void *list);

/* ---- child processes, files, time ---- */
typedef struct _virCommand virCommand;

virCommand *virCommandNewArgList(const char *binary, ...) G_GNUC_NULL_TERMINATED;
void virCommandAddArgFormat(virCommand *cmd, const char *format, ...) G_GNUC_PRINTF(2, 3);
void virCommandSetInputFD(virCommand *cmd, int infd);
void virCommandSetOutputFD(virCommand *cmd, int *outfd);
void virCommandSetErrorFD(virCommand *cmd, int *errfd);
int virCommandRunAsync(virCommand *cmd, pid_t *pid);
int virCommandWait(virCommand *cmd, int *exitstatus);
void virCommandFree(virCommand *cmd);
pid_t virFork(void);
int virProcessWait(pid_t pid, int *exitstatus, bool raw);
void virProcessExitWithStatus(int status) G_GNUC_NORETURN;
int virPipe(int fds[2]);

enum {
    VIR_FILE_CLOSE_PRESERVE_ERRNO = 1 << 0,
    VIR_FILE_CLOSE_IGNORE_EBADF = 1 << 1,
    VIR_FILE_CLOSE_DONT_LOG = 1 << 2,
};
int virFileClose(int *fdptr, unsigned int flags);
ssize_t saferead(int fd, void *buf, size_t count);
ssize_t safewrite(int fd, const void *buf, size_t count);
int virFileReadAll(const char *path, int maxlen, char **buf);
int virFileInData(int fd, int *inData, long long *length);
void virFileActivateDirOverrideForProg(const char *argv0);
char *virGetUserDirectory(void);
char *virGetUserCacheDirectory(void);
char *virGetPassword(void);
int virGettextInitialize(void);

#define VIR_TIME_STRING_BUFLEN 29
int virTimeMillisNow(unsigned long long *now);
int virTimeStringNowRaw(char *buf);

typedef struct _virPolkitAgent virPolkitAgent;
virPolkitAgent *virPolkitAgentCreate(void);
void virPolkitAgentDestroy(virPolkitAgent *agent);
bool virPolkitAgentAvailable(void);

/* ---- json ---- */
typedef struct _virJSONValue virJSONValue;

virJSONValue *virJSONValueFromString(const char *jsonstring);
char *virJSONValueToString(virJSONValue *object, bool pretty);
void virJSONValueFree(virJSONValue *value);
bool virJSONValueIsObject(virJSONValue *object);
virJSONValue *virJSONValueObjectGet(virJSONValue *object, const char *key);
int virJSONValueObjectAdd(virJSONValue **objptr, ...) G_GNUC_NULL_TERMINATED;

/* ---- xml ---- */
xmlDocPtr virXMLParseHelper(int domcode, const char *filename, const char *xmlStr,
                            const char *url, const char *rootelement,
                            xmlXPathContextPtr *ctxt, const char *schemafile,
                            bool validate);
char *virXPathString(const char *xpath, xmlXPathContextPtr ctxt);
int virXPathInt(const char *xpath, xmlXPathContextPtr ctxt, int *value);
int virXPathUInt(const char *xpath, xmlXPathContextPtr ctxt, unsigned int *value);
int virXPathLongLong(const char *xpath, xmlXPathContextPtr ctxt, long long *value);
int virXPathBoolean(const char *xpath, xmlXPathContextPtr ctxt);
xmlNodePtr virXPathNode(const char *xpath, xmlXPathContextPtr ctxt);
int virXPathNodeSet(const char *xpath, xmlXPathContextPtr ctxt, xmlNodePtr **list);
char *virXMLPropString(xmlNodePtr node, const char *name);
char *virXMLNodeContentString(xmlNodePtr node);
char *virXMLNodeToString(xmlDocPtr doc, xmlNodePtr node);
bool virXMLNodeNameEqual(xmlNodePtr node, const char *name);
xmlNodePtr virXMLNodeGetSubelement(xmlNodePtr node, const char *name);
xmlNodePtr virXMLNewNode(xmlNsPtr ns, const char *name);
void virXMLFormatElement(virBuffer *buf, const char *name,
                         virBuffer *attrBuf, virBuffer *childBuf);

typedef struct _virZPCIDeviceAddressID {
    unsigned int value;
    bool isSet;
} virZPCIDeviceAddressID;
typedef struct _virPCIDeviceAddress {
    unsigned int domain;
    unsigned int bus;
    unsigned int slot;
    unsigned int function;
    int multi;          /* virTristateSwitch */
    int extFlags;
    virZPCIDeviceAddressID uid;
    virZPCIDeviceAddressID fid;
} virPCIDeviceAddress;
int virPCIDeviceAddressParseXML(xmlNodePtr node, virPCIDeviceAddress *addr);

/* ---- uri, addresses, typed parameters ---- */
typedef struct _virURIParam {
    char *name;
    char *value;
    bool ignore;
} virURIParam;
typedef struct _virURI {
    char *scheme;
    char *server;
    char *user;
    int port;
    char *path;
    char *query;
    char *fragment;
    size_t paramsCount;
    size_t paramsAlloc;
    virURIParam *params;
} virURI;
virURI *virURIParse(const char *uri);
void virURIFree(virURI *uri);

typedef struct {
    union {
        struct sockaddr sa;
        struct sockaddr_storage stor;
        struct sockaddr_in inet4;
        struct sockaddr_in6 inet6;
        struct sockaddr_un un;
    } data;
    socklen_t len;
} virSocketAddr;
int virSocketAddrParse(virSocketAddr *addr, const char *val, int family);
bool virSocketAddrIsWildcard(const virSocketAddr *addr);

#define VIR_MAC_BUFLEN 6
#define VIR_MAC_STRING_BUFLEN (VIR_MAC_BUFLEN * 3)
typedef struct _virMacAddr {
    unsigned char addr[VIR_MAC_BUFLEN];
} virMacAddr;
int virMacAddrParse(const char *str, virMacAddr *addr);
const char *virMacAddrFormat(const virMacAddr *addr, char *str);
int virMacAddrCompare(const char *mac1, const char *mac2);

int virTypedParameterAssign(virTypedParameterPtr param, const char *name, int type, ...);
char *virTypedParameterToString(virTypedParameterPtr param);

#pragma GCC visibility pop
