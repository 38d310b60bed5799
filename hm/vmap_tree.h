/*
 * vmap_tree.h - the free vmap areas as a balanced search tree keyed by
 * va_start and augmented with subtree_max_size, the largest free range
 * (va_end - va_start) in each subtree, as Linux's free_vmap_area_root.
 * Linux balances it as a red-black tree; this one is an AVL tree (height
 * at most 1.44 log2(n + 2): 24 levels for the 113,000 free ranges an
 * 884 MiB space can hold), recursive and without parent pointers.
 * Every operation is O(log n) in the number n of free ranges. Callers
 * hold vmap_area_lock; the free list (address order) is kept beside it by
 * vmap_area.c.
 */
#ifndef HM_VMAP_TREE_H
#define HM_VMAP_TREE_H

#include "hm/vmalloc.h"

/* The empty tree and every missing child (not NULL): a node of height 0
 * and subtree_max_size 0 that is never written. */
extern struct vmap_area vmap_tree_nil;
#define FREE_TREE_NIL (&vmap_tree_nil)

/* More than any AVL tree of 2^32 nodes can be high (1.44 log2(n + 2)). */
#define VMAP_TREE_MAX_HEIGHT 48

/* The ancestors of a node, root first (node[0]), parent last. */
struct vmap_tree_path {
    int depth;
    struct vmap_area *node[VMAP_TREE_MAX_HEIGHT];
};

/* Add va (a free range not overlapping any in the tree) at *root. */
void free_tree_insert(struct vmap_area **root, struct vmap_area *va);

/* Take va (which is in the tree) out of it. */
void free_tree_remove(struct vmap_area **root, struct vmap_area *va);

/* va, still in the tree, was resized in place without passing another
 * range (its va_start may have moved inside its old extent): recompute
 * subtree_max_size from va up towards the root, stopping at the first
 * node whose value does not change. */
void free_tree_resized(struct vmap_area *root, struct vmap_area *va);

/* The same for a va whose ancestors are known (from
 * find_vmap_lowest_match, with nothing inserted or removed since). */
void free_tree_resized_path(struct vmap_area *va, const struct vmap_tree_path *path);

/* The free range with the highest va_start below addr, or NULL. (The
 * other functions take and give FREE_TREE_NIL for "no node" in the tree
 * and NULL for "no answer".) */
struct vmap_area *free_tree_prev(struct vmap_area *root, unsigned long addr);

/* Linux's find_vmap_lowest_match: the lowest free range of at least
 * length bytes, or NULL; its ancestors go to *path. When length is size +
 * align - PAGE_SIZE it is sure to hold size bytes at an align-aligned
 * start. One walk from the root down, no backtracking: O(height). */
struct vmap_area *find_vmap_lowest_match(struct vmap_area *root, unsigned long length,
                                         struct vmap_tree_path *path);

#endif
