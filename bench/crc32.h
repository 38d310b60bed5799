/* crc32.h - IEEE CRC-32 (zlib's crc32), incremental. Portable. */
#ifndef BENCH_CRC32_H
#define BENCH_CRC32_H
#include <stddef.h>
#include <stdint.h>
/* Continues crc (start with 0) over buf[0..len). crc32_update(0, "123456789", 9)
 * is 0xcbf43926. */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);
#endif
