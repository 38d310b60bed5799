/*
 * list.h - Linux's circular doubly linked list, intrusive: a struct embeds
 * a struct list_head and container_of() walks back to the struct.
 */
#ifndef HM_LIST_H
#define HM_LIST_H

#include <stddef.h>
#include <stdbool.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

/* Make head an empty list (points at itself both ways). */
static inline void INIT_LIST_HEAD(struct list_head *head)
{
    head->next = head;
    head->prev = head;
}

static inline bool list_empty(const struct list_head *head)
{
    return head->next == head;
}

/* Insert entry right after head (stack order: newest first). */
static inline void list_add(struct list_head *entry, struct list_head *head)
{
    struct list_head *next = head->next;
    next->prev = entry;
    entry->next = next;
    entry->prev = head;
    head->next = entry;
}

/* Insert entry right before head (queue order: newest last). */
static inline void list_add_tail(struct list_head *entry, struct list_head *head)
{
    struct list_head *prev = head->prev;
    prev->next = entry;
    entry->prev = prev;
    entry->next = head;
    head->prev = entry;
}

/* Unlink entry from whatever list holds it; entry's own links are left stale. */
static inline void list_del(struct list_head *entry)
{
    entry->next->prev = entry->prev;
    entry->prev->next = entry->next;
}

#define list_for_each(pos, head) \
    for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

#endif
