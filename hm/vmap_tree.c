/*
 * vmap_tree.c - the augmented AVL tree of free vmap areas; see
 * vmap_tree.h. Each node is a free struct vmap_area: left, right (its
 * children), height (of its subtree, a leaf is 1) and subtree_max_size.
 */
#include "hm/vmap_tree.h"

/* Every missing child, and the empty tree: height 0, largest range 0, so
 * the walks need no NULL tests. Never written. */
struct vmap_area vmap_tree_nil;

static inline int tree_height(const struct vmap_area *n)
{
    return n->height;
}

static inline unsigned long tree_max(const struct vmap_area *n)
{
    return n->subtree_max_size;
}

/* Recompute n's height and subtree_max_size from its children. */
static void tree_fix(struct vmap_area *n)
{
    int hl = tree_height(n->left), hr = tree_height(n->right);
    unsigned long m = n->va_end - n->va_start;

    n->height = (hl > hr ? hl : hr) + 1;
    if (tree_max(n->left) > m)
        m = tree_max(n->left);
    if (tree_max(n->right) > m)
        m = tree_max(n->right);
    n->subtree_max_size = m;
}

static struct vmap_area *rotate_right(struct vmap_area *n)
{
    struct vmap_area *l = n->left;

    n->left = l->right;
    l->right = n;
    tree_fix(n);
    tree_fix(l);
    return l;
}

static struct vmap_area *rotate_left(struct vmap_area *n)
{
    struct vmap_area *r = n->right;

    n->right = r->left;
    r->left = n;
    tree_fix(n);
    tree_fix(r);
    return r;
}

/* n's children are balanced trees whose heights differ by at most 2:
 * fix n and rotate so they differ by at most 1; returns the new top. */
static struct vmap_area *tree_balance(struct vmap_area *n)
{
    int diff = tree_height(n->left) - tree_height(n->right);

    if (diff > 1) {
        if (tree_height(n->left->left) < tree_height(n->left->right))
            n->left = rotate_left(n->left);
        return rotate_right(n);
    }
    if (diff < -1) {
        if (tree_height(n->right->right) < tree_height(n->right->left))
            n->right = rotate_right(n->right);
        return rotate_left(n);
    }
    tree_fix(n);
    return n;
}

static struct vmap_area *tree_insert(struct vmap_area *n, struct vmap_area *va)
{
    if (n == FREE_TREE_NIL) {
        va->left = va->right = FREE_TREE_NIL;
        tree_fix(va);
        return va;
    }
    if (va->va_start < n->va_start)
        n->left = tree_insert(n->left, va);
    else
        n->right = tree_insert(n->right, va);
    return tree_balance(n);
}

/* Unlink the lowest node of n's subtree into *min; returns the new top. */
static struct vmap_area *tree_remove_min(struct vmap_area *n, struct vmap_area **min)
{
    if (n->left == FREE_TREE_NIL) {
        *min = n;
        return n->right;
    }
    n->left = tree_remove_min(n->left, min);
    return tree_balance(n);
}

static struct vmap_area *tree_remove(struct vmap_area *n, struct vmap_area *va)
{
    struct vmap_area *succ, *r;

    BUG_ON(n == FREE_TREE_NIL);                 /* va is not in the tree */
    if (va->va_start < n->va_start) {
        n->left = tree_remove(n->left, va);
    } else if (va->va_start > n->va_start) {
        n->right = tree_remove(n->right, va);
    } else {
        BUG_ON(n != va);
        if (n->right == FREE_TREE_NIL)
            return n->left;
        r = tree_remove_min(n->right, &succ);   /* the successor takes n's place */
        succ->left = n->left;
        succ->right = r;
        n = succ;
    }
    return tree_balance(n);
}

void free_tree_insert(struct vmap_area **root, struct vmap_area *va)
{
    *root = tree_insert(*root, va);
}

void free_tree_remove(struct vmap_area **root, struct vmap_area *va)
{
    *root = tree_remove(*root, va);
}

/* Recompute n's subtree_max_size alone; false if it did not change. */
static inline bool tree_fix_max(struct vmap_area *n)
{
    unsigned long m = n->va_end - n->va_start;

    if (n->left->subtree_max_size > m)
        m = n->left->subtree_max_size;
    if (n->right->subtree_max_size > m)
        m = n->right->subtree_max_size;
    if (m == n->subtree_max_size)
        return false;
    n->subtree_max_size = m;
    return true;
}

void free_tree_resized_path(struct vmap_area *va, const struct vmap_tree_path *path)
{
    int depth = path->depth;

    if (!tree_fix_max(va))
        return;
    while (depth-- && tree_fix_max(path->node[depth]))     /* an unchanged one ends it */
        ;
}

void free_tree_resized(struct vmap_area *root, struct vmap_area *va)
{
    struct vmap_tree_path path;
    struct vmap_area *n = root;

    path.depth = 0;
    while (n != va) {                           /* the ancestors of va, top down */
        BUG_ON(n == FREE_TREE_NIL || path.depth == VMAP_TREE_MAX_HEIGHT);
        path.node[path.depth++] = n;
        n = va->va_start < n->va_start ? n->left : n->right;
    }
    free_tree_resized_path(va, &path);
}

struct vmap_area *free_tree_prev(struct vmap_area *n, unsigned long addr)
{
    struct vmap_area *best = NULL;

    while (n != FREE_TREE_NIL) {
        if (n->va_start < addr) {
            best = n;
            n = n->right;
        } else {
            n = n->left;
        }
    }
    return best;
}

struct vmap_area *find_vmap_lowest_match(struct vmap_area *n, unsigned long length,
                                         struct vmap_tree_path *path)
{
    int depth = 0;

    if (tree_max(n) < length)
        return NULL;
    for (;;) {                  /* invariant: n's subtree holds a range >= length */
        struct vmap_area *next;

        if (tree_max(n->left) >= length)
            next = n->left;
        else if (n->va_end - n->va_start >= length)
            break;
        else
            next = n->right;
        path->node[depth++] = n;    /* depth < height <= VMAP_TREE_MAX_HEIGHT */
        n = next;
    }
    path->depth = depth;
    return n;
}
