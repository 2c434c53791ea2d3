/*
 * libFuzzer target for the decoder and splitter (make fuzz). Each input is decoded twice: as is,
 * and with the CRC of every frame recomputed, so that mutations reach the checks behind the CRC.
 * Properties beyond "no crash, no sanitizer report": every frame that decodes re-encodes, the
 * re-encoded frame decodes to the same content, and a frame in canonical form (frame_is_canonical)
 * re-encodes to its own bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plantar_frame.h"
#include "test_support.h"

static int32_t values[PLANTAR_MAX_DECODED_VALUES];
static int32_t values2[PLANTAR_MAX_DECODED_VALUES];
static uint8_t encoded[PLANTAR_MAX_FRAME_LEN];
static plantar_frame_t frame;
static plantar_frame_t again;

static void walk(const uint8_t *data, size_t size)
{
    plantar_splitter_t s;
    plantar_result_t r;
    size_t off = 0;
    plantar_splitter_init(&s, data, size);
    while ((r = plantar_splitter_next(&s, &frame, values, PLANTAR_MAX_DECODED_VALUES, &off)) ==
           PLANTAR_OK) {
        size_t len = 0;
        if (plantar_encode(&frame, encoded, sizeof encoded, &len) != PLANTAR_OK) {
            abort();
        }
        if (frame_is_canonical(&frame) &&
            (len != frame.frame_len || memcmp(encoded, data + off, len) != 0)) {
            abort();
        }
        if (plantar_decode(encoded, len, &again, values2, PLANTAR_MAX_DECODED_VALUES, NULL) !=
                PLANTAR_OK ||
            !frames_equal(&frame, &again)) {
            abort();
        }
    }
    if (r == PLANTAR_ERR_CAPACITY || r == PLANTAR_ERR_ARGUMENT) {
        abort();
    }
    /* a tiny value buffer must give a clean capacity error, never an overflow */
    (void)plantar_decode(data, size, &frame, values, 3, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *fixed;
    size_t pos = 0;
    walk(data, size);
    fixed = malloc(size == 0 ? 1 : size);
    if (fixed == NULL) {
        return 0;
    }
    memcpy(fixed, data, size);
    while (size - pos >= PLANTAR_FRAME_OVERHEAD) {
        const uint8_t *h = fixed + pos;
        size_t flen = 28U + h[6] + ((size_t)h[20] | ((size_t)h[21] << 8));
        uint32_t crc;
        if (flen > size - pos) {
            break;
        }
        crc = plantar_crc32c(fixed + pos, flen - 4U);
        fixed[pos + flen - 4U] = (uint8_t)crc;
        fixed[pos + flen - 3U] = (uint8_t)(crc >> 8);
        fixed[pos + flen - 2U] = (uint8_t)(crc >> 16);
        fixed[pos + flen - 1U] = (uint8_t)(crc >> 24);
        pos += flen;
    }
    walk(fixed, size);
    free(fixed);
    return 0;
}
