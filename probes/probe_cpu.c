/* probe_cpu.c: the CPU's identity through libcpuid.
 *
 * Only cpuid_get_raw_data + cpu_identify on the calling CPU: libcpuid
 * 0.6.2's cpu_identify_all() moves the calling thread from CPU to CPU to
 * read each one, which would undo a caller's pinning. The hypervisor is
 * asked with the same raw data and decoded struct, so CPUID runs once.
 *
 * Concurrency contract: no shared state; any thread may call it (libcpuid's
 * error string is thread-local in 0.6.x, and we do not read it).
 */
#include <libcpuid/libcpuid.h>
#include <stdio.h>
#include <string.h>

#include "probe_internal.h"

/* libcpuid's own names, shortened to what a report line needs. */
static const char *pc_hypervisor_name(hypervisor_vendor_t h)
{
    switch (h) {
    case HYPERVISOR_NONE: return "";
    case HYPERVISOR_BHYVE: return "bhyve";
    case HYPERVISOR_HYPERV: return "Hyper-V";
    case HYPERVISOR_KVM: return "KVM";
    case HYPERVISOR_PARALLELS: return "Parallels";
    case HYPERVISOR_QEMU: return "QEMU";
    case HYPERVISOR_VIRTUALBOX: return "VirtualBox";
    case HYPERVISOR_VMWARE: return "VMware";
    case HYPERVISOR_XEN: return "Xen";
    default: return "unknown";
    }
}

static void pc_copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
    /* Brand strings come padded with spaces on some CPUs. */
    for (size_t n = strlen(dst); n > 0 && dst[n - 1] == ' '; n--)
        dst[n - 1] = '\0';
}

void probe_cpu_read(probe_cpu *out, int hypervisor_bit)
{
    struct cpu_raw_data_t raw;
    struct cpu_id_t id;
    memset(out, 0, sizeof *out);
    if (!cpuid_present() || cpuid_get_raw_data(&raw) != 0 || cpu_identify(&raw, &id) != 0) {
        snprintf(out->vendor, sizeof out->vendor, "unknown");
        return;
    }
    out->identified = 1;
    pc_copy(out->vendor, sizeof out->vendor, id.vendor_str);
    pc_copy(out->brand, sizeof out->brand, id.brand_str);
    pc_copy(out->codename, sizeof out->codename, id.cpu_codename);
    out->family = id.ext_family;
    out->model = id.ext_model;
    out->stepping = id.stepping;
    /* libcpuid looks only when CPUID.1:ECX[31] is set; skip the call (and
     * its extra CPUID leaves) on bare metal. */
    if (hypervisor_bit)
        pc_copy(out->hypervisor, sizeof out->hypervisor,
                pc_hypervisor_name(cpuid_get_hypervisor(&raw, &id)));
}
