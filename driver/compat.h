/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam: differences between the kernels vcam supports, in one place.
 * Older kernels get the newest API here, so that no other file needs to
 * know which kernel it is built for. Kbuild probes the kernel's headers and
 * defines the VCAM_HAVE_* and VCAM_KERNEL_* symbols used below.
 */

#ifndef _VCAM_COMPAT_H
#define _VCAM_COMPAT_H

#include <linux/dma-buf.h>
#include <linux/module.h>

#ifndef VCAM_KERNEL_SUPPORTED
#error "vcam needs Linux 6.1 or newer"
#endif

/*
 * Linux 6.2 made dma_buf_vmap() expect the reservation lock held and added
 * the _unlocked variants, which take it; 6.1's versions take it themselves.
 */
#ifndef VCAM_HAVE_DMA_BUF_VMAP_UNLOCKED
static inline int dma_buf_vmap_unlocked(struct dma_buf *dmabuf,
					struct iosys_map *map)
{
	return dma_buf_vmap(dmabuf, map);
}

static inline void dma_buf_vunmap_unlocked(struct dma_buf *dmabuf,
					   struct iosys_map *map)
{
	dma_buf_vunmap(dmabuf, map);
}
#endif

/* Linux 6.3 made vm_flags read-only outside helpers such as this one. */
#ifndef VCAM_HAVE_VM_FLAGS_CLEAR
#include <linux/mm.h>

static inline void vm_flags_clear(struct vm_area_struct *vma,
				  unsigned long flags)
{
	vma->vm_flags &= ~flags;
}
#endif

/* Linux 6.13 turned the namespace argument into a string. */
#ifdef VCAM_HAVE_STRING_IMPORT_NS
#define VCAM_IMPORT_DMA_BUF_NS() MODULE_IMPORT_NS("DMA_BUF")
#else
#define VCAM_IMPORT_DMA_BUF_NS() MODULE_IMPORT_NS(DMA_BUF)
#endif

#endif /* _VCAM_COMPAT_H */
