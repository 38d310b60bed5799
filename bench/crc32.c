/* crc32.c - bitwise reflected CRC-32, polynomial 0xEDB88320. Tables are not
 * worth their 1 KiB here: the CRC covers a few KiB of CSV per run. */
#include "bench/crc32.h"

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    crc = ~crc;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}
