/* Test-side helpers: a byte-level frame builder independent of the codec's encoder, a bitwise
 * CRC-32C reference and a deterministic PRNG. */
#ifndef PLANTAR_TEST_SUPPORT_H
#define PLANTAR_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "plantar_frame.h"

/* xorshift32; state must be non-zero */
uint32_t xorshift32(uint32_t *state);

uint32_t crc32c_bitwise(const uint8_t *data, size_t len);

void put_le16(uint8_t *p, uint32_t v);
void put_le32(uint8_t *p, uint32_t v);
void put_le64(uint8_t *p, uint64_t v);

/* Writes header (device 0x00000000deadbeef, boot 7), ext, body and CRC; returns frame length. */
size_t raw_frame(uint8_t *out, unsigned msg_type, unsigned compat, const uint8_t *ext,
                 size_t ext_len, const uint8_t *body, size_t body_len);

/* Recomputes the CRC of the frame at `frame` from its own ext_len and body_len. */
void refresh_crc(uint8_t *frame);

/* Writes a 24-byte DATA body header; returns 24. */
size_t data_header(uint8_t *body, uint32_t k, uint32_t span, unsigned n_blocks);

/* Appends a block header + data at body[pos]; returns the new pos. */
size_t append_block(uint8_t *body, size_t pos, unsigned type, unsigned enc, unsigned channels,
                    const uint8_t *data, size_t data_len);

/* Minimal DELTA width of channel c of K x N sample-major values per §7, the slow way. */
unsigned minimal_width(const int32_t *v, unsigned k, unsigned n, unsigned c);

/* Semantic equality of two frames (what the JSON vectors carry). */
int frames_equal(const plantar_frame_t *a, const plantar_frame_t *b);

/* 1 when a decoded frame is in the encoder's form: no skipped block (its reserved byte is not
 * checked) and minimal DELTA widths (the decoder accepts wider ones: no §12 reason rejects them). */
int frame_is_canonical(const plantar_frame_t *f);

#endif
