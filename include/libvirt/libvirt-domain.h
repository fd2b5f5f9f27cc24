/*
 * libvirt-domain.h: guests: life cycle, configuration, devices, statistics,
 * block jobs, migration and events
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_DOMAIN_H
# define LIBVIRT_DOMAIN_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-domain.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- constants and helper macros ---- */

# define VIR_DOMAIN_BANDWIDTH_IN_AVERAGE "inbound.average"
# define VIR_DOMAIN_BANDWIDTH_IN_BURST "inbound.burst"
# define VIR_DOMAIN_BANDWIDTH_IN_FLOOR "inbound.floor"
# define VIR_DOMAIN_BANDWIDTH_IN_PEAK "inbound.peak"
# define VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE "outbound.average"
# define VIR_DOMAIN_BANDWIDTH_OUT_BURST "outbound.burst"
# define VIR_DOMAIN_BANDWIDTH_OUT_PEAK "outbound.peak"
# define VIR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"
# define VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"
# define VIR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"
# define VIR_DOMAIN_BLKIO_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
# define VIR_DOMAIN_BLKIO_WEIGHT "weight"
# define VIR_DOMAIN_BLOCK_COPY_BANDWIDTH "bandwidth"
# define VIR_DOMAIN_BLOCK_COPY_BUF_SIZE "buf-size"
# define VIR_DOMAIN_BLOCK_COPY_GRANULARITY "granularity"
# define VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME "group_name"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC "read_bytes_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX "read_bytes_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH "read_bytes_sec_max_length"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC "read_iops_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX "read_iops_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH "read_iops_sec_max_length"
# define VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC "size_iops_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC "total_bytes_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX "total_bytes_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH "total_bytes_sec_max_length"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC "total_iops_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX "total_iops_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH "total_iops_sec_max_length"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC "write_bytes_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX "write_bytes_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH "write_bytes_sec_max_length"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC "write_iops_sec"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX "write_iops_sec_max"
# define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH "write_iops_sec_max_length"
# define VIR_DOMAIN_BLOCK_STATS_ERRS "errs"
# define VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
# define VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"
# define VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"
# define VIR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"
# define VIR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"
# define VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"
# define VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"
# define VIR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"
# define VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"
# define VIR_DOMAIN_CPU_STATS_CPUTIME "cpu_time"
# define VIR_DOMAIN_CPU_STATS_SYSTEMTIME "system_time"
# define VIR_DOMAIN_CPU_STATS_USERTIME "user_time"
# define VIR_DOMAIN_CPU_STATS_VCPUTIME "vcpu_time"
# define VIR_DOMAIN_IOTHREAD_POLL_GROW "poll_grow"
# define VIR_DOMAIN_IOTHREAD_POLL_MAX_NS "poll_max_ns"
# define VIR_DOMAIN_IOTHREAD_POLL_SHRINK "poll_shrink"
# define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX "thread_pool_max"
# define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN "thread_pool_min"
# define VIR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE "auto_converge_throttle"
# define VIR_DOMAIN_JOB_COMPRESSION_BYTES "compression_bytes"
# define VIR_DOMAIN_JOB_COMPRESSION_CACHE "compression_cache"
# define VIR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES "compression_cache_misses"
# define VIR_DOMAIN_JOB_COMPRESSION_OVERFLOW "compression_overflow"
# define VIR_DOMAIN_JOB_COMPRESSION_PAGES "compression_pages"
# define VIR_DOMAIN_JOB_DATA_PROCESSED "data_processed"
# define VIR_DOMAIN_JOB_DATA_REMAINING "data_remaining"
# define VIR_DOMAIN_JOB_DATA_TOTAL "data_total"
# define VIR_DOMAIN_JOB_DISK_BPS "disk_bps"
# define VIR_DOMAIN_JOB_DISK_PROCESSED "disk_processed"
# define VIR_DOMAIN_JOB_DISK_REMAINING "disk_remaining"
# define VIR_DOMAIN_JOB_DISK_TEMP_TOTAL "disk_temp_total"
# define VIR_DOMAIN_JOB_DISK_TEMP_USED "disk_temp_used"
# define VIR_DOMAIN_JOB_DISK_TOTAL "disk_total"
# define VIR_DOMAIN_JOB_DOWNTIME "downtime"
# define VIR_DOMAIN_JOB_DOWNTIME_NET "downtime_net"
# define VIR_DOMAIN_JOB_ERRMSG "errmsg"
# define VIR_DOMAIN_JOB_MEMORY_BPS "memory_bps"
# define VIR_DOMAIN_JOB_MEMORY_CONSTANT "memory_constant"
# define VIR_DOMAIN_JOB_MEMORY_DIRTY_RATE "memory_dirty_rate"
# define VIR_DOMAIN_JOB_MEMORY_ITERATION "memory_iteration"
# define VIR_DOMAIN_JOB_MEMORY_NORMAL "memory_normal"
# define VIR_DOMAIN_JOB_MEMORY_NORMAL_BYTES "memory_normal_bytes"
# define VIR_DOMAIN_JOB_MEMORY_PAGE_SIZE "memory_page_size"
# define VIR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS "memory_postcopy_requests"
# define VIR_DOMAIN_JOB_MEMORY_PROCESSED "memory_processed"
# define VIR_DOMAIN_JOB_MEMORY_REMAINING "memory_remaining"
# define VIR_DOMAIN_JOB_MEMORY_TOTAL "memory_total"
# define VIR_DOMAIN_JOB_OPERATION "operation"
# define VIR_DOMAIN_JOB_SETUP_TIME "setup_time"
# define VIR_DOMAIN_JOB_SUCCESS "success"
# define VIR_DOMAIN_JOB_TIME_ELAPSED "time_elapsed"
# define VIR_DOMAIN_JOB_TIME_ELAPSED_NET "time_elapsed_net"
# define VIR_DOMAIN_JOB_TIME_REMAINING "time_remaining"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MAJOR "sev-api-major"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_API_MINOR "sev-api-minor"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_BUILD_ID "sev-build-id"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_MEASUREMENT "sev-measurement"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_POLICY "sev-policy"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET "sev-secret"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_HEADER "sev-secret-header"
# define VIR_DOMAIN_LAUNCH_SECURITY_SEV_SECRET_SET_ADDRESS "sev-secret-set-address"
# define VIR_DOMAIN_MEMORY_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
# define VIR_DOMAIN_MEMORY_HARD_LIMIT "hard_limit"
# define VIR_DOMAIN_MEMORY_MIN_GUARANTEE "min_guarantee"
# define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL
# define VIR_DOMAIN_MEMORY_SOFT_LIMIT "soft_limit"
# define VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT "swap_hard_limit"
# define VIR_DOMAIN_NUMA_MODE "numa_mode"
# define VIR_DOMAIN_NUMA_NODESET "numa_nodeset"
# define VIR_DOMAIN_SAVE_PARAM_DXML "dxml"
# define VIR_DOMAIN_SAVE_PARAM_FILE "file"
# define VIR_DOMAIN_SCHEDULER_CAP "cap"
# define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu_shares"
# define VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD "emulator_period"
# define VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA "emulator_quota"
# define VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD "global_period"
# define VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA "global_quota"
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD "iothread_period"
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA "iothread_quota"
# define VIR_DOMAIN_SCHEDULER_LIMIT "limit"
# define VIR_DOMAIN_SCHEDULER_RESERVATION "reservation"
# define VIR_DOMAIN_SCHEDULER_SHARES "shares"
# define VIR_DOMAIN_SCHEDULER_VCPU_PERIOD "vcpu_period"
# define VIR_DOMAIN_SCHEDULER_VCPU_QUOTA "vcpu_quota"
# define VIR_DOMAIN_SCHEDULER_WEIGHT "weight"
# define VIR_DOMAIN_SCHED_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
# define VIR_DOMAIN_SEND_KEY_MAX_KEYS 16
# define VIR_DOMAIN_TUNABLE_BLKDEV_DISK "blkdeviotune.disk"
# define VIR_DOMAIN_TUNABLE_BLKDEV_GROUP_NAME "blkdeviotune.group_name"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC "blkdeviotune.read_bytes_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX "blkdeviotune.read_bytes_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_BYTES_SEC_MAX_LENGTH "blkdeviotune.read_bytes_sec_max_length"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC "blkdeviotune.read_iops_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX "blkdeviotune.read_iops_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_READ_IOPS_SEC_MAX_LENGTH "blkdeviotune.read_iops_sec_max_length"
# define VIR_DOMAIN_TUNABLE_BLKDEV_SIZE_IOPS_SEC "blkdeviotune.size_iops_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC "blkdeviotune.total_bytes_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX "blkdeviotune.total_bytes_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_BYTES_SEC_MAX_LENGTH "blkdeviotune.total_bytes_sec_max_length"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC "blkdeviotune.total_iops_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX "blkdeviotune.total_iops_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_TOTAL_IOPS_SEC_MAX_LENGTH "blkdeviotune.total_iops_sec_max_length"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC "blkdeviotune.write_bytes_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX "blkdeviotune.write_bytes_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_BYTES_SEC_MAX_LENGTH "blkdeviotune.write_bytes_sec_max_length"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC "blkdeviotune.write_iops_sec"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX "blkdeviotune.write_iops_sec_max"
# define VIR_DOMAIN_TUNABLE_BLKDEV_WRITE_IOPS_SEC_MAX_LENGTH "blkdeviotune.write_iops_sec_max_length"
# define VIR_DOMAIN_TUNABLE_CPU_CPU_SHARES "cputune.cpu_shares"
# define VIR_DOMAIN_TUNABLE_CPU_EMULATORPIN "cputune.emulatorpin"
# define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_PERIOD "cputune.emulator_period"
# define VIR_DOMAIN_TUNABLE_CPU_EMULATOR_QUOTA "cputune.emulator_quota"
# define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_PERIOD "cputune.global_period"
# define VIR_DOMAIN_TUNABLE_CPU_GLOBAL_QUOTA "cputune.global_quota"
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREADSPIN "cputune.iothreadpin%u"
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_PERIOD "cputune.iothread_period"
# define VIR_DOMAIN_TUNABLE_CPU_IOTHREAD_QUOTA "cputune.iothread_quota"
# define VIR_DOMAIN_TUNABLE_CPU_VCPUPIN "cputune.vcpupin%u"
# define VIR_DOMAIN_TUNABLE_CPU_VCPU_PERIOD "cputune.vcpu_period"
# define VIR_DOMAIN_TUNABLE_CPU_VCPU_QUOTA "cputune.vcpu_quota"
# define VIR_KEYCODE_SET_RFB VIR_KEYCODE_SET_QNUM
# define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INCREMENT "auto_converge.increment"
# define VIR_MIGRATE_PARAM_AUTO_CONVERGE_INITIAL "auto_converge.initial"
# define VIR_MIGRATE_PARAM_BANDWIDTH "bandwidth"
# define VIR_MIGRATE_PARAM_BANDWIDTH_POSTCOPY "bandwidth.postcopy"
# define VIR_MIGRATE_PARAM_COMPRESSION "compression"
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_DTHREADS "compression.mt.dthreads"
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_LEVEL "compression.mt.level"
# define VIR_MIGRATE_PARAM_COMPRESSION_MT_THREADS "compression.mt.threads"
# define VIR_MIGRATE_PARAM_COMPRESSION_XBZRLE_CACHE "compression.xbzrle.cache"
# define VIR_MIGRATE_PARAM_DEST_NAME "destination_name"
# define VIR_MIGRATE_PARAM_DEST_XML "destination_xml"
# define VIR_MIGRATE_PARAM_DISKS_PORT "disks_port"
# define VIR_MIGRATE_PARAM_DISKS_URI "disks_uri"
# define VIR_MIGRATE_PARAM_GRAPHICS_URI "graphics_uri"
# define VIR_MIGRATE_PARAM_LISTEN_ADDRESS "listen_address"
# define VIR_MIGRATE_PARAM_MIGRATE_DISKS "migrate_disks"
# define VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS "parallel.connections"
# define VIR_MIGRATE_PARAM_PERSIST_XML "persistent_xml"
# define VIR_MIGRATE_PARAM_TLS_DESTINATION "tls.destination"
# define VIR_MIGRATE_PARAM_URI "migrate_uri"
# define VIR_PERF_PARAM_ALIGNMENT_FAULTS "alignment_faults"
# define VIR_PERF_PARAM_BRANCH_INSTRUCTIONS "branch_instructions"
# define VIR_PERF_PARAM_BRANCH_MISSES "branch_misses"
# define VIR_PERF_PARAM_BUS_CYCLES "bus_cycles"
# define VIR_PERF_PARAM_CACHE_MISSES "cache_misses"
# define VIR_PERF_PARAM_CACHE_REFERENCES "cache_references"
# define VIR_PERF_PARAM_CMT "cmt"
# define VIR_PERF_PARAM_CONTEXT_SWITCHES "context_switches"
# define VIR_PERF_PARAM_CPU_CLOCK "cpu_clock"
# define VIR_PERF_PARAM_CPU_CYCLES "cpu_cycles"
# define VIR_PERF_PARAM_CPU_MIGRATIONS "cpu_migrations"
# define VIR_PERF_PARAM_EMULATION_FAULTS "emulation_faults"
# define VIR_PERF_PARAM_INSTRUCTIONS "instructions"
# define VIR_PERF_PARAM_MBML "mbml"
# define VIR_PERF_PARAM_MBMT "mbmt"
# define VIR_PERF_PARAM_PAGE_FAULTS "page_faults"
# define VIR_PERF_PARAM_PAGE_FAULTS_MAJ "page_faults_maj"
# define VIR_PERF_PARAM_PAGE_FAULTS_MIN "page_faults_min"
# define VIR_PERF_PARAM_REF_CPU_CYCLES "ref_cpu_cycles"
# define VIR_PERF_PARAM_STALLED_CYCLES_BACKEND "stalled_cycles_backend"
# define VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND "stalled_cycles_frontend"
# define VIR_PERF_PARAM_TASK_CLOCK "task_clock"
# define _virBlkioParameter _virTypedParameter
# define _virMemoryParameter _virTypedParameter
# define _virSchedParameter _virTypedParameter

# define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)
# define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)
# define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)
# define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))
# define VIR_DOMAIN_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(cb))
# define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) \
    (&((cpumaps)[(vcpu) * (maplen)]))
# define VIR_UNUSE_CPU(cpumap, cpu) \
    ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))
# define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/* ---- enumerations ---- */

/* virBlkioParameterType: since 0.9.0 */
typedef enum {
    VIR_DOMAIN_BLKIO_PARAM_INT     = VIR_TYPED_PARAM_INT, /* since 0.9.0 */
    VIR_DOMAIN_BLKIO_PARAM_UINT    = VIR_TYPED_PARAM_UINT, /* since 0.9.0 */
    VIR_DOMAIN_BLKIO_PARAM_LLONG   = VIR_TYPED_PARAM_LLONG, /* since 0.9.0 */
    VIR_DOMAIN_BLKIO_PARAM_ULLONG  = VIR_TYPED_PARAM_ULLONG, /* since 0.9.0 */
    VIR_DOMAIN_BLKIO_PARAM_DOUBLE  = VIR_TYPED_PARAM_DOUBLE, /* since 0.9.0 */
    VIR_DOMAIN_BLKIO_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN, /* since 0.9.0 */
} virBlkioParameterType;

/* virConnectDomainEventAgentLifecycleReason: since 1.2.11 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN        = 0, /* since 1.2.11 */
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED = 1, /* since 1.2.11 */
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL        = 2, /* since 1.2.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST           = 3,
# endif
} virConnectDomainEventAgentLifecycleReason;

/* virConnectDomainEventAgentLifecycleState: since 1.2.11 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED    = 1, /* since 1.2.11 */
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED = 2, /* since 1.2.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST         = 3,
# endif
} virConnectDomainEventAgentLifecycleState;

/* virConnectDomainEventBlockJobStatus: since 0.9.4 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_COMPLETED = 0, /* since 0.9.4 */
    VIR_DOMAIN_BLOCK_JOB_FAILED    = 1, /* since 0.9.4 */
    VIR_DOMAIN_BLOCK_JOB_CANCELED  = 2, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_JOB_READY     = 3, /* since 1.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_LAST      = 4,
# endif
} virConnectDomainEventBlockJobStatus;

/* virConnectDomainEventDiskChangeReason: since 0.9.7 */
typedef enum {
    VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START = 0, /* since 0.9.7 */
    VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START   = 1, /* since 1.1.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DISK_CHANGE_LAST             = 2,
# endif
} virConnectDomainEventDiskChangeReason;

/* virConnectGetAllDomainStatsFlags: since 1.2.8 */
# ifdef __GNUC__
__extension__
# endif
typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE        = 1, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE      = 2, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT    = 4, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT     = 8, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING       = 16, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED        = 32, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF       = 64, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER         = 128, /* since 1.2.8 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT        = 1 << 29, /* since 4.5.0 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING       = 1 << 30, /* since 1.2.12 */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31, /* since 1.2.8 */
} virConnectGetAllDomainStatsFlags;

/* virConnectListAllDomainsFlags: since 0.9.13 */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE         = 1 << 0, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_INACTIVE       = 1 << 1, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT     = 1 << 2, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT      = 1 << 3, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_RUNNING        = 1 << 4, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_PAUSED         = 1 << 5, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF        = 1 << 6, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_OTHER          = 1 << 7, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE    = 1 << 8, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART      = 1 << 10, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART   = 1 << 11, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT   = 1 << 12, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT    = 1 << 13, /* since 0.9.13 */
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14, /* since 5.6.0 */
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT  = 1 << 15, /* since 5.6.0 */
} virConnectListAllDomainsFlags;

/* virDomainAbortJobFlagsValues: since 8.5.0 */
typedef enum {
    VIR_DOMAIN_ABORT_JOB_POSTCOPY = 1 << 0, /* since 8.5.0 */
} virDomainAbortJobFlagsValues;

/* virDomainAgentResponseTimeoutValues: since 5.10.0 */
typedef enum {
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK   = -2, /* since 5.10.0 */
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT = -1, /* since 5.10.0 */
    VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_NOWAIT  = 0, /* since 5.10.0 */
} virDomainAgentResponseTimeoutValues;

/* virDomainAuthorizedSSHKeysSetFlags: since 6.10.0 */
typedef enum {
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND = 1 << 0, /* since 6.10.0 */
    VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE = 1 << 1, /* since 6.10.0 */
} virDomainAuthorizedSSHKeysSetFlags;

/* virDomainBackupBeginFlags: since 6.0.0 */
typedef enum {
    VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL = 1 << 0, /* since 6.0.0 */
} virDomainBackupBeginFlags;

/* virDomainBlockCommitFlags: since 0.10.2 */
typedef enum {
    VIR_DOMAIN_BLOCK_COMMIT_SHALLOW         = 1 << 0, /* since 0.10.2 */
    VIR_DOMAIN_BLOCK_COMMIT_DELETE          = 1 << 1, /* since 0.10.2 */
    VIR_DOMAIN_BLOCK_COMMIT_ACTIVE          = 1 << 2, /* since 1.2.6 */
    VIR_DOMAIN_BLOCK_COMMIT_RELATIVE        = 1 << 3, /* since 1.2.7 */
    VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES = 1 << 4, /* since 1.2.9 */
} virDomainBlockCommitFlags;

/* virDomainBlockCopyFlags: since 1.2.8 */
typedef enum {
    VIR_DOMAIN_BLOCK_COPY_SHALLOW            = 1 << 0, /* since 1.2.8 */
    VIR_DOMAIN_BLOCK_COPY_REUSE_EXT          = 1 << 1, /* since 1.2.8 */
    VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB      = 1 << 2, /* since 3.5.0 */
    VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES = 1 << 3, /* since 8.0.0 */
} virDomainBlockCopyFlags;

/* virDomainBlockJobAbortFlags: since 0.9.12 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC = 1 << 0, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT = 1 << 1, /* since 0.9.12 */
} virDomainBlockJobAbortFlags;

/* virDomainBlockJobInfoFlags: since 1.2.9 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES = 1 << 0, /* since 1.2.9 */
} virDomainBlockJobInfoFlags;

/* virDomainBlockJobSetSpeedFlags: since 1.2.9 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES = 1 << 0, /* since 1.2.9 */
} virDomainBlockJobSetSpeedFlags;

/* virDomainBlockJobType: since 0.9.4 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN       = 0, /* since 0.9.4 */
    VIR_DOMAIN_BLOCK_JOB_TYPE_PULL          = 1, /* since 0.9.4 */
    VIR_DOMAIN_BLOCK_JOB_TYPE_COPY          = 2, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT        = 3, /* since 0.10.2 */
    VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT = 4, /* since 1.2.6 */
    VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP        = 5, /* since 6.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_TYPE_LAST          = 6,
# endif
} virDomainBlockJobType;

/* virDomainBlockPullFlags: since 1.2.9 */
typedef enum {
    VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES = 1 << 6, /* since 1.2.9 */
} virDomainBlockPullFlags;

/* virDomainBlockRebaseFlags: since 0.9.12 */
typedef enum {
    VIR_DOMAIN_BLOCK_REBASE_SHALLOW         = 1 << 0, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT       = 1 << 1, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_REBASE_COPY_RAW        = 1 << 2, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_REBASE_COPY            = 1 << 3, /* since 0.9.12 */
    VIR_DOMAIN_BLOCK_REBASE_RELATIVE        = 1 << 4, /* since 1.2.7 */
    VIR_DOMAIN_BLOCK_REBASE_COPY_DEV        = 1 << 5, /* since 1.2.9 */
    VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES = 1 << 6, /* since 1.2.9 */
} virDomainBlockRebaseFlags;

/* virDomainBlockResizeFlags: since 0.9.11 */
typedef enum {
    VIR_DOMAIN_BLOCK_RESIZE_BYTES = 1 << 0, /* since 0.9.11 */
} virDomainBlockResizeFlags;

/* virDomainBlockedReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0, /* since 0.9.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCKED_LAST    = 1,
# endif
} virDomainBlockedReason;

/* virDomainChannelFlags: since 1.0.2 */
typedef enum {
    VIR_DOMAIN_CHANNEL_FORCE = 1 << 0, /* since 1.0.2 */
} virDomainChannelFlags;

/* virDomainConsoleFlags: since 0.9.11 */
typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = 1 << 0, /* since 0.9.11 */
    VIR_DOMAIN_CONSOLE_SAFE  = 1 << 1, /* since 0.9.11 */
} virDomainConsoleFlags;

/* virDomainControlErrorReason: since 1.2.14 */
typedef enum {
    VIR_DOMAIN_CONTROL_ERROR_REASON_NONE     = 0, /* since 1.2.14 */
    VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN  = 1, /* since 1.2.14 */
    VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR  = 2, /* since 1.2.14 */
    VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3, /* since 1.2.14 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_ERROR_REASON_LAST     = 4,
# endif
} virDomainControlErrorReason;

/* virDomainControlState: since 0.9.3 */
typedef enum {
    VIR_DOMAIN_CONTROL_OK       = 0, /* since 0.9.3 */
    VIR_DOMAIN_CONTROL_JOB      = 1, /* since 0.9.3 */
    VIR_DOMAIN_CONTROL_OCCUPIED = 2, /* since 0.9.3 */
    VIR_DOMAIN_CONTROL_ERROR    = 3, /* since 0.9.3 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_LAST     = 4,
# endif
} virDomainControlState;

/* virDomainCoreDumpFlags: since 0.7.5 */
typedef enum {
    VIR_DUMP_CRASH        = 1 << 0, /* since 0.7.5 */
    VIR_DUMP_LIVE         = 1 << 1, /* since 0.7.5 */
    VIR_DUMP_BYPASS_CACHE = 1 << 2, /* since 0.9.4 */
    VIR_DUMP_RESET        = 1 << 3, /* since 0.9.7 */
    VIR_DUMP_MEMORY_ONLY  = 1 << 4, /* since 0.9.13 */
} virDomainCoreDumpFlags;

/* virDomainCoreDumpFormat: since 1.2.3 */
typedef enum {
    VIR_DOMAIN_CORE_DUMP_FORMAT_RAW          = 0, /* since 1.2.3 */
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB   = 1, /* since 1.2.3 */
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO    = 2, /* since 1.2.3 */
    VIR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY = 3, /* since 1.2.3 */
    VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP      = 4, /* since 7.4.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CORE_DUMP_FORMAT_LAST         = 5,
# endif
} virDomainCoreDumpFormat;

/* virDomainCrashedReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN  = 0, /* since 0.9.2 */
    VIR_DOMAIN_CRASHED_PANICKED = 1, /* since 1.1.1 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CRASHED_LAST     = 2,
# endif
} virDomainCrashedReason;

/* virDomainCreateFlags: since 0.0.1 */
typedef enum {
    VIR_DOMAIN_NONE               = 0, /* since 0.0.1 */
    VIR_DOMAIN_START_PAUSED       = 1 << 0, /* since 0.8.2 */
    VIR_DOMAIN_START_AUTODESTROY  = 1 << 1, /* since 0.9.3 */
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2, /* since 0.9.4 */
    VIR_DOMAIN_START_FORCE_BOOT   = 1 << 3, /* since 0.9.5 */
    VIR_DOMAIN_START_VALIDATE     = 1 << 4, /* since 1.2.12 */
    VIR_DOMAIN_START_RESET_NVRAM  = 1 << 5, /* since 8.1.0 */
} virDomainCreateFlags;

/* virDomainDefineFlags: since 1.2.12 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = 1 << 0, /* since 1.2.12 */
} virDomainDefineFlags;

/* virDomainDestroyFlagsValues: since 0.9.4 */
typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT     = 0, /* since 0.9.10 */
    VIR_DOMAIN_DESTROY_GRACEFUL    = 1 << 0, /* since 0.9.10 */
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1, /* since 8.3.0 */
} virDomainDestroyFlagsValues;

/* virDomainDeviceModifyFlags: since 0.7.7 */
typedef enum {
    VIR_DOMAIN_DEVICE_MODIFY_CURRENT = 0, /* since 0.7.7 */
    VIR_DOMAIN_DEVICE_MODIFY_LIVE    = 1, /* since 0.7.7 */
    VIR_DOMAIN_DEVICE_MODIFY_CONFIG  = 2, /* since 0.7.7 */
    VIR_DOMAIN_DEVICE_MODIFY_FORCE   = 1 << 2, /* since 0.8.6 */
} virDomainDeviceModifyFlags;

/* virDomainDirtyRateCalcFlags: since 8.1.0 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_MODE_PAGE_SAMPLING = 0, /* since 8.1.0 */
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_BITMAP  = 1 << 0, /* since 8.1.0 */
    VIR_DOMAIN_DIRTYRATE_MODE_DIRTY_RING    = 1 << 1, /* since 8.1.0 */
} virDomainDirtyRateCalcFlags;

/* virDomainDirtyRateStatus: since 7.2.0 */
typedef enum {
    VIR_DOMAIN_DIRTYRATE_UNSTARTED = 0, /* since 7.2.0 */
    VIR_DOMAIN_DIRTYRATE_MEASURING = 1, /* since 7.2.0 */
    VIR_DOMAIN_DIRTYRATE_MEASURED  = 2, /* since 7.2.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DIRTYRATE_LAST      = 3,
# endif
} virDomainDirtyRateStatus;

/* virDomainDiskErrorCode: since 0.9.10 */
typedef enum {
    VIR_DOMAIN_DISK_ERROR_NONE     = 0, /* since 0.9.10 */
    VIR_DOMAIN_DISK_ERROR_UNSPEC   = 1, /* since 0.9.10 */
    VIR_DOMAIN_DISK_ERROR_NO_SPACE = 2, /* since 0.9.10 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_DISK_ERROR_LAST     = 3,
# endif
} virDomainDiskErrorCode;

/* virDomainEventCrashedDetailType: since 1.1.1 */
typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED    = 0, /* since 1.1.1 */
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1, /* since 6.1.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_CRASHED_LAST        = 2,
# endif
} virDomainEventCrashedDetailType;

/* virDomainEventDefinedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED         = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_DEFINED_UPDATED       = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_DEFINED_RENAMED       = 2, /* since 1.2.19 */
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3, /* since 1.3.3 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST          = 4,
# endif
} virDomainEventDefinedDetailType;

/* virDomainEventGraphicsAddressType: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4 = 0, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6 = 1, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX = 2, /* since 0.9.7 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST = 3,
# endif
} virDomainEventGraphicsAddressType;

/* virDomainEventGraphicsPhase: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_CONNECT    = 0, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE = 1, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT = 2, /* since 0.8.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_LAST       = 3,
# endif
} virDomainEventGraphicsPhase;

/* virDomainEventID: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE                 = 0, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_REBOOT                    = 1, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE                = 2, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_WATCHDOG                  = 3, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_IO_ERROR                  = 4, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_GRAPHICS                  = 5, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON           = 6, /* since 0.8.1 */
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR             = 7, /* since 0.9.2 */
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB                 = 8, /* since 0.9.4 */
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE               = 9, /* since 0.9.7 */
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE               = 10, /* since 0.9.11 */
    VIR_DOMAIN_EVENT_ID_PMWAKEUP                  = 11, /* since 0.9.11 */
    VIR_DOMAIN_EVENT_ID_PMSUSPEND                 = 12, /* since 0.9.11 */
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE            = 13, /* since 0.10.0 */
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK            = 14, /* since 1.0.0 */
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED            = 15, /* since 1.1.1 */
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2               = 16, /* since 1.2.6 */
    VIR_DOMAIN_EVENT_ID_TUNABLE                   = 17, /* since 1.2.9 */
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE           = 18, /* since 1.2.11 */
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED              = 19, /* since 1.2.15 */
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION       = 20, /* since 1.3.2 */
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED             = 21, /* since 1.3.3 */
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED     = 22, /* since 1.3.4 */
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE           = 23, /* since 3.0.0 */
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD           = 24, /* since 3.2.0 */
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE            = 25, /* since 6.9.0 */
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26, /* since 7.9.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_ID_LAST                      = 27,
# endif
} virDomainEventID;

/* virDomainEventIOErrorAction: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_EVENT_IO_ERROR_NONE   = 0, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_IO_ERROR_PAUSE  = 1, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_IO_ERROR_REPORT = 2, /* since 0.8.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_IO_ERROR_LAST   = 3,
# endif
} virDomainEventIOErrorAction;

/* virDomainEventPMSuspendedDetailType: since 0.10.2 */
typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0, /* since 0.10.2 */
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK   = 1, /* since 1.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST   = 2,
# endif
} virDomainEventPMSuspendedDetailType;

/* virDomainEventResumedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED        = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED        = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT   = 2, /* since 0.9.5 */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY        = 3, /* since 1.3.3 */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4, /* since 8.5.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST            = 5,
# endif
} virDomainEventResumedDetailType;

/* virDomainEventShutdownDetailType: since 0.9.8 */
typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0, /* since 0.9.8 */
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST    = 1, /* since 3.4.0 */
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST     = 2, /* since 3.4.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST     = 3,
# endif
} virDomainEventShutdownDetailType;

/* virDomainEventStartedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED        = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STARTED_MIGRATED      = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STARTED_RESTORED      = 2, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_STARTED_WAKEUP        = 4, /* since 0.9.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST          = 5,
# endif
} virDomainEventStartedDetailType;

/* virDomainEventStoppedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN      = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED     = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_CRASHED       = 2, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED      = 3, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_SAVED         = 4, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_FAILED        = 5, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6, /* since 0.8.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST          = 7,
# endif
} virDomainEventStoppedDetailType;

/* virDomainEventSuspendedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED          = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED        = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR         = 2, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG        = 3, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED        = 4, /* since 0.9.5 */
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT   = 5, /* since 0.9.5 */
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR       = 6, /* since 1.0.1 */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY        = 7, /* since 1.3.3 */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8, /* since 1.3.3 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST            = 9,
# endif
} virDomainEventSuspendedDetailType;

/* virDomainEventTrayChangeReason: since 0.9.11 */
typedef enum {
    VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN  = 0, /* since 0.9.11 */
    VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE = 1, /* since 0.9.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST  = 2,
# endif
} virDomainEventTrayChangeReason;

/* virDomainEventType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED     = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_UNDEFINED   = 1, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STARTED     = 2, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_SUSPENDED   = 3, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_RESUMED     = 4, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_STOPPED     = 5, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_SHUTDOWN    = 6, /* since 0.9.8 */
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7, /* since 0.10.2 */
    VIR_DOMAIN_EVENT_CRASHED     = 8, /* since 1.1.1 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST        = 9,
# endif
} virDomainEventType;

/* virDomainEventUndefinedDetailType: since 0.5.0 */
typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0, /* since 0.5.0 */
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1, /* since 1.2.19 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST    = 2,
# endif
} virDomainEventUndefinedDetailType;

/* virDomainEventWatchdogAction: since 0.8.0 */
typedef enum {
    VIR_DOMAIN_EVENT_WATCHDOG_NONE      = 0, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_PAUSE     = 1, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_RESET     = 2, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_POWEROFF  = 3, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN  = 4, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_DEBUG     = 5, /* since 0.8.0 */
    VIR_DOMAIN_EVENT_WATCHDOG_INJECTNMI = 6, /* since 1.2.17 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_WATCHDOG_LAST      = 7,
# endif
} virDomainEventWatchdogAction;

/* virDomainFDAssociateFlags: since 9.0.0 */
typedef enum {
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_RESTORE  = 1 << 0, /* since 9.0.0 */
    VIR_DOMAIN_FD_ASSOCIATE_SECLABEL_WRITABLE = 1 << 1, /* since 9.0.0 */
} virDomainFDAssociateFlags;

/* virDomainGetHostnameFlags: since 6.1.0 */
typedef enum {
    VIR_DOMAIN_GET_HOSTNAME_LEASE = 1 << 0, /* since 6.1.0 */
    VIR_DOMAIN_GET_HOSTNAME_AGENT = 1 << 1, /* since 6.1.0 */
} virDomainGetHostnameFlags;

/* virDomainGetJobStatsFlags: since 1.2.9 */
typedef enum {
    VIR_DOMAIN_JOB_STATS_COMPLETED      = 1 << 0, /* since 1.2.9 */
    VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 1 << 1, /* since 6.0.0 */
} virDomainGetJobStatsFlags;

/* virDomainGuestInfoTypes: since 5.7.0 */
typedef enum {
    VIR_DOMAIN_GUEST_INFO_USERS      = 1 << 0, /* since 5.7.0 */
    VIR_DOMAIN_GUEST_INFO_OS         = 1 << 1, /* since 5.7.0 */
    VIR_DOMAIN_GUEST_INFO_TIMEZONE   = 1 << 2, /* since 5.7.0 */
    VIR_DOMAIN_GUEST_INFO_HOSTNAME   = 1 << 3, /* since 5.7.0 */
    VIR_DOMAIN_GUEST_INFO_FILESYSTEM = 1 << 4, /* since 5.7.0 */
    VIR_DOMAIN_GUEST_INFO_DISKS      = 1 << 5, /* since 7.0.0 */
    VIR_DOMAIN_GUEST_INFO_INTERFACES = 1 << 6, /* since 7.10.0 */
} virDomainGuestInfoTypes;

/* virDomainInterfaceAddressesSource: since 1.2.14 */
typedef enum {
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE = 0, /* since 1.2.14 */
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1, /* since 1.2.14 */
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP   = 2, /* since 4.2.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST  = 3,
# endif
} virDomainInterfaceAddressesSource;

/* virDomainJobOperation: since 3.3.0 */
typedef enum {
    VIR_DOMAIN_JOB_OPERATION_UNKNOWN         = 0, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_START           = 1, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_SAVE            = 2, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_RESTORE         = 3, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_IN    = 4, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT   = 5, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT        = 6, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT = 7, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_DUMP            = 8, /* since 3.3.0 */
    VIR_DOMAIN_JOB_OPERATION_BACKUP          = 9, /* since 6.0.0 */
    VIR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE = 10, /* since 9.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_OPERATION_LAST            = 11,
# endif
} virDomainJobOperation;

/* virDomainJobType: since 0.7.7 */
typedef enum {
    VIR_DOMAIN_JOB_NONE      = 0, /* since 0.7.7 */
    VIR_DOMAIN_JOB_BOUNDED   = 1, /* since 0.7.7 */
    VIR_DOMAIN_JOB_UNBOUNDED = 2, /* since 0.7.7 */
    VIR_DOMAIN_JOB_COMPLETED = 3, /* since 0.7.7 */
    VIR_DOMAIN_JOB_FAILED    = 4, /* since 0.7.7 */
    VIR_DOMAIN_JOB_CANCELLED = 5, /* since 0.7.7 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_JOB_LAST      = 6,
# endif
} virDomainJobType;

/* virDomainLifecycle: since 3.9.0 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_POWEROFF = 0, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_REBOOT   = 1, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_CRASH    = 2, /* since 3.9.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_LAST     = 3,
# endif
} virDomainLifecycle;

/* virDomainLifecycleAction: since 3.9.0 */
typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY          = 0, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART          = 1, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME   = 2, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE         = 3, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY = 4, /* since 3.9.0 */
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART = 5, /* since 3.9.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST             = 6,
# endif
} virDomainLifecycleAction;

/* virDomainMemoryFailureActionType: since 6.9.0 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE = 0, /* since 6.9.0 */
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT = 1, /* since 6.9.0 */
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL  = 2, /* since 6.9.0 */
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET  = 3, /* since 6.9.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST   = 4,
# endif
} virDomainMemoryFailureActionType;

/* virDomainMemoryFailureFlags: since 6.9.0 */
typedef enum {
    VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = 1 << 0, /* since 6.9.0 */
    VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE       = 1 << 1, /* since 6.9.0 */
} virDomainMemoryFailureFlags;

/* virDomainMemoryFailureRecipientType: since 6.9.0 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR = 0, /* since 6.9.0 */
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST      = 1, /* since 6.9.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST       = 2,
# endif
} virDomainMemoryFailureRecipientType;

/* virDomainMemoryFlags: since 0.4.4 */
typedef enum {
    VIR_MEMORY_VIRTUAL  = 1 << 0, /* since 0.4.4 */
    VIR_MEMORY_PHYSICAL = 1 << 1, /* since 0.7.0 */
} virDomainMemoryFlags;

/* virDomainMemoryModFlags: since 0.9.0 */
typedef enum {
    VIR_DOMAIN_MEM_CURRENT = 0, /* since 0.9.1 */
    VIR_DOMAIN_MEM_LIVE    = 1, /* since 0.9.0 */
    VIR_DOMAIN_MEM_CONFIG  = 2, /* since 0.9.0 */
    VIR_DOMAIN_MEM_MAXIMUM = 1 << 2, /* since 0.9.1 */
} virDomainMemoryModFlags;

/* virDomainMemoryStatTags: since 0.7.5 */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN         = 0, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT        = 1, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT     = 2, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT     = 3, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_UNUSED          = 4, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE       = 5, /* since 0.7.5 */
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON  = 6, /* since 0.9.3 */
    VIR_DOMAIN_MEMORY_STAT_RSS             = 7, /* since 0.9.10 */
    VIR_DOMAIN_MEMORY_STAT_USABLE          = 8, /* since 2.1.0 */
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE     = 9, /* since 2.1.0 */
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES     = 10, /* since 4.6.0 */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11, /* since 5.4.0 */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL  = 12, /* since 5.4.0 */
    VIR_DOMAIN_MEMORY_STAT_NR              = 13, /* since 0.7.5 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_MEMORY_STAT_LAST            = VIR_DOMAIN_MEMORY_STAT_NR,
# endif
} virDomainMemoryStatTags;

/* virDomainMessageType: since 7.1.0 */
typedef enum {
    VIR_DOMAIN_MESSAGE_DEPRECATION = 1 << 0, /* since 7.1.0 */
    VIR_DOMAIN_MESSAGE_TAINTING    = 1 << 1, /* since 7.1.0 */
} virDomainMessageType;

/* virDomainMetadataType: since 0.9.10 */
typedef enum {
    VIR_DOMAIN_METADATA_DESCRIPTION = 0, /* since 0.9.10 */
    VIR_DOMAIN_METADATA_TITLE       = 1, /* since 0.9.10 */
    VIR_DOMAIN_METADATA_ELEMENT     = 2, /* since 0.9.10 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_METADATA_LAST        = 3,
# endif
} virDomainMetadataType;

/* virDomainMigrateFlags: since 0.3.2 */
typedef enum {
    VIR_MIGRATE_LIVE                          = 1 << 0, /* since 0.3.2 */
    VIR_MIGRATE_PEER2PEER                     = 1 << 1, /* since 0.7.2 */
    VIR_MIGRATE_TUNNELLED                     = 1 << 2, /* since 0.7.2 */
    VIR_MIGRATE_PERSIST_DEST                  = 1 << 3, /* since 0.7.3 */
    VIR_MIGRATE_UNDEFINE_SOURCE               = 1 << 4, /* since 0.7.3 */
    VIR_MIGRATE_PAUSED                        = 1 << 5, /* since 0.7.5 */
    VIR_MIGRATE_NON_SHARED_DISK               = 1 << 6, /* since 0.8.2 */
    VIR_MIGRATE_NON_SHARED_INC                = 1 << 7, /* since 0.8.2 */
    VIR_MIGRATE_CHANGE_PROTECTION             = 1 << 8, /* since 0.9.4 */
    VIR_MIGRATE_UNSAFE                        = 1 << 9, /* since 0.9.11 */
    VIR_MIGRATE_OFFLINE                       = 1 << 10, /* since 1.0.1 */
    VIR_MIGRATE_COMPRESSED                    = 1 << 11, /* since 1.0.3 */
    VIR_MIGRATE_ABORT_ON_ERROR                = 1 << 12, /* since 1.1.0 */
    VIR_MIGRATE_AUTO_CONVERGE                 = 1 << 13, /* since 1.2.3 */
    VIR_MIGRATE_RDMA_PIN_ALL                  = 1 << 14, /* since 1.2.9 */
    VIR_MIGRATE_POSTCOPY                      = 1 << 15, /* since 1.3.3 */
    VIR_MIGRATE_TLS                           = 1 << 16, /* since 3.2.0 */
    VIR_MIGRATE_PARALLEL                      = 1 << 17, /* since 5.2.0 */
    VIR_MIGRATE_NON_SHARED_SYNCHRONOUS_WRITES = 1 << 18, /* since 8.0.0 */
    VIR_MIGRATE_POSTCOPY_RESUME               = 1 << 19, /* since 8.5.0 */
    VIR_MIGRATE_ZEROCOPY                      = 1 << 20, /* since 8.5.0 */
} virDomainMigrateFlags;

/* virDomainMigrateMaxSpeedFlags: since 5.1.0 */
typedef enum {
    VIR_DOMAIN_MIGRATE_MAX_SPEED_POSTCOPY = 1 << 0, /* since 5.1.0 */
} virDomainMigrateMaxSpeedFlags;

/* virDomainModificationImpact: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0, /* since 0.9.2 */
    VIR_DOMAIN_AFFECT_LIVE    = 1 << 0, /* since 0.9.2 */
    VIR_DOMAIN_AFFECT_CONFIG  = 1 << 1, /* since 0.9.2 */
} virDomainModificationImpact;

/* virDomainNostateReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0, /* since 0.9.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NOSTATE_LAST    = 1,
# endif
} virDomainNostateReason;

/* virDomainNumatuneMemMode: since 0.9.9 */
typedef enum {
    VIR_DOMAIN_NUMATUNE_MEM_STRICT      = 0, /* since 0.9.9 */
    VIR_DOMAIN_NUMATUNE_MEM_PREFERRED   = 1, /* since 0.9.9 */
    VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE  = 2, /* since 0.9.9 */
    VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE = 3, /* since 7.3.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NUMATUNE_MEM_LAST        = 4,
# endif
} virDomainNumatuneMemMode;

/* virDomainOpenGraphicsFlags: since 0.9.7 */
typedef enum {
    VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH = 1 << 0, /* since 0.9.7 */
} virDomainOpenGraphicsFlags;

/* virDomainPMSuspendedDiskReason: since 1.0.0 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_DISK_UNKNOWN = 0, /* since 1.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_DISK_LAST    = 1,
# endif
} virDomainPMSuspendedDiskReason;

/* virDomainPMSuspendedReason: since 0.9.11 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0, /* since 0.9.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_LAST    = 1,
# endif
} virDomainPMSuspendedReason;

/* virDomainPausedReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN         = 0, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_USER            = 1, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_MIGRATION       = 2, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_SAVE            = 3, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_DUMP            = 4, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_IOERROR         = 5, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_WATCHDOG        = 6, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT   = 7, /* since 0.9.2 */
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN   = 8, /* since 0.9.5 */
    VIR_DOMAIN_PAUSED_SNAPSHOT        = 9, /* since 1.0.1 */
    VIR_DOMAIN_PAUSED_CRASHED         = 10, /* since 1.1.1 */
    VIR_DOMAIN_PAUSED_STARTING_UP     = 11, /* since 1.2.14 */
    VIR_DOMAIN_PAUSED_POSTCOPY        = 12, /* since 1.3.3 */
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13, /* since 1.3.3 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PAUSED_LAST            = 14,
# endif
} virDomainPausedReason;

/* virDomainProcessSignal: since 1.0.1 */
typedef enum {
    VIR_DOMAIN_PROCESS_SIGNAL_NOP    = 0, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_HUP    = 1, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_INT    = 2, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_QUIT   = 3, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_ILL    = 4, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_TRAP   = 5, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_ABRT   = 6, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_BUS    = 7, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_FPE    = 8, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_KILL   = 9, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_USR1   = 10, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_SEGV   = 11, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_USR2   = 12, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_PIPE   = 13, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_ALRM   = 14, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_TERM   = 15, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_STKFLT = 16, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_CHLD   = 17, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_CONT   = 18, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_STOP   = 19, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_TSTP   = 20, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_TTIN   = 21, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_TTOU   = 22, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_URG    = 23, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_XCPU   = 24, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_XFSZ   = 25, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_VTALRM = 26, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_PROF   = 27, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_WINCH  = 28, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_POLL   = 29, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_PWR    = 30, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_SYS    = 31, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT0    = 32, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT1    = 33, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT2    = 34, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT3    = 35, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT4    = 36, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT5    = 37, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT6    = 38, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT7    = 39, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT8    = 40, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT9    = 41, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT10   = 42, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT11   = 43, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT12   = 44, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT13   = 45, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT14   = 46, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT15   = 47, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT16   = 48, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT17   = 49, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT18   = 50, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT19   = 51, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT20   = 52, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT21   = 53, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT22   = 54, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT23   = 55, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT24   = 56, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT25   = 57, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT26   = 58, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT27   = 59, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT28   = 60, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT29   = 61, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT30   = 62, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT31   = 63, /* since 1.0.1 */
    VIR_DOMAIN_PROCESS_SIGNAL_RT32   = 64, /* since 1.0.1 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PROCESS_SIGNAL_LAST   = 65,
# endif
} virDomainProcessSignal;

/* virDomainRebootFlagValues: since 0.9.10 */
typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT        = 0, /* since 0.9.10 */
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = 1 << 0, /* since 0.9.10 */
    VIR_DOMAIN_REBOOT_GUEST_AGENT    = 1 << 1, /* since 0.9.10 */
    VIR_DOMAIN_REBOOT_INITCTL        = 1 << 2, /* since 1.0.1 */
    VIR_DOMAIN_REBOOT_SIGNAL         = 1 << 3, /* since 1.0.1 */
    VIR_DOMAIN_REBOOT_PARAVIRT       = 1 << 4, /* since 1.2.5 */
} virDomainRebootFlagValues;

/* virDomainRunningReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN            = 0, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_BOOTED             = 1, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_MIGRATED           = 2, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_RESTORED           = 3, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT      = 4, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_UNPAUSED           = 5, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_SAVE_CANCELED      = 7, /* since 0.9.2 */
    VIR_DOMAIN_RUNNING_WAKEUP             = 8, /* since 0.9.11 */
    VIR_DOMAIN_RUNNING_CRASHED            = 9, /* since 1.1.1 */
    VIR_DOMAIN_RUNNING_POSTCOPY           = 10, /* since 1.3.3 */
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED    = 11, /* since 8.5.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_RUNNING_LAST               = 12,
# endif
} virDomainRunningReason;

/* virDomainSaveImageXMLFlags: since 5.1.0 */
typedef enum {
    VIR_DOMAIN_SAVE_IMAGE_XML_SECURE = 1, /* since 5.1.0 */
} virDomainSaveImageXMLFlags;

/* virDomainSaveRestoreFlags: since 0.9.4 */
typedef enum {
    VIR_DOMAIN_SAVE_BYPASS_CACHE = 1 << 0, /* since 0.9.4 */
    VIR_DOMAIN_SAVE_RUNNING      = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_SAVE_PAUSED       = 1 << 2, /* since 0.9.5 */
    VIR_DOMAIN_SAVE_RESET_NVRAM  = 1 << 3, /* since 8.1.0 */
} virDomainSaveRestoreFlags;

/* virDomainSetTimeFlags: since 1.2.5 */
typedef enum {
    VIR_DOMAIN_TIME_SYNC = 1 << 0, /* since 1.2.5 */
} virDomainSetTimeFlags;

/* virDomainSetUserPasswordFlags: since 1.2.16 */
typedef enum {
    VIR_DOMAIN_PASSWORD_ENCRYPTED = 1 << 0, /* since 1.2.16 */
} virDomainSetUserPasswordFlags;

/* virDomainShutdownFlagValues: since 0.9.10 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT        = 0, /* since 0.9.10 */
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = 1 << 0, /* since 0.9.10 */
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT    = 1 << 1, /* since 0.9.10 */
    VIR_DOMAIN_SHUTDOWN_INITCTL        = 1 << 2, /* since 1.0.1 */
    VIR_DOMAIN_SHUTDOWN_SIGNAL         = 1 << 3, /* since 1.0.1 */
    VIR_DOMAIN_SHUTDOWN_PARAVIRT       = 1 << 4, /* since 1.2.5 */
} virDomainShutdownFlagValues;

/* virDomainShutdownReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0, /* since 0.9.2 */
    VIR_DOMAIN_SHUTDOWN_USER    = 1, /* since 0.9.2 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTDOWN_LAST    = 2,
# endif
} virDomainShutdownReason;

/* virDomainShutoffReason: since 0.9.2 */
typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN       = 0, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_SHUTDOWN      = 1, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_DESTROYED     = 2, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_CRASHED       = 3, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_MIGRATED      = 4, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_SAVED         = 5, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_FAILED        = 6, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7, /* since 0.9.2 */
    VIR_DOMAIN_SHUTOFF_DAEMON        = 8, /* since 4.10.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTOFF_LAST          = 9,
# endif
} virDomainShutoffReason;

/* virDomainState: since 0.0.1 */
typedef enum {
    VIR_DOMAIN_NOSTATE     = 0, /* since 0.0.1 */
    VIR_DOMAIN_RUNNING     = 1, /* since 0.0.1 */
    VIR_DOMAIN_BLOCKED     = 2, /* since 0.0.1 */
    VIR_DOMAIN_PAUSED      = 3, /* since 0.0.1 */
    VIR_DOMAIN_SHUTDOWN    = 4, /* since 0.0.1 */
    VIR_DOMAIN_SHUTOFF     = 5, /* since 0.0.1 */
    VIR_DOMAIN_CRASHED     = 6, /* since 0.0.2 */
    VIR_DOMAIN_PMSUSPENDED = 7, /* since 0.9.11 */

# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST        = 8,
# endif
} virDomainState;

/* virDomainStatsTypes: since 1.2.8 */
typedef enum {
    VIR_DOMAIN_STATS_STATE     = 1 << 0, /* since 1.2.8 */
    VIR_DOMAIN_STATS_CPU_TOTAL = 1 << 1, /* since 1.2.9 */
    VIR_DOMAIN_STATS_BALLOON   = 1 << 2, /* since 1.2.9 */
    VIR_DOMAIN_STATS_VCPU      = 1 << 3, /* since 1.2.9 */
    VIR_DOMAIN_STATS_INTERFACE = 1 << 4, /* since 1.2.9 */
    VIR_DOMAIN_STATS_BLOCK     = 1 << 5, /* since 1.2.9 */
    VIR_DOMAIN_STATS_PERF      = 1 << 6, /* since 1.3.3 */
    VIR_DOMAIN_STATS_IOTHREAD  = 1 << 7, /* since 4.10.0 */
    VIR_DOMAIN_STATS_MEMORY    = 1 << 8, /* since 6.0.0 */
    VIR_DOMAIN_STATS_DIRTYRATE = 1 << 9, /* since 7.2.0 */
    VIR_DOMAIN_STATS_VM        = 1 << 10, /* since 8.9.0 */
} virDomainStatsTypes;

/* virDomainUndefineFlagsValues: since 0.9.4 */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE         = 1 << 0, /* since 0.9.4 */
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA   = 1 << 1, /* since 0.9.5 */
    VIR_DOMAIN_UNDEFINE_NVRAM                = 1 << 2, /* since 1.2.9 */
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM           = 1 << 3, /* since 2.3.0 */
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4, /* since 5.6.0 */
    VIR_DOMAIN_UNDEFINE_TPM                  = 1 << 5, /* since 8.9.0 */
    VIR_DOMAIN_UNDEFINE_KEEP_TPM             = 1 << 6, /* since 8.9.0 */
} virDomainUndefineFlagsValues;

/* virDomainVcpuFlags: since 0.8.5 */
typedef enum {
    VIR_DOMAIN_VCPU_CURRENT      = VIR_DOMAIN_AFFECT_CURRENT, /* since 0.9.4 */
    VIR_DOMAIN_VCPU_LIVE         = VIR_DOMAIN_AFFECT_LIVE, /* since 0.8.5 */
    VIR_DOMAIN_VCPU_CONFIG       = VIR_DOMAIN_AFFECT_CONFIG, /* since 0.8.5 */
    VIR_DOMAIN_VCPU_MAXIMUM      = 1 << 2, /* since 0.8.5 */
    VIR_DOMAIN_VCPU_GUEST        = 1 << 3, /* since 1.1.0 */
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = 1 << 4, /* since 2.4.0 */
} virDomainVcpuFlags;

/* virDomainXMLFlags: since 0.3.3 */
typedef enum {
    VIR_DOMAIN_XML_SECURE     = 1 << 0, /* since 0.3.3 */
    VIR_DOMAIN_XML_INACTIVE   = 1 << 1, /* since 0.3.3 */
    VIR_DOMAIN_XML_UPDATE_CPU = 1 << 2, /* since 0.8.0 */
    VIR_DOMAIN_XML_MIGRATABLE = 1 << 3, /* since 1.0.0 */
} virDomainXMLFlags;

/* virKeycodeSet: since 0.9.3 */
typedef enum {
    VIR_KEYCODE_SET_LINUX  = 0, /* since 0.9.3 */
    VIR_KEYCODE_SET_XT     = 1, /* since 0.9.3 */
    VIR_KEYCODE_SET_ATSET1 = 2, /* since 0.9.3 */
    VIR_KEYCODE_SET_ATSET2 = 3, /* since 0.9.3 */
    VIR_KEYCODE_SET_ATSET3 = 4, /* since 0.9.3 */
    VIR_KEYCODE_SET_OSX    = 5, /* since 0.9.4 */
    VIR_KEYCODE_SET_XT_KBD = 6, /* since 0.9.4 */
    VIR_KEYCODE_SET_USB    = 7, /* since 0.9.4 */
    VIR_KEYCODE_SET_WIN32  = 8, /* since 0.9.4 */
    VIR_KEYCODE_SET_QNUM   = 9, /* since 4.2.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_KEYCODE_SET_LAST   = 10,
# endif
} virKeycodeSet;

/* virMemoryParameterType: since 0.8.5 */
typedef enum {
    VIR_DOMAIN_MEMORY_PARAM_INT     = VIR_TYPED_PARAM_INT, /* since 0.8.5 */
    VIR_DOMAIN_MEMORY_PARAM_UINT    = VIR_TYPED_PARAM_UINT, /* since 0.8.5 */
    VIR_DOMAIN_MEMORY_PARAM_LLONG   = VIR_TYPED_PARAM_LLONG, /* since 0.8.5 */
    VIR_DOMAIN_MEMORY_PARAM_ULLONG  = VIR_TYPED_PARAM_ULLONG, /* since 0.8.5 */
    VIR_DOMAIN_MEMORY_PARAM_DOUBLE  = VIR_TYPED_PARAM_DOUBLE, /* since 0.8.5 */
    VIR_DOMAIN_MEMORY_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN, /* since 0.8.5 */
} virMemoryParameterType;

/* virSchedParameterType: since 0.2.3 */
typedef enum {
    VIR_DOMAIN_SCHED_FIELD_INT     = VIR_TYPED_PARAM_INT, /* since 0.2.3 */
    VIR_DOMAIN_SCHED_FIELD_UINT    = VIR_TYPED_PARAM_UINT, /* since 0.2.3 */
    VIR_DOMAIN_SCHED_FIELD_LLONG   = VIR_TYPED_PARAM_LLONG, /* since 0.2.3 */
    VIR_DOMAIN_SCHED_FIELD_ULLONG  = VIR_TYPED_PARAM_ULLONG, /* since 0.2.3 */
    VIR_DOMAIN_SCHED_FIELD_DOUBLE  = VIR_TYPED_PARAM_DOUBLE, /* since 0.2.3 */
    VIR_DOMAIN_SCHED_FIELD_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN, /* since 0.2.3 */
} virSchedParameterType;

/* virVcpuHostCpuState: since 6.10.0 */
typedef enum {
    VIR_VCPU_INFO_CPU_UNAVAILABLE = -2, /* since 6.10.0 */
    VIR_VCPU_INFO_CPU_OFFLINE     = -1, /* since 6.10.0 */
} virVcpuHostCpuState;

/* virVcpuState: since 0.1.4 */
typedef enum {
    VIR_VCPU_OFFLINE = 0, /* since 0.1.4 */
    VIR_VCPU_RUNNING = 1, /* since 0.1.4 */
    VIR_VCPU_BLOCKED = 2, /* since 0.1.4 */

# ifdef VIR_ENUM_SENTINELS
    VIR_VCPU_LAST    = 3,
# endif
} virVcpuState;

/* ---- object and record types ---- */

typedef struct _virTypedParameter virBlkioParameter; /* since 0.9.0 */
typedef struct _virDomain virDomain; /* since 0.0.1 */
typedef struct _virDomainBlockInfo virDomainBlockInfo; /* since 0.8.1 */
typedef struct _virDomainBlockJobInfo virDomainBlockJobInfo; /* since 0.9.4 */
typedef struct _virDomainBlockStats virDomainBlockStatsStruct; /* since 0.3.3 */
typedef struct _virDomainControlInfo virDomainControlInfo; /* since 0.9.3 */
typedef struct _virDomainDiskError virDomainDiskError; /* since 0.9.10 */
typedef struct _virDomainEventGraphicsAddress virDomainEventGraphicsAddress; /* since 0.8.0 */
typedef struct _virDomainEventGraphicsSubject virDomainEventGraphicsSubject; /* since 0.8.0 */
typedef struct _virDomainEventGraphicsSubjectIdentity virDomainEventGraphicsSubjectIdentity;
typedef struct _virDomainFSInfo virDomainFSInfo; /* since 1.2.11 */
typedef struct _virDomainIOThreadInfo virDomainIOThreadInfo; /* since 1.2.14 */
typedef struct _virDomainInterfaceIPAddress virDomainIPAddress; /* since 1.2.14 */
typedef struct _virDomainInfo virDomainInfo; /* since 0.0.1 */
typedef struct _virDomainInterface virDomainInterface; /* since 1.2.14 */
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct; /* since 0.3.3 */
typedef struct _virDomainJobInfo virDomainJobInfo; /* since 0.7.7 */
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct; /* since 0.7.5 */
typedef struct _virDomainStatsRecord virDomainStatsRecord; /* since 1.2.8 */
typedef struct _virTypedParameter virMemoryParameter; /* since 0.8.5 */
typedef struct _virTypedParameter virSchedParameter; /* since 0.2.3 */
typedef struct _virVcpuInfo virVcpuInfo; /* since 0.1.4 */

typedef virBlkioParameter *virBlkioParameterPtr;
typedef virDomainBlockInfo *virDomainBlockInfoPtr;
typedef virDomainBlockJobInfo *virDomainBlockJobInfoPtr;
typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;
typedef virDomainControlInfo *virDomainControlInfoPtr;
typedef virDomainDiskError *virDomainDiskErrorPtr;
typedef virDomainEventGraphicsAddress *virDomainEventGraphicsAddressPtr;
typedef virDomainEventGraphicsSubjectIdentity *virDomainEventGraphicsSubjectIdentityPtr;
typedef virDomainEventGraphicsSubject *virDomainEventGraphicsSubjectPtr;
typedef virDomainFSInfo *virDomainFSInfoPtr;
typedef virDomainIOThreadInfo *virDomainIOThreadInfoPtr;
typedef virDomainIPAddress *virDomainIPAddressPtr;
typedef virDomainInfo *virDomainInfoPtr;
typedef virDomainInterface *virDomainInterfacePtr;
typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;
typedef virDomainJobInfo *virDomainJobInfoPtr;
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;
typedef virDomain *virDomainPtr;
typedef virDomainStatsRecord *virDomainStatsRecordPtr;
typedef virMemoryParameter *virMemoryParameterPtr;
typedef virSchedParameter *virSchedParameterPtr;
typedef virVcpuInfo *virVcpuInfoPtr;

typedef unsigned long long virDomainBlockJobCursor; /* since 0.9.4 */

/* ---- callback types ---- */

/* since 1.2.11 */
typedef void (*virConnectDomainEventAgentLifecycleCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            int state,
                                                            int reason,
                                                            void *opaque);

/* since 0.10.0 */
typedef void (*virConnectDomainEventBalloonChangeCallback)(
    virConnectPtr conn, virDomainPtr dom, unsigned long long actual,
    void *opaque);

/* since 0.9.4 */
typedef void (*virConnectDomainEventBlockJobCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      const char *disk,
                                                      int type, int status,
                                                      void *opaque);

/* since 3.2.0 */
typedef void (*virConnectDomainEventBlockThresholdCallback)(
    virConnectPtr conn, virDomainPtr dom, const char *dev, const char *path,
    unsigned long long threshold, unsigned long long excess, void *opaque);

/* since 0.5.0 */
typedef int (*virConnectDomainEventCallback)(virConnectPtr conn,
                                             virDomainPtr dom, int event,
                                             int detail, void *opaque);

/* since 1.2.15 */
typedef void (*virConnectDomainEventDeviceAddedCallback)(virConnectPtr conn,
                                                         virDomainPtr dom,
                                                         const char *devAlias,
                                                         void *opaque);

/* since 1.3.4 */
typedef void (*virConnectDomainEventDeviceRemovalFailedCallback)(
    virConnectPtr conn, virDomainPtr dom, const char *devAlias, void *opaque);

/* since 1.1.1 */
typedef void (*virConnectDomainEventDeviceRemovedCallback)(
    virConnectPtr conn, virDomainPtr dom, const char *devAlias, void *opaque);

/* since 0.9.7 */
typedef void (*virConnectDomainEventDiskChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *oldSrcPath,
                                                        const char *newSrcPath,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/* since 0.8.0 */
typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     void *opaque);

/* since 0.8.0 */
typedef void (*virConnectDomainEventGraphicsCallback)(
    virConnectPtr conn, virDomainPtr dom, int phase,
    const virDomainEventGraphicsAddress *local,
    const virDomainEventGraphicsAddress *remote, const char *authScheme,
    const virDomainEventGraphicsSubject *subject, void *opaque);

/* since 0.8.0 */
typedef void (*virConnectDomainEventIOErrorCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     const char *srcPath,
                                                     const char *devAlias,
                                                     int action, void *opaque);

/* since 0.8.1 */
typedef void (*virConnectDomainEventIOErrorReasonCallback)(
    virConnectPtr conn, virDomainPtr dom, const char *srcPath,
    const char *devAlias, int action, const char *reason, void *opaque);

/* since 1.3.3 */
typedef void (*virConnectDomainEventJobCompletedCallback)(
    virConnectPtr conn, virDomainPtr dom, virTypedParameterPtr params,
    int nparams, void *opaque);

/* since 7.9.0 */
typedef void (*virConnectDomainEventMemoryDeviceSizeChangeCallback)(
    virConnectPtr conn, virDomainPtr dom, const char *alias,
    unsigned long long size, void *opaque);

/* since 6.9.0 */
typedef void (*virConnectDomainEventMemoryFailureCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int recipient,
                                                           int action,
                                                           unsigned int flags,
                                                           void *opaque);

/* since 3.0.0 */
typedef void (*virConnectDomainEventMetadataChangeCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            int type,
                                                            const char *nsuri,
                                                            void *opaque);

/* since 1.3.2 */
typedef void (*virConnectDomainEventMigrationIterationCallback)(
    virConnectPtr conn, virDomainPtr dom, int iteration, void *opaque);

/* since 0.9.11 */
typedef void (*virConnectDomainEventPMSuspendCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       int reason,
                                                       void *opaque);

/* since 1.0.0 */
typedef void (*virConnectDomainEventPMSuspendDiskCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int reason,
                                                           void *opaque);

/* since 0.9.11 */
typedef void (*virConnectDomainEventPMWakeupCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int reason,
                                                      void *opaque);

/* since 0.8.0 */
typedef void (*virConnectDomainEventRTCChangeCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       long long utcoffset,
                                                       void *opaque);

/* since 0.9.11 */
typedef void (*virConnectDomainEventTrayChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/* since 1.2.9 */
typedef void (*virConnectDomainEventTunableCallback)(
    virConnectPtr conn, virDomainPtr dom, virTypedParameterPtr params,
    int nparams, void *opaque);

/* since 0.8.0 */
typedef void (*virConnectDomainEventWatchdogCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int action,
                                                      void *opaque);

/* ---- record layouts (part of the ABI: never reorder) ---- */

struct _virDomainBlockInfo {
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned long long physical;
};

struct _virDomainBlockJobInfo {
    int type;
    unsigned long bandwidth;
    virDomainBlockJobCursor cur;
    virDomainBlockJobCursor end;
};

struct _virDomainBlockStats {
    long long rd_req;
    long long rd_bytes;
    long long wr_req;
    long long wr_bytes;
    long long errs;
};

struct _virDomainControlInfo {
    unsigned int state;
    unsigned int details;
    unsigned long long stateTime;
};

struct _virDomainDiskError {
    char *disk;
    int error;
};

struct _virDomainEventGraphicsAddress {
    int family;
    char *node;
    char *service;
};

struct _virDomainEventGraphicsSubject {
    int nidentity;
    virDomainEventGraphicsSubjectIdentityPtr identities;
};

struct _virDomainEventGraphicsSubjectIdentity {
    char *type;
    char *name;
};

struct _virDomainFSInfo {
    char *mountpoint;
    char *name;
    char *fstype;
    size_t ndevAlias;
    char **devAlias;
};

struct _virDomainIOThreadInfo {
    unsigned int iothread_id;
    unsigned char *cpumap;
    int cpumaplen;
};

struct _virDomainInterfaceIPAddress {
    int type;
    char *addr;
    unsigned int prefix;
};

struct _virDomainInfo {
    unsigned char state;
    unsigned long maxMem;
    unsigned long memory;
    unsigned short nrVirtCpu;
    unsigned long long cpuTime;
};

struct _virDomainInterface {
    char *name;
    char *hwaddr;
    unsigned int naddrs;
    virDomainIPAddressPtr addrs;
};

struct _virDomainInterfaceStats {
    long long rx_bytes;
    long long rx_packets;
    long long rx_errs;
    long long rx_drop;
    long long tx_bytes;
    long long tx_packets;
    long long tx_errs;
    long long tx_drop;
};

struct _virDomainJobInfo {
    int type;
    unsigned long long timeElapsed;
    unsigned long long timeRemaining;
    unsigned long long dataTotal;
    unsigned long long dataProcessed;
    unsigned long long dataRemaining;
    unsigned long long memTotal;
    unsigned long long memProcessed;
    unsigned long long memRemaining;
    unsigned long long fileTotal;
    unsigned long long fileProcessed;
    unsigned long long fileRemaining;
};

struct _virDomainMemoryStat {
    int tag;
    unsigned long long val;
};

struct _virDomainStatsRecord {
    virDomainPtr dom;
    virTypedParameterPtr params;
    int nparams;
};

struct _virVcpuInfo {
    unsigned int number;
    int state;
    unsigned long long cpuTime;
    int cpu;
};

/* ---- functions ---- */

int virConnectDomainEventDeregister(virConnectPtr conn,
                                    virConnectDomainEventCallback cb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);
int virConnectDomainEventRegister(virConnectPtr conn,
                                  virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom,
                                     int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
char *virConnectDomainXMLFromNative(virConnectPtr conn,
                                    const char *nativeFormat,
                                    const char *nativeConfig,
                                    unsigned int flags);
char *virConnectDomainXMLToNative(virConnectPtr conn, const char *nativeFormat,
                                  const char *domainXml, unsigned int flags);
int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                virDomainStatsRecordPtr **retStats,
                                unsigned int flags);
char *virConnectGetDomainCapabilities(virConnectPtr conn,
                                      const char *emulatorbin,
                                      const char *arch, const char *machine,
                                      const char *virttype,
                                      unsigned int flags);
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);
int virConnectListDefinedDomains(virConnectPtr conn, char ** const names,
                                 int maxnames);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectNumOfDomains(virConnectPtr conn);
int virDomainAbortJob(virDomainPtr domain);
int virDomainAbortJobFlags(virDomainPtr domain, unsigned int flags);
int virDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned int flags);
int virDomainAgentSetResponseTimeout(virDomainPtr domain, int timeout,
                                     unsigned int flags);
int virDomainAttachDevice(virDomainPtr domain, const char *xml);
int virDomainAttachDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);
int virDomainAuthorizedSSHKeysGet(virDomainPtr domain, const char *user,
                                  char ***keys, unsigned int flags);
int virDomainAuthorizedSSHKeysSet(virDomainPtr domain, const char *user,
                                  const char **keys, unsigned int nkeys,
                                  unsigned int flags);
int virDomainBackupBegin(virDomainPtr domain, const char *backupXML,
                         const char *checkpointXML, unsigned int flags);
char *virDomainBackupGetXMLDesc(virDomainPtr domain, unsigned int flags);
int virDomainBlockCommit(virDomainPtr dom, const char *disk, const char *base,
                         const char *top, unsigned long bandwidth,
                         unsigned int flags);
int virDomainBlockCopy(virDomainPtr dom, const char *disk, const char *destxml,
                       virTypedParameterPtr params, int nparams,
                       unsigned int flags);
int virDomainBlockJobAbort(virDomainPtr dom, const char *disk,
                           unsigned int flags);
int virDomainBlockJobSetSpeed(virDomainPtr dom, const char *disk,
                              unsigned long bandwidth, unsigned int flags);
int virDomainBlockPeek(virDomainPtr dom, const char *disk,
                       unsigned long long offset, size_t size, void *buffer,
                       unsigned int flags);
int virDomainBlockPull(virDomainPtr dom, const char *disk,
                       unsigned long bandwidth, unsigned int flags);
int virDomainBlockRebase(virDomainPtr dom, const char *disk, const char *base,
                         unsigned long bandwidth, unsigned int flags);
int virDomainBlockResize(virDomainPtr dom, const char *disk,
                         unsigned long long size, unsigned int flags);
int virDomainBlockStats(virDomainPtr dom, const char *disk,
                        virDomainBlockStatsPtr stats, size_t size);
int virDomainBlockStatsFlags(virDomainPtr dom, const char *disk,
                             virTypedParameterPtr params, int *nparams,
                             unsigned int flags);
int virDomainCoreDump(virDomainPtr domain, const char *to, unsigned int flags);
int virDomainCoreDumpWithFormat(virDomainPtr domain, const char *to,
                                unsigned int dumpformat, unsigned int flags);
int virDomainCreate(virDomainPtr domain);
virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int flags);
int virDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles,
                             int *files, unsigned int flags);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                unsigned int flags);
virDomainPtr virDomainCreateXMLWithFiles(virConnectPtr conn,
                                         const char *xmlDesc,
                                         unsigned int nfiles, int *files,
                                         unsigned int flags);
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                     unsigned int flags);
int virDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainDetachDevice(virDomainPtr domain, const char *xml);
int virDomainDetachDeviceAlias(virDomainPtr domain, const char *alias,
                               unsigned int flags);
int virDomainDetachDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);
int virDomainFDAssociate(virDomainPtr domain, const char *name,
                         unsigned int nfds, int *fds, unsigned int flags);
int virDomainFSFreeze(virDomainPtr dom, const char **mountpoints,
                      unsigned int nmountpoints, unsigned int flags);
void virDomainFSInfoFree(virDomainFSInfoPtr info);
int virDomainFSThaw(virDomainPtr dom, const char **mountpoints,
                    unsigned int nmountpoints, unsigned int flags);
int virDomainFSTrim(virDomainPtr dom, const char *mountPoint,
                    unsigned long long minimum, unsigned int flags);
int virDomainFree(virDomainPtr domain);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainGetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int *nparams,
                                unsigned int flags);
int virDomainGetBlockInfo(virDomainPtr domain, const char *disk,
                          virDomainBlockInfoPtr info, unsigned int flags);
int virDomainGetBlockIoTune(virDomainPtr dom, const char *disk,
                            virTypedParameterPtr params, int *nparams,
                            unsigned int flags);
int virDomainGetBlockJobInfo(virDomainPtr dom, const char *disk,
                             virDomainBlockJobInfoPtr info,
                             unsigned int flags);
int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                         unsigned int nparams, int start_cpu,
                         unsigned int ncpus, unsigned int flags);
virConnectPtr virDomainGetConnect(virDomainPtr dom);
int virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                            unsigned int flags);
int virDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                           unsigned int maxerrors, unsigned int flags);
int virDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumap,
                                int maplen, unsigned int flags);
int virDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info,
                       unsigned int flags);
int virDomainGetGuestInfo(virDomainPtr domain, unsigned int types,
                          virTypedParameterPtr *params, int *nparams,
                          unsigned int flags);
int virDomainGetGuestVcpus(virDomainPtr domain, virTypedParameterPtr *params,
                           unsigned int *nparams, unsigned int flags);
char *virDomainGetHostname(virDomainPtr domain, unsigned int flags);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetIOThreadInfo(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                             unsigned int flags);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int virDomainGetInterfaceParameters(virDomainPtr domain, const char *device,
                                    virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
int virDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info);
int virDomainGetJobStats(virDomainPtr domain, int *type,
                         virTypedParameterPtr *params, int *nparams,
                         unsigned int flags);
int virDomainGetLaunchSecurityInfo(virDomainPtr domain,
                                   virTypedParameterPtr *params, int *nparams,
                                   unsigned int flags);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainGetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int virDomainGetMessages(virDomainPtr domain, char ***msgs,
                         unsigned int flags);
char *virDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                           unsigned int flags);
const char *virDomainGetName(virDomainPtr domain);
int virDomainGetNumaParameters(virDomainPtr domain,
                               virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
char *virDomainGetOSType(virDomainPtr domain);
int virDomainGetPerfEvents(virDomainPtr domain, virTypedParameterPtr *params,
                           int *nparams, unsigned int flags);
int virDomainGetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int *nparams);
int virDomainGetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
char *virDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int virDomainGetSecurityLabel(virDomainPtr domain,
                              virSecurityLabelPtr seclabel);
int virDomainGetSecurityLabelList(virDomainPtr domain,
                                  virSecurityLabelPtr *seclabels);
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);
int virDomainGetTime(virDomainPtr dom, long long *seconds,
                     unsigned int *nseconds, unsigned int flags);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
int virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps,
                            unsigned char *cpumaps, int maplen,
                            unsigned int flags);
int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);
int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
int virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info);
int virDomainInjectNMI(virDomainPtr domain, unsigned int flags);
int virDomainInterfaceAddresses(virDomainPtr dom,
                                virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags);
void virDomainInterfaceFree(virDomainInterfacePtr iface);
int virDomainInterfaceStats(virDomainPtr dom, const char *device,
                            virDomainInterfaceStatsPtr stats, size_t size);
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
int virDomainIsUpdated(virDomainPtr dom);
int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                          virDomainStatsRecordPtr **retStats,
                          unsigned int flags);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuidstr);
int virDomainManagedSave(virDomainPtr dom, unsigned int flags);
int virDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml,
                                  unsigned int flags);
char *virDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags);
int virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int virDomainMemoryPeek(virDomainPtr dom, unsigned long long start,
                        size_t size, void *buffer, unsigned int flags);
int virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                         unsigned int nr_stats, unsigned int flags);
virDomainPtr virDomainMigrate(virDomainPtr domain, virConnectPtr dconn,
                              unsigned long flags, const char *dname,
                              const char *uri, unsigned long bandwidth);
virDomainPtr virDomainMigrate2(virDomainPtr domain, virConnectPtr dconn,
                               const char *dxml, unsigned long flags,
                               const char *dname, const char *uri,
                               unsigned long bandwidth);
virDomainPtr virDomainMigrate3(virDomainPtr domain, virConnectPtr dconn,
                               virTypedParameterPtr params,
                               unsigned int nparams, unsigned int flags);
int virDomainMigrateGetCompressionCache(virDomainPtr domain,
                                        unsigned long long *cacheSize,
                                        unsigned int flags);
int virDomainMigrateGetMaxDowntime(virDomainPtr domain,
                                   unsigned long long *downtime,
                                   unsigned int flags);
int virDomainMigrateGetMaxSpeed(virDomainPtr domain, unsigned long *bandwidth,
                                unsigned int flags);
int virDomainMigrateSetCompressionCache(virDomainPtr domain,
                                        unsigned long long cacheSize,
                                        unsigned int flags);
int virDomainMigrateSetMaxDowntime(virDomainPtr domain,
                                   unsigned long long downtime,
                                   unsigned int flags);
int virDomainMigrateSetMaxSpeed(virDomainPtr domain, unsigned long bandwidth,
                                unsigned int flags);
int virDomainMigrateStartPostCopy(virDomainPtr domain, unsigned int flags);
int virDomainMigrateToURI(virDomainPtr domain, const char *duri,
                          unsigned long flags, const char *dname,
                          unsigned long bandwidth);
int virDomainMigrateToURI2(virDomainPtr domain, const char *dconnuri,
                           const char *miguri, const char *dxml,
                           unsigned long flags, const char *dname,
                           unsigned long bandwidth);
int virDomainMigrateToURI3(virDomainPtr domain, const char *dconnuri,
                           virTypedParameterPtr params, unsigned int nparams,
                           unsigned int flags);
int virDomainOpenChannel(virDomainPtr dom, const char *name, virStreamPtr st,
                         unsigned int flags);
int virDomainOpenConsole(virDomainPtr dom, const char *dev_name,
                         virStreamPtr st, unsigned int flags);
int virDomainOpenGraphics(virDomainPtr dom, unsigned int idx, int fd,
                          unsigned int flags);
int virDomainOpenGraphicsFD(virDomainPtr dom, unsigned int idx,
                            unsigned int flags);
int virDomainPMSuspendForDuration(virDomainPtr dom, unsigned int target,
                                  unsigned long long duration,
                                  unsigned int flags);
int virDomainPMWakeup(virDomainPtr dom, unsigned int flags);
int virDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap,
                         int maplen, unsigned int flags);
int virDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id,
                         unsigned char *cpumap, int maplen,
                         unsigned int flags);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                     unsigned char *cpumap, int maplen);
int virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu,
                          unsigned char *cpumap, int maplen,
                          unsigned int flags);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainRef(virDomainPtr domain);
int virDomainRename(virDomainPtr dom, const char *new_name,
                    unsigned int flags);
int virDomainReset(virDomainPtr domain, unsigned int flags);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainRestoreFlags(virConnectPtr conn, const char *from,
                          const char *dxml, unsigned int flags);
int virDomainRestoreParams(virConnectPtr conn, virTypedParameterPtr params,
                           int nparams, unsigned int flags);
int virDomainResume(virDomainPtr domain);
int virDomainSave(virDomainPtr domain, const char *to);
int virDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                       unsigned int flags);
int virDomainSaveImageDefineXML(virConnectPtr conn, const char *file,
                                const char *dxml, unsigned int flags);
char *virDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file,
                                   unsigned int flags);
int virDomainSaveParams(virDomainPtr domain, virTypedParameterPtr params,
                        int nparams, unsigned int flags);
char *virDomainScreenshot(virDomainPtr domain, virStreamPtr stream,
                          unsigned int screen, unsigned int flags);
int virDomainSendKey(virDomainPtr domain, unsigned int codeset,
                     unsigned int holdtime, unsigned int *keycodes,
                     int nkeycodes, unsigned int flags);
int virDomainSendProcessSignal(virDomainPtr domain, long long pid_value,
                               unsigned int signum, unsigned int flags);
int virDomainSetAutostart(virDomainPtr domain, int autostart);
int virDomainSetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virDomainSetBlockIoTune(virDomainPtr dom, const char *disk,
                            virTypedParameterPtr params, int nparams,
                            unsigned int flags);
int virDomainSetBlockThreshold(virDomainPtr domain, const char *dev,
                               unsigned long long threshold,
                               unsigned int flags);
int virDomainSetGuestVcpus(virDomainPtr domain, const char *cpumap, int state,
                           unsigned int flags);
int virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id,
                               virTypedParameterPtr params, int nparams,
                               unsigned int flags);
int virDomainSetInterfaceParameters(virDomainPtr domain, const char *device,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int virDomainSetLaunchSecurityState(virDomainPtr domain,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int virDomainSetLifecycleAction(virDomainPtr domain, unsigned int type,
                                unsigned int action, unsigned int flags);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                            unsigned int flags);
int virDomainSetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
int virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period,
                                  unsigned int flags);
int virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
                         const char *key, const char *uri, unsigned int flags);
int virDomainSetNumaParameters(virDomainPtr domain,
                               virTypedParameterPtr params, int nparams,
                               unsigned int flags);
int virDomainSetPerfEvents(virDomainPtr domain, virTypedParameterPtr params,
                           int nparams, unsigned int flags);
int virDomainSetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int nparams);
int virDomainSetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int virDomainSetTime(virDomainPtr dom, long long seconds,
                     unsigned int nseconds, unsigned int flags);
int virDomainSetUserPassword(virDomainPtr dom, const char *user,
                             const char *password, unsigned int flags);
int virDomainSetVcpu(virDomainPtr domain, const char *vcpumap, int state,
                     unsigned int flags);
int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus,
                           unsigned int flags);
int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int virDomainStartDirtyRateCalc(virDomainPtr domain, int seconds,
                                unsigned int flags);
void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);
int virDomainSuspend(virDomainPtr domain);
int virDomainUndefine(virDomainPtr domain);
int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int virDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml,
                               unsigned int flags);

#endif /* LIBVIRT_DOMAIN_H */
